-- A partner's endpoint (docs/notifications.md "Outgoing webhooks"), created by an admin holding notifications.send in
-- a two-factor session, who owns it (and is told if it gets disabled). The signing secret is returned here once and
-- never again; rotateWebhookSecret makes a new one.
create or replace function app_public.create_webhook(url text, events text[], description text default null)
returns app_public.webhook_secret
language plpgsql volatile security definer
set search_path = pg_catalog, public, pg_temp
as $$
declare
  v_admin uuid := app_private.require_admin('notifications.send', 'create webhooks');
  v_id uuid;
begin
  insert into app_public.notification_webhooks (owner_id, url, events, description)
  values (v_admin, create_webhook.url,
          (select coalesce(array_agg(distinct e order by e), '{}') from unnest(create_webhook.events) e),
          create_webhook.description)
  returning id into v_id;
  perform app_hidden.log_admin_action('create_webhook', 'notification_webhook', v_id::text, 'high', null,
    jsonb_build_object('url', create_webhook.url, 'events', create_webhook.events));
  return (v_id, app_private.new_webhook_secret(v_id, false))::app_public.webhook_secret;
end;
$$;
comment on function app_public.create_webhook(text, text[], text) is E'@resultFieldName webhookSecret\nRegisters a partner endpoint for event types (delivery.status_changed, offer.accepted, payment.captured, escrow.released, refund.created, dispute.opened, dispute.resolved, emergency.reported, user.verified) and returns its signing secret, shown only this once. Needs notifications.send and a two-factor session. Errors: LOGIN, DNIED, INVAL (url not https, events, description).';
grant execute on function app_public.create_webhook(text, text[], text) to app_user;
