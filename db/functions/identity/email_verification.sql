-- Email verification (docs/domain.md §1–2): a 32-byte link, 24 h, single-use, minted by the task that sends the
-- email (app_private.issue_email_token), so the secret never sits in the database or a job payload. Following it
-- confirms the address, activates a pending account and recomputes the verification level.

-- Queues the verification email of a user for their current address; the body carries {{token}} where the
-- sending task puts the link's secret.
create or replace function app_hidden.queue_verification_email(user_id uuid)
returns void
language sql volatile
set search_path = pg_catalog, public, pg_temp
as $$
  insert into app_private.emails (user_id, recipient, subject, body, kind)
  select u.id, c.email, 'Confirm your email address',
         format(E'Hello %s,\n\nwelcome to P2P Delivery. Confirm your email address within %s hours with this link:\n\n'
                '%s/verify-email?token={{token}}\n\nIf you did not sign up, you can ignore this message.\n',
                u.first_name, app_hidden.config_value('auth.email_token_hours'),
                app_hidden.config_value('platform.app_url') #>> '{}'),
         'verify_email'
    from app_public.users u
    join app_public.user_contacts c on c.user_id = u.id
   where u.id = queue_verification_email.user_id;
$$;
comment on function app_hidden.queue_verification_email(uuid) is 'Queues an email with a verification link for the user''s current address.';

create or replace function app_public.verify_email(token text)
returns boolean
language plpgsql volatile security definer
set search_path = pg_catalog, public, pg_temp
as $$
declare
  v_token app_private.email_verification_tokens;
begin
  if verify_email.token is null or verify_email.token !~ '^[0-9a-f]{64}$' then
    raise exception 'This verification link is not valid' using errcode = 'BADTK';
  end if;
  select * into v_token from app_private.email_verification_tokens t
   where t.token_hash = sha256(decode(verify_email.token, 'hex'))
   for update;
  if v_token.id is null or v_token.used_at is not null then
    raise exception 'This verification link is not valid or was already used' using errcode = 'BADTK';
  end if;
  if v_token.expires_at <= now() then
    raise exception 'This verification link has expired; ask for a new one' using errcode = 'EXPRD';
  end if;
  -- A link for an address the account no longer has proves nothing about the current one.
  if not exists (select 1 from app_public.user_contacts c
                  where c.user_id = v_token.user_id and c.email = v_token.email) then
    raise exception 'This verification link is for another email address' using errcode = 'BADTK';
  end if;

  update app_private.email_verification_tokens t set used_at = now()
   where t.user_id = v_token.user_id and t.used_at is null;
  update app_public.user_contacts c set email_verified_at = coalesce(c.email_verified_at, now())
   where c.user_id = v_token.user_id;
  update app_public.users u set status = 'active'
   where u.id = v_token.user_id and u.status = 'pending';
  perform app_hidden.refresh_verification_level(v_token.user_id);
  return true;
end;
$$;
comment on function app_public.verify_email(text) is E'@resultFieldName success\nConfirms an email address with the token from the emailed link: activates a pending account. Every link of the account stops working. Errors: BADTK (unknown, used or for another address), EXPRD (expired).';
grant execute on function app_public.verify_email(text) to app_anonymous;

create or replace function app_public.resend_verification_email(email text)
returns boolean
language plpgsql volatile security definer
set search_path = pg_catalog, public, pg_temp
as $$
declare
  v_user_id uuid;
  v_email text := lower(trim(resend_verification_email.email));
begin
  if v_email is null or length(v_email) > 254 then
    return true;
  end if;
  select c.user_id into v_user_id
    from app_public.user_contacts c
    join app_public.users u on u.id = c.user_id
   where c.email = v_email::citext and c.email_verified_at is null and u.deleted_at is null;
  -- The slot is taken per address whether or not an account needs the email, so the limit tells nothing either.
  if app_hidden.rate_limit_take('verify_email', v_email,
       (app_hidden.config_value('security.rate_verify_email_hour'))::int, interval '1 hour')
     and v_user_id is not null then
    perform app_hidden.queue_verification_email(v_user_id);
  end if;
  return true;
end;
$$;
comment on function app_public.resend_verification_email(text) is E'@resultFieldName success\nSends a new verification link if the address belongs to an account that still needs one (at most 5 per hour). Always returns true, so it reveals nothing about the address.';
grant execute on function app_public.resend_verification_email(text) to app_anonymous;
