-- Password login with lockout and per-IP rate limiting (docs/identity.md).
-- Bad credentials, a locked account and a rate-limited IP all return null without raising, so the attempt row and
-- the failure counters commit; the answer never says whether the email exists or why it was refused.
-- Concurrency: the account's secrets row is locked `for update`, so parallel attempts on one account are counted
-- one after the other and the lockout starts exactly at security.max_login_attempts.
-- The per-IP limit counts failed attempts only (wrong password, unknown email, locked), so successful logins from
-- a shared address (NAT, office) never lock anyone out.
create or replace function app_public.login(
  email text, password text, device_id text default null, device_type app_public.device_type default null,
  platform app_public.platform default null, app_version text default null)
returns app_public.auth_result
language plpgsql volatile security definer
set search_path = pg_catalog, public, pg_temp
as $$
declare
  v_email citext := left(coalesce(trim(login.email), ''), 320)::citext;
  v_ip inet := app_hidden.current_ip();
  v_user_id uuid;
  v_secrets app_private.user_secrets;
  v_ok boolean;
begin
  -- Anyone may call login (it is the way in); there is no caller to check beyond the credentials themselves.
  select c.user_id into v_user_id
    from app_public.user_contacts c
    join app_public.users u on u.id = c.user_id
   where c.email = v_email
     -- A suspended account signs in to read (and to learn when the suspension ends); require_user refuses it
     -- everything that creates content (SUSPD). Banned accounts never sign in.
     and (u.status in ('pending', 'active', 'suspended')
          -- A deactivated (not deleted) account may sign in for a while; success reactivates it below.
          or (u.status = 'deactivated' and u.deleted_at is null
              and u.deactivated_at > now() - make_interval(days => (app_hidden.config_value('auth.reactivation_days'))::int)));
  if v_user_id is not null then
    select * into v_secrets from app_private.user_secrets s where s.user_id = v_user_id for update;
  end if;

  -- An unknown email still costs one bcrypt, so timing does not reveal which emails exist.
  v_ok := v_secrets.password_hash is not null and login.password is not null
      and public.crypt(login.password, v_secrets.password_hash) = v_secrets.password_hash;
  if v_secrets.password_hash is null then
    perform app_private.hash_password(coalesce(login.password, ''));
  end if;

  if v_ip is not null and (
       select count(*) from app_private.login_attempts a
        where a.ip = v_ip and a.outcome <> 'success'
          and a.created_at > now() - interval '15 minutes'
     ) >= (app_hidden.config_value('security.rate_login_15min_ip'))::int then
    insert into app_private.login_attempts (user_id, email, ip, outcome) values (v_user_id, v_email, v_ip, 'rate_limited');
    return null;
  end if;

  if v_user_id is null then
    insert into app_private.login_attempts (user_id, email, ip, outcome) values (null, v_email, v_ip, 'unknown_email');
    return null;
  end if;

  if v_secrets.locked_until > now() then
    insert into app_private.login_attempts (user_id, email, ip, outcome) values (v_user_id, v_email, v_ip, 'locked');
    return null;
  end if;

  if not v_ok then
    insert into app_private.login_attempts (user_id, email, ip, outcome) values (v_user_id, v_email, v_ip, 'wrong_password');
    perform app_private.record_login_failure(v_user_id);
    return null;
  end if;

  insert into app_private.login_attempts (user_id, email, ip, outcome) values (v_user_id, v_email, v_ip, 'success');
  -- With two-factor authentication on, the streak is reset only by a correct code (verify_two_factor_login), and
  -- wrong codes count as failures too: a known password does not buy unlimited code guesses.
  if exists (select 1 from app_private.user_two_factor_auth t where t.user_id = v_user_id and t.enabled) then
    return app_private.start_mfa_challenge(v_user_id, left(login.device_id, 255), login.device_type, login.platform,
                                           left(login.app_version, 64));
  end if;
  update app_private.user_secrets s set failed_login_count = 0, locked_until = null
   where s.user_id = v_user_id and (s.failed_login_count <> 0 or s.locked_until is not null);
  perform app_private.reactivate_account(v_user_id);
  return app_private.start_session(v_user_id, left(login.device_id, 255), login.device_type, login.platform,
                                   left(login.app_version, 64));
end;
$$;
comment on function app_public.login(text, text, text, app_public.device_type, app_public.platform, text) is E'@resultFieldName authResult\nSigns in with email and password on a device and returns an access token and a refresh token (or, with two-factor authentication on, an mfaChallenge for verifyTwoFactorLogin), or null when they do not match, the account is temporarily locked or too many attempts came from this address (the answer does not say which).';
grant execute on function app_public.login(text, text, text, app_public.device_type, app_public.platform, text) to app_anonymous;
