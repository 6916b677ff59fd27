-- Outgoing webhooks (docs/notifications.md "Outgoing webhooks"): the rules of the notification_webhooks table.

-- Whether a URL is the plain-http loopback endpoint the platform allows while notifications.webhook_allow_loopback_http
-- is on (tests, local development). The worker calls no other non-public address (workers/notifications/public_http.ts).
create or replace function app_hidden.webhook_loopback_allowed(url text)
returns boolean
language sql stable
set search_path = pg_catalog, public, pg_temp
as $$
  select webhook_loopback_allowed.url ~ '^http://127\.0\.0\.1(:[0-9]{1,5})?(/|$)'
         and (app_hidden.config_value('notifications.webhook_allow_loopback_http'))::boolean;
$$;
comment on function app_hidden.webhook_loopback_allowed(text) is 'Whether a webhook URL is the loopback http endpoint allowed in development and tests.';
grant execute on function app_hidden.webhook_loopback_allowed(text) to app_user;

-- A webhook's URL must use https: a partner's endpoint receives delivery and payment events (plain http only to the
-- allowed loopback). Setting a disabled webhook active again clears its disabling and its run of failures.
create or replace function app_hidden.tg_notification_webhooks__check()
returns trigger
language plpgsql volatile
set search_path = pg_catalog, public, pg_temp
as $$
begin
  if NEW.url !~ '^https://' and not app_hidden.webhook_loopback_allowed(NEW.url) then
    raise exception 'url must use https' using errcode = 'INVAL';
  end if;
  if TG_OP = 'UPDATE' and NEW.active and not OLD.active then
    NEW.disabled_at := null;
    NEW.consecutive_failures := 0;
  end if;
  return NEW;
end;
$$;
comment on function app_hidden.tg_notification_webhooks__check() is 'Refuses a webhook URL that is not https (loopback http only when allowed); re-enabling clears the failures.';

create or replace trigger _200_check before insert or update on app_public.notification_webhooks
  for each row execute function app_hidden.tg_notification_webhooks__check();
create or replace trigger _100_timestamps before update on app_public.notification_webhooks
  for each row execute function app_hidden.tg__set_updated_at();
create or replace trigger _100_timestamps before update on app_public.webhook_deliveries
  for each row execute function app_hidden.tg__set_updated_at();

-- Admins edit and delete webhooks through the table (updateNotificationWebhook, deleteNotificationWebhook, under its
-- policies): each change by a signed-in user is an admin act, so it takes the admin caller check (a two-factor
-- session always, as for the functions) and is logged high (a partner's endpoint is configuration). The worker's own
-- updates (failures, disabling) have no signed-in user and are not admin acts.
create or replace function app_hidden.tg_notification_webhooks__audit()
returns trigger
language plpgsql volatile security definer
set search_path = pg_catalog, public, pg_temp
as $$
begin
  if app_public.current_user_id() is null then
    return null;
  end if;
  if TG_OP = 'DELETE' then
    perform app_private.require_admin('notifications.send', 'delete webhooks');
    perform app_hidden.log_admin_action('delete_notification_webhook', 'notification_webhook', OLD.id::text, 'high',
      jsonb_build_object('url', OLD.url, 'events', OLD.events, 'active', OLD.active));
  else
    perform app_private.require_admin('notifications.send', 'edit webhooks');
    perform app_hidden.log_admin_action('update_notification_webhook', 'notification_webhook', NEW.id::text, 'high',
      jsonb_build_object('url', OLD.url, 'description', OLD.description, 'events', OLD.events, 'active', OLD.active),
      jsonb_build_object('url', NEW.url, 'description', NEW.description, 'events', NEW.events, 'active', NEW.active));
  end if;
  return null;
end;
$$;
comment on function app_hidden.tg_notification_webhooks__audit() is 'An admin''s edit or deletion of a webhook: the admin caller check, then one high entry of the admin activity log.';
grant execute on function app_hidden.tg_notification_webhooks__audit() to app_user;

create or replace trigger _900_audit after update or delete on app_public.notification_webhooks
  for each row execute function app_hidden.tg_notification_webhooks__audit();

-- The header X-P2P-Signature of a body sent now: 't=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<body>")>', one
-- v1= per secret that signs (the current one, and the previous one for 24 hours after a rotation). The HMAC key is
-- the secret exactly as it was shown (64 hexadecimal characters).
create or replace function app_private.webhook_signature(webhook_id uuid, body text, at timestamptz)
returns text
language sql stable
set search_path = pg_catalog, public, pg_temp
as $$
  select 't=' || t.unix || string_agg(',v1=' || encode(public.hmac(convert_to(t.unix || '.' || webhook_signature.body, 'UTF8'),
                                                                   convert_to(encode(k.secret, 'hex'), 'UTF8'), 'sha256'), 'hex'),
                                      '' order by k.rank)
    from app_private.webhook_secrets s
   cross join lateral (select floor(extract(epoch from webhook_signature.at))::bigint::text as unix) t
   cross join lateral (values (1, s.current),
                              (2, case when s.previous_expires_at > webhook_signature.at then s.previous end)) k(rank, secret)
   where s.webhook_id = webhook_signature.webhook_id and k.secret is not null
   group by t.unix;
$$;
comment on function app_private.webhook_signature(uuid, text, timestamptz) is 'The X-P2P-Signature header of a webhook body signed at a time (one v1= per live secret).';

-- A new secret for a webhook (32 random bytes), stored, and returned once as hex. With keep_previous the one it
-- replaces keeps signing for 24 hours (a rotation); a secret older than that is forgotten.
create or replace function app_private.new_webhook_secret(webhook_id uuid, keep_previous boolean)
returns text
language plpgsql volatile
set search_path = pg_catalog, public, pg_temp
as $$
declare
  v_secret bytea := public.gen_random_bytes(32);
begin
  insert into app_private.webhook_secrets as s (webhook_id, current)
  values (new_webhook_secret.webhook_id, v_secret)
  on conflict on constraint webhook_secrets_pkey do update
     set current = excluded.current,
         previous = case when new_webhook_secret.keep_previous then s.current end,
         previous_expires_at = case when new_webhook_secret.keep_previous then now() + interval '24 hours' end,
         rotated_at = now();
  return encode(v_secret, 'hex');
end;
$$;
comment on function app_private.new_webhook_secret(uuid, boolean) is 'Stores a new signing secret for a webhook and returns it once (hex); optionally keeps the old one signing for 24 hours.';
