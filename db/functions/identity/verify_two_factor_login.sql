-- Second step of a login with two-factor authentication. A wrong code answers null without raising, so the try is
-- counted (auth.mfa_attempts per challenge); an unknown or used challenge is BADTK, an expired one EXPRD and one
-- whose tries are used up LIMIT.
create or replace function app_public.verify_two_factor_login(challenge text, code text)
returns app_public.auth_result
language plpgsql volatile security definer
set search_path = pg_catalog, public, pg_temp
as $$
declare
  v_challenge app_private.mfa_challenges;
  v_result app_public.auth_result;
begin
  -- Anyone may call this: holding the challenge (from a correct password) is the credential.
  if challenge is null or challenge !~ '^[0-9a-f]{64}$' then
    raise exception 'The challenge is invalid' using errcode = 'BADTK';
  end if;
  select * into v_challenge from app_private.mfa_challenges m
   where m.token_hash = sha256(decode(challenge, 'hex')) for update;
  if not found or v_challenge.used_at is not null then
    raise exception 'The challenge is invalid' using errcode = 'BADTK';
  end if;
  if v_challenge.expires_at <= now() then
    raise exception 'The challenge has expired; log in again' using errcode = 'EXPRD';
  end if;
  if v_challenge.attempts >= (app_hidden.config_value('auth.mfa_attempts'))::int then
    raise exception 'Too many wrong codes; log in again' using errcode = 'LIMIT';
  end if;
  -- Serialises with login and other challenges of the account (failure streak, session limit).
  perform 1 from app_private.user_secrets s where s.user_id = v_challenge.user_id for update;
  if exists (select 1 from app_private.user_secrets s where s.user_id = v_challenge.user_id and s.locked_until > now()) then
    raise exception 'The account is temporarily locked' using errcode = 'LOCKD';
  end if;
  update app_private.mfa_challenges m set attempts = m.attempts + 1 where m.id = v_challenge.id;
  if not (app_private.use_totp_code(v_challenge.user_id, code) or app_private.use_backup_code(v_challenge.user_id, code)) then
    perform app_private.record_login_failure(v_challenge.user_id);
    return null;
  end if;
  update app_private.mfa_challenges m set used_at = now() where m.id = v_challenge.id;
  update app_private.user_secrets s set failed_login_count = 0 where s.user_id = v_challenge.user_id;
  perform app_private.reactivate_account(v_challenge.user_id);
  v_result := app_private.start_session(v_challenge.user_id, v_challenge.device_id, v_challenge.device_type,
                                        v_challenge.platform, v_challenge.app_version);
  update app_private.sessions s set mfa_verified = true where s.id = (v_result.access_token).session_id;
  return v_result;
end;
$$;
comment on function app_public.verify_two_factor_login(text, text) is E'@resultFieldName authResult\nCompletes a login with two-factor authentication: the challenge from login and a TOTP or backup code. Null when the code is wrong (each try counts, towards the challenge and the account lockout); BADTK for an unknown or used challenge, EXPRD after 5 minutes, LIMIT after 5 wrong codes, LOCKD while the account is locked.';
grant execute on function app_public.verify_two_factor_login(text, text) to app_anonymous;
