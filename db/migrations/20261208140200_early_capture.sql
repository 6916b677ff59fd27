-- migrate:up
set local lock_timeout = '5s';
set local statement_timeout = '60s';

-- The early-capture guard (docs/payments.md, Flow 3): hourly, authorised payments whose authorisation lapses within
-- payments.capture_margin_hours are captured before the pickup. Its scan: authorised payments by capture_before.
-- squawk-ignore require-concurrent-index-creation
create index payment_intents_capture_before_idx on app_public.payment_intents (capture_before)
  where status = 'requires_capture';

-- migrate:down
set local lock_timeout = '5s';
drop index app_public.payment_intents_capture_before_idx;
