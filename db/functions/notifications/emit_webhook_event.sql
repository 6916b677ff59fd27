-- Outgoing webhooks (docs/notifications.md "Outgoing webhooks"): an event becomes one webhook_deliveries row per
-- active webhook that listens to its type, each with a webhook_deliveries__send job, in the transaction of the change
-- it describes: a partner hears of nothing that did not commit. Returns the event's id (none when nobody listens).
-- The body is what partners receive: {id, type, created_at, data}; data carries ids and states, never personal data.
-- Not granted to the API roles: the triggers that call it (webhook_events.sql) run as their owner.
create or replace function app_hidden.emit_webhook_event(type text, data jsonb)
returns uuid
language plpgsql volatile
set search_path = pg_catalog, public, pg_temp
as $$
declare
  v_event_id uuid := gen_random_uuid();
  v_payload jsonb := jsonb_build_object('id', v_event_id, 'type', emit_webhook_event.type,
    'created_at', to_char(now() at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'), 'data', emit_webhook_event.data);
  v_count integer;
begin
  with made as (
    insert into app_public.webhook_deliveries (webhook_id, event_id, event_type, payload)
    select w.id, v_event_id, emit_webhook_event.type, v_payload
      from app_public.notification_webhooks w
     where w.active and w.events @> array[emit_webhook_event.type]
    returning id)
  select count(*) into v_count
    from made, lateral app_private.enqueue_webhook_delivery(made.id, now()) j;
  return case when v_count > 0 then v_event_id end;
end;
$$;
comment on function app_hidden.emit_webhook_event(text, jsonb) is 'Queues an event for every active webhook listening to its type, in the caller''s transaction; returns the event id.';
