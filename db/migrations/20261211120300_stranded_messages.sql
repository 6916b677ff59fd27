-- migrate:up
set local lock_timeout = '5s';
set local statement_timeout = '60s';

-- The sweep of stranded messages (db/functions/notifications/notifications__requeue_stranded.sql): how long a due
-- row may wait without a job before it gets one again, and the index that finds the webhook deliveries still to
-- send (the queued notifications have notifications_queued_idx).
insert into app_public.system_configuration (category, key, value, data_type, validation, is_sensitive, is_public, description) values
  ('notifications', 'stranded_after_minutes', '15', 'integer', '{"min": 5, "max": 1440}', false, false,
   'Minutes a due notification or webhook delivery may wait without a sending job (a job lost with its worker) before the sweep gives it one again.');

-- Deliveries still to send are few next to the 30 days kept: a partial index stays small.
-- squawk-ignore require-concurrent-index-creation
create index webhook_deliveries_due_idx on app_public.webhook_deliveries (next_attempt_at) where status in ('pending', 'failed');

-- migrate:down
set local lock_timeout = '5s';
drop index app_public.webhook_deliveries_due_idx;
delete from app_public.system_configuration where category = 'notifications' and key = 'stranded_after_minutes';
