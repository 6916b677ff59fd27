-- A new signing secret for a webhook, returned once. The previous one keeps signing for 24 hours (each request then
-- carries two v1= signatures), so the partner can switch without losing events; rotating again within those 24 hours
-- drops the oldest.
create or replace function app_public.rotate_webhook_secret(webhook_id uuid)
returns app_public.webhook_secret
language plpgsql volatile security definer
set search_path = pg_catalog, public, pg_temp
as $$
declare
  v_admin uuid := app_private.require_admin('notifications.send', 'rotate webhook secrets');
  v_id uuid;
begin
  select w.id into v_id from app_public.notification_webhooks w where w.id = rotate_webhook_secret.webhook_id for update;
  if v_id is null then
    raise exception 'webhook_id names no webhook' using errcode = 'NTFND';
  end if;
  perform app_hidden.log_admin_action('rotate_webhook_secret', 'notification_webhook', v_id::text, 'high');
  return (v_id, app_private.new_webhook_secret(v_id, true))::app_public.webhook_secret;
end;
$$;
comment on function app_public.rotate_webhook_secret(uuid) is E'@resultFieldName webhookSecret\nReplaces a webhook''s signing secret and returns the new one, shown only this once; the old one keeps signing for 24 hours. Needs notifications.send and a two-factor session. Errors: LOGIN, DNIED, NTFND.';
grant execute on function app_public.rotate_webhook_secret(uuid) to app_user;
