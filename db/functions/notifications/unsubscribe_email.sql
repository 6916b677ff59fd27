-- Unsubscribe links (docs/notifications.md): every email outside the security category carries a link whose token
-- names the user and the category, signed with HMAC-SHA256 under app_private.email_unsubscribe_keys. Following it
-- needs no session: the signature is the credential, and no token is stored anywhere. rotateUnsubscribeKey
-- (rotate_unsubscribe_key.sql) replaces the key; the one before keeps verifying for
-- notifications.unsubscribe_key_grace_days unless the rotation revoked it.

-- The HMAC of "<user id>.<category>" under a key (hex).
create or replace function app_private.email_unsubscribe_hmac(key bytea, user_id uuid, category app_public.notification_category)
returns text
language sql immutable
set search_path = pg_catalog, public, pg_temp
as $$
  select encode(public.hmac(convert_to(email_unsubscribe_hmac.user_id::text || '.' || email_unsubscribe_hmac.category, 'UTF8'),
                            email_unsubscribe_hmac.key, 'sha256'), 'hex');
$$;
comment on function app_private.email_unsubscribe_hmac(bytea, uuid, app_public.notification_category) is
  'The HMAC of an unsubscribe link naming a user and an email category, under a key.';

-- The signature of new links: under the current key.
create or replace function app_private.email_unsubscribe_signature(user_id uuid, category app_public.notification_category)
returns text
language sql stable
set search_path = pg_catalog, public, pg_temp
as $$
  select app_private.email_unsubscribe_hmac(k.key, email_unsubscribe_signature.user_id, email_unsubscribe_signature.category)
    from app_private.email_unsubscribe_keys k;
$$;
comment on function app_private.email_unsubscribe_signature(uuid, app_public.notification_category) is
  'The signature of a new unsubscribe link naming a user and an email category (current key).';

-- Whether a link's signature verifies: under the current key, or the previous one within the grace period.
create or replace function app_private.email_unsubscribe_signature_valid(user_id uuid, category app_public.notification_category,
                                                                         signature text)
returns boolean
language sql stable
set search_path = pg_catalog, public, pg_temp
as $$
  select coalesce(bool_or(app_private.email_unsubscribe_hmac(v.signing_key, email_unsubscribe_signature_valid.user_id,
                                                             email_unsubscribe_signature_valid.category)
                          = email_unsubscribe_signature_valid.signature), false)
    from app_private.email_unsubscribe_keys k
    cross join lateral (values (k.key),
                               (case when k.rotated_at + make_interval(days =>
                                            (app_hidden.config_value('notifications.unsubscribe_key_grace_days'))::int) > now()
                                     then k.previous_key end)) v (signing_key)
   where v.signing_key is not null;
$$;
comment on function app_private.email_unsubscribe_signature_valid(uuid, app_public.notification_category, text) is
  'Whether an unsubscribe link''s signature verifies (current key, or the previous one within the grace period).';

-- The link of a notification's email (the worker appends it): null for security emails, which cannot be switched off.
create or replace function app_private.email_unsubscribe_link(notification_id uuid)
returns text
language sql stable
set search_path = pg_catalog, public, pg_temp
as $$
  select (app_hidden.config_value('platform.app_url') #>> '{}') || '/unsubscribe?token=' || n.user_id || '.'
         || n.category || '.' || app_private.email_unsubscribe_signature(n.user_id, n.category)
    from app_public.notifications n
   where n.id = email_unsubscribe_link.notification_id and n.channel = 'email' and n.category <> 'security';
$$;
comment on function app_private.email_unsubscribe_link(uuid) is
  'The unsubscribe link of a non-security email notification (its user and category, signed); null otherwise.';

-- Follows a link: switches the named category's email off for the named user. No session needed (visitors call it
-- from the link); a token that does not verify, or names the security category, is INVAL. Returns the category.
create or replace function app_public.unsubscribe_email(signed_token text)
returns app_public.notification_category
language plpgsql volatile security definer
set search_path = pg_catalog, public, pg_temp
as $$
declare
  v_parts text[] := regexp_match(unsubscribe_email.signed_token,
    '^([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\.([a-z_]{1,32})\.([0-9a-f]{64})$');
  v_category app_public.notification_category;
begin
  -- The caller check: the signature (a visitor may call this; the link is the credential).
  if v_parts is null or v_parts[2] not in (select unnest(enum_range(null::app_public.notification_category))::text)
     or v_parts[2] = 'security'
     or not app_private.email_unsubscribe_signature_valid(v_parts[1]::uuid, v_parts[2]::app_public.notification_category,
                                                          v_parts[3]) then
    raise exception 'signed_token is not a valid unsubscribe link' using errcode = 'INVAL';
  end if;
  v_category := v_parts[2]::app_public.notification_category;
  update app_public.notification_preferences p
     set categories = jsonb_set(p.categories, '{email}',
                                coalesce(p.categories -> 'email', '{}') || jsonb_build_object(v_category, false))
   where p.user_id = v_parts[1]::uuid;
  return v_category;
end;
$$;
comment on function app_public.unsubscribe_email(text) is
  E'@resultFieldName category\nSwitches off one category of email for the user an unsubscribe link (the token at the end of every non-security email) names; no sign-in needed, the link is signed. Returns the category. Errors: INVAL.';
grant execute on function app_public.unsubscribe_email(text) to app_anonymous;
