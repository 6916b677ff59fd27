-- Unsubscribe links (docs/notifications.md): every email outside the security category carries a link whose token
-- names the user and the category, signed with HMAC-SHA256 under app_private.email_unsubscribe_keys. Following it
-- needs no session: the signature is the credential, and no token is stored anywhere.

-- The signed token of (user, category): '<user id>.<category>.<hex HMAC-SHA256 of "<user id>.<category>">'.
create or replace function app_private.email_unsubscribe_signature(user_id uuid, category app_public.notification_category)
returns text
language sql stable
set search_path = pg_catalog, public, pg_temp
as $$
  select encode(public.hmac(convert_to(email_unsubscribe_signature.user_id::text || '.'
                                       || email_unsubscribe_signature.category, 'UTF8'), k.key, 'sha256'), 'hex')
    from app_private.email_unsubscribe_keys k;
$$;
comment on function app_private.email_unsubscribe_signature(uuid, app_public.notification_category) is
  'The HMAC of an unsubscribe link naming a user and an email category.';

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
     or app_private.email_unsubscribe_signature(v_parts[1]::uuid, v_parts[2]::app_public.notification_category)
        is distinct from v_parts[3] then
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
