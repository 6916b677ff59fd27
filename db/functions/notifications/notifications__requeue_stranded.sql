-- The sweep of stranded messages (docs/notifications.md, "Sending"), every 15 minutes (workers/crontab,
-- notifications__requeue_stranded). Sending jobs run once (max_attempts 1: the retry schedule is SQL's), so a job
-- lost with its worker (a crash, a task that threw before recording its outcome) would leave its row waiting forever.
-- Such a job stays in graphile_worker.jobs, dead: its attempts used up (a task that threw), or unlocked after the
-- dead worker's lock expired with its attempts used up. A notification still queued, a digest row still queued, or a
-- webhook delivery still pending or failed, due more than notifications.stranded_after_minutes ago and without a
-- live job, gets its job again (add_job with the same key revives a dead one). A row whose job is live (waiting, or
-- locked by a worker right now) is left alone: a second job could send it twice.

-- Whether a job of graphile-worker may still run: locked by a worker now, or with attempts left.
create or replace function app_private.job_is_live(locked_at timestamptz, attempts integer, max_attempts integer)
returns boolean
language sql immutable
set search_path = pg_catalog, public, pg_temp
as $$
  select job_is_live.locked_at is not null or job_is_live.attempts < job_is_live.max_attempts;
$$;
comment on function app_private.job_is_live(timestamptz, integer, integer) is 'Whether a graphile-worker job may still run (locked now, or attempts left).';

-- Re-enqueues up to `batch` stranded rows of each kind; returns how many. The queued-rows indexes find them; each
-- job is looked up by its unique key.
create or replace function app_private.requeue_stranded_messages(batch integer default 1000)
returns integer
language plpgsql volatile
set search_path = pg_catalog, public, pg_temp
as $$
declare
  v_cutoff timestamptz := now() - make_interval(mins => (app_hidden.config_value('notifications.stranded_after_minutes'))::int);
  v_notifications integer;
  v_digests integer;
  v_deliveries integer;
begin
  select count(*) into v_notifications
    from (select n.id from app_public.notifications n
           where n.status = 'queued' and n.scheduled_at < v_cutoff and not n.digest
             and not exists (select 1 from graphile_worker.jobs j where j.key = 'notifications__send:' || n.id
                                and app_private.job_is_live(j.locked_at, j.attempts, j.max_attempts))
           limit requeue_stranded_messages.batch) s,
         lateral app_private.enqueue_notification(s.id, now()) j;
  -- A digest job sends every due digest row of its user: one new job per user is enough.
  select count(*) into v_digests
    from (select distinct n.user_id from app_public.notifications n
           where n.status = 'queued' and n.scheduled_at < v_cutoff and n.digest
             and not exists (select 1 from graphile_worker.jobs j
                              where j.key like 'notifications__send\_digest:' || n.user_id || ':%'
                                and app_private.job_is_live(j.locked_at, j.attempts, j.max_attempts))
           limit requeue_stranded_messages.batch) s,
         lateral app_private.enqueue_digest(s.user_id, now()) j;
  select count(*) into v_deliveries
    from (select d.id from app_public.webhook_deliveries d
           where d.status in ('pending', 'failed') and d.next_attempt_at < v_cutoff
             and not exists (select 1 from graphile_worker.jobs j where j.key = 'webhook_deliveries__send:' || d.id
                                and app_private.job_is_live(j.locked_at, j.attempts, j.max_attempts))
           limit requeue_stranded_messages.batch) s,
         lateral app_private.enqueue_webhook_delivery(s.id, now()) j;
  return v_notifications + v_digests + v_deliveries;
end;
$$;
comment on function app_private.requeue_stranded_messages(integer) is
  'notifications__requeue_stranded: gives queued notifications, digests and webhook deliveries whose job was lost a job again.';
