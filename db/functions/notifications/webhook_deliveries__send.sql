-- What the webhook_deliveries__send task reads and reports (workers/tasks/webhook_deliveries__send.ts). The database
-- signs (the secrets never leave it) and decides: succeeded on a 2xx answer; otherwise a retry after each of
-- notifications.webhook_retry_minutes (1, 5, 30, 120, 720), then abandoned; notifications.webhook_disable_after (20)
-- deliveries abandoned in a row disable the webhook and tell its owner.

-- The sending job of one webhook delivery, at a time: the only way a webhook_deliveries__send job is made (an event,
-- a test, a retry, the sweep of stranded deliveries); one job per delivery (its job_key), max_attempts 1 (retries are
-- SQL's schedule, record_webhook_attempt).
create or replace function app_private.enqueue_webhook_delivery(delivery_id uuid, at timestamptz)
returns void
language sql volatile
set search_path = pg_catalog, public, pg_temp
as $$
  select null from graphile_worker.add_job('webhook_deliveries__send', json_build_object('id', enqueue_webhook_delivery.delivery_id),
    run_at := enqueue_webhook_delivery.at, job_key := 'webhook_deliveries__send:' || enqueue_webhook_delivery.delivery_id,
    max_attempts := 1);
$$;
comment on function app_private.enqueue_webhook_delivery(uuid, timestamptz) is 'Enqueues the sending job of a webhook delivery (one job per delivery).';

-- The request for a delivery that is due: {url, body, event_id, signature, timeout_ms}. Null when it was sent,
-- abandoned, or is not due (the job ran twice). A delivery to a webhook that is no longer active is abandoned here,
-- without counting against the webhook.
create or replace function app_private.webhook_delivery_to_send(delivery_id uuid)
returns jsonb
language plpgsql volatile
set search_path = pg_catalog, public, pg_temp
as $$
declare
  v_d app_public.webhook_deliveries;
  v_w app_public.notification_webhooks;
  v_body text;
begin
  select * into v_d from app_public.webhook_deliveries d
   where d.id = webhook_delivery_to_send.delivery_id and d.status in ('pending', 'failed') and d.next_attempt_at <= now()
   for update;
  if v_d.id is null then
    return null;
  end if;
  select * into v_w from app_public.notification_webhooks w where w.id = v_d.webhook_id;
  if not v_w.active then
    update app_public.webhook_deliveries d set status = 'abandoned', last_error = 'the webhook is not active'
     where d.id = v_d.id;
    return null;
  end if;
  v_body := v_d.payload::text;
  return jsonb_build_object('url', v_w.url, 'body', v_body, 'event_id', v_d.event_id,
    'signature', app_private.webhook_signature(v_w.id, v_body, clock_timestamp()),
    'timeout_ms', (app_hidden.config_value('notifications.webhook_timeout_seconds'))::int * 1000,
    'allow_loopback', app_hidden.webhook_loopback_allowed(v_w.url));
end;
$$;
comment on function app_private.webhook_delivery_to_send(uuid) is 'A due webhook delivery''s signed request (url, body, headers'' values, timeout, whether loopback is allowed), or null.';

-- The outcome of one call: the HTTP status (null after a timeout or a network error) and the error. Returns the new
-- status of the delivery, null when it was no longer due.
create or replace function app_private.record_webhook_attempt(delivery_id uuid, status_code integer, error text default null)
returns app_public.webhook_delivery_status
language plpgsql volatile
set search_path = pg_catalog, public, pg_temp
as $$
declare
  v_d app_public.webhook_deliveries;
  v_w app_public.notification_webhooks;
  v_delays jsonb := app_hidden.config_value('notifications.webhook_retry_minutes');
  v_status app_public.webhook_delivery_status;
  v_next timestamptz;
begin
  select * into v_d from app_public.webhook_deliveries d
   where d.id = record_webhook_attempt.delivery_id and d.status in ('pending', 'failed')
   for update;
  if v_d.id is null then
    return null;
  end if;
  if record_webhook_attempt.status_code between 200 and 299 then
    v_status := 'succeeded';
  elsif v_d.attempts < jsonb_array_length(v_delays) then
    v_status := 'failed';
    v_next := now() + make_interval(mins => (v_delays ->> v_d.attempts)::int);
  else
    v_status := 'abandoned';
  end if;
  update app_public.webhook_deliveries d
     set attempts = d.attempts + 1, status = v_status,
         last_status_code = record_webhook_attempt.status_code,
         last_error = case when v_status <> 'succeeded'
                           then left(coalesce(record_webhook_attempt.error,
                                              'the endpoint answered ' || record_webhook_attempt.status_code), 2000) end,
         delivered_at = case when v_status = 'succeeded' then now() end,
         next_attempt_at = coalesce(v_next, d.next_attempt_at)
   where d.id = v_d.id;

  -- The webhook's run of abandoned deliveries: a success ends it; the one that reaches the limit disables the
  -- webhook (the row lock orders concurrent deliveries, so exactly one of them disables it and tells the owner).
  if v_status = 'failed' then
    perform app_private.enqueue_webhook_delivery(v_d.id, v_next);
  elsif v_status = 'succeeded' then
    update app_public.notification_webhooks w set consecutive_failures = 0
     where w.id = v_d.webhook_id and w.consecutive_failures <> 0;
  else
    update app_public.notification_webhooks w
       set consecutive_failures = w.consecutive_failures + 1
     where w.id = v_d.webhook_id
    returning * into v_w;
    if v_w.active and v_w.consecutive_failures >= (app_hidden.config_value('notifications.webhook_disable_after'))::int then
      update app_public.notification_webhooks w set active = false, disabled_at = now() where w.id = v_w.id;
      if v_w.owner_id is not null then
        perform app_hidden.notify(v_w.owner_id, 'webhook_disabled',
          jsonb_build_object('url', v_w.url, 'failures', v_w.consecutive_failures), 'high');
      end if;
    end if;
  end if;
  return v_status;
end;
$$;
comment on function app_private.record_webhook_attempt(uuid, integer, text) is
  'Records one call of a webhook delivery: succeeded, retried later or abandoned (disabling the webhook after too many).';

-- Retention (app_private.cleanup_expired_data): deliveries older than notifications.webhook_retention_days go,
-- retention.batch_size at a time.
create or replace function app_private.delete_old_webhook_deliveries()
returns integer
language sql volatile
set search_path = pg_catalog, public, pg_temp
as $$
  with gone as (
    delete from app_public.webhook_deliveries d
     where d.id in (select o.id from app_public.webhook_deliveries o
                     where o.created_at < now() - make_interval(days => (app_hidden.config_value('notifications.webhook_retention_days'))::int)
                     order by o.created_at
                     limit (app_hidden.config_value('retention.batch_size'))::int)
    returning 1)
  select count(*)::int from gone;
$$;
comment on function app_private.delete_old_webhook_deliveries() is 'Deletes webhook deliveries past notifications.webhook_retention_days, one batch.';
