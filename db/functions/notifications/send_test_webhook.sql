-- A test event (type webhook.test, data {webhook_id, sent_by}) posted to one active webhook whatever its event types,
-- signed and retried like any other: what an admin uses to check a partner's receiver.
create or replace function app_public.send_test_webhook(webhook_id uuid)
returns app_public.webhook_deliveries
language plpgsql volatile security definer
set search_path = pg_catalog, public, pg_temp
as $$
declare
  v_admin uuid := app_private.require_admin('notifications.send', 'send test webhooks');
  v_w app_public.notification_webhooks;
  v_event_id uuid := gen_random_uuid();
  v_d app_public.webhook_deliveries;
begin
  select * into v_w from app_public.notification_webhooks w where w.id = send_test_webhook.webhook_id;
  if v_w.id is null then
    raise exception 'webhook_id names no webhook' using errcode = 'NTFND';
  end if;
  if not v_w.active then
    raise exception 'The webhook is not active' using errcode = 'BADST';
  end if;
  insert into app_public.webhook_deliveries (webhook_id, event_id, event_type, payload)
  values (v_w.id, v_event_id, 'webhook.test',
          jsonb_build_object('id', v_event_id, 'type', 'webhook.test',
            'created_at', to_char(now() at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
            'data', jsonb_build_object('webhook_id', v_w.id, 'sent_by', v_admin)))
  returning * into v_d;
  perform app_hidden.log_admin_action('send_test_webhook', 'notification_webhook', v_w.id::text, 'low', null,
    jsonb_build_object('webhook_delivery_id', v_d.id));
  perform app_private.enqueue_webhook_delivery(v_d.id, now());
  return v_d;
end;
$$;
comment on function app_public.send_test_webhook(uuid) is E'@resultFieldName webhookDelivery\nPosts a signed webhook.test event to an active webhook now (retried like any event). Needs notifications.send and a two-factor session. Errors: LOGIN, DNIED, NTFND, BADST (webhook not active).';
grant execute on function app_public.send_test_webhook(uuid) to app_user;
