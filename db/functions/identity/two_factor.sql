-- Two-factor authentication (docs/domain.md §2): TOTP per RFC 6238 (SHA-1, 6 digits, 30 s, ±auth.totp_window_steps),
-- a step is accepted once (last_used_step), and auth.backup_codes single-use backup codes stored as bcrypt hashes.
-- The secret is stored encrypted (totp_secret.sql).

-- Whether code is a valid TOTP code for the user's secret in the window, on a step later than the last one used;
-- records the step. A secret this transaction cannot decrypt (totp_secret.sql) accepts no code, so backup codes
-- still work. A secret still under the previous key is sealed again under the current one once a code proves it.
create or replace function app_private.use_totp_code(user_id uuid, code text)
returns boolean
language plpgsql volatile
set search_path = pg_catalog, public, pg_temp
as $$
declare
  v_row app_private.user_two_factor_auth;
  v_secret bytea;
  v_now bigint := floor(extract(epoch from now()) / 30)::bigint;
  v_window integer := (app_hidden.config_value('auth.totp_window_steps'))::int;
  v_step bigint;
begin
  select * into v_row from app_private.user_two_factor_auth t where t.user_id = use_totp_code.user_id for update;
  if not found or code is null or code !~ '^[0-9]{6}$' then
    return false;
  end if;
  v_secret := app_private.open_totp_secret(v_row);
  if v_secret is null then
    return false;
  end if;
  v_step := v_now - v_window;
  while v_step <= v_now + v_window loop
    if v_step > coalesce(v_row.last_used_step, -1) and app_private.totp_code(v_secret, v_step) = code then
      update app_private.user_two_factor_auth t set last_used_step = v_step where t.user_id = use_totp_code.user_id;
      if v_row.secret_key_id is distinct from app_private.totp_key_id(app_private.totp_key('current')) then
        perform app_private.seal_totp_secret(use_totp_code.user_id, v_secret);
      end if;
      return true;
    end if;
    v_step := v_step + 1;
  end loop;
  return false;
end;
$$;
comment on function app_private.use_totp_code(uuid, text) is 'Accepts a TOTP code once per step (±window) and records its step.';

-- Whether code is one of the user's unused backup codes; it is used up.
create or replace function app_private.use_backup_code(user_id uuid, code text)
returns boolean
language plpgsql volatile
set search_path = pg_catalog, public, pg_temp
as $$
declare
  v_row app_private.user_two_factor_auth;
  v_normalised text := lower(replace(coalesce(code, ''), '-', ''));
  v_hash text;
begin
  select * into v_row from app_private.user_two_factor_auth t
   where t.user_id = use_backup_code.user_id and t.enabled for update;
  if not found or v_normalised !~ '^[0-9a-f]{10}$' then
    return false;
  end if;
  foreach v_hash in array v_row.backup_code_hashes loop
    if public.crypt(v_normalised, v_hash) = v_hash then
      update app_private.user_two_factor_auth t set backup_code_hashes = array_remove(t.backup_code_hashes, v_hash)
       where t.user_id = use_backup_code.user_id;
      return true;
    end if;
  end loop;
  return false;
end;
$$;
comment on function app_private.use_backup_code(uuid, text) is 'Accepts an unused backup code once.';

-- New backup codes (xxxxx-xxxxx, 40 random bits each) replacing the old ones; returned once, stored as bcrypt.
create or replace function app_private.new_backup_codes(user_id uuid)
returns text[]
language plpgsql volatile
set search_path = pg_catalog, public, pg_temp
as $$
declare
  v_codes text[];
begin
  select array_agg(encode(public.gen_random_bytes(5), 'hex')) into v_codes
    from generate_series(1, (app_hidden.config_value('auth.backup_codes'))::int);
  update app_private.user_two_factor_auth t
     set backup_code_hashes = array(
       select public.crypt(c, public.gen_salt('bf', (app_hidden.config_value('auth.backup_code_bcrypt_cost'))::int))
         from unnest(v_codes) as c)
   where t.user_id = new_backup_codes.user_id;
  return array(select substr(c, 1, 5) || '-' || substr(c, 6) from unnest(v_codes) as c);
end;
$$;
comment on function app_private.new_backup_codes(uuid) is 'Replaces the backup codes of the user and returns the new ones.';

create or replace function app_public.setup_two_factor()
returns app_public.two_factor_setup
language plpgsql volatile security definer
set search_path = pg_catalog, public, pg_temp
as $$
declare
  v_user_id uuid := app_hidden.require_session();
  v_secret bytea := public.gen_random_bytes(20);
  v_email citext;
  v_issuer text := app_hidden.config_value('auth.totp_issuer') #>> '{}';
begin
  perform 1 from app_private.user_secrets s where s.user_id = v_user_id for update;  -- one setup at a time
  if exists (select 1 from app_private.user_two_factor_auth t where t.user_id = v_user_id and t.enabled) then
    raise exception 'Two-factor authentication is already on' using errcode = 'BADST';
  end if;
  if (select count(*) from app_private.two_factor_setups s
       where s.user_id = v_user_id and s.created_at > now() - interval '1 hour')
     >= (app_hidden.config_value('security.rate_2fa_setup_hour'))::int then
    raise exception 'Too many two-factor setups; try again later' using errcode = 'LIMIT';
  end if;
  insert into app_private.two_factor_setups (user_id) values (v_user_id);
  perform app_private.seal_totp_secret(v_user_id, v_secret);
  -- A setup started again forgets the previous one's codes and steps.
  update app_private.user_two_factor_auth t set backup_code_hashes = '{}', last_used_step = null, created_at = now()
   where t.user_id = v_user_id;
  select c.email into v_email from app_public.user_contacts c where c.user_id = v_user_id;
  return row(
    app_private.base32_encode(v_secret),
    format('otpauth://totp/%s:%s?secret=%s&issuer=%s&algorithm=SHA1&digits=6&period=30',
           app_private.uri_encode(v_issuer), app_private.uri_encode(v_email::text), app_private.base32_encode(v_secret),
           app_private.uri_encode(v_issuer))
  )::app_public.two_factor_setup;
end;
$$;
comment on function app_public.setup_two_factor() is E'@resultFieldName setup\nStarts turning on two-factor authentication: returns a new TOTP secret and its otpauth:// URI, shown once. Confirm with confirmTwoFactor. BADST when it is already on, LIMIT after too many setups in an hour.';
grant execute on function app_public.setup_two_factor() to app_user;

create or replace function app_public.confirm_two_factor(code text)
returns text[]
language plpgsql volatile security definer
set search_path = pg_catalog, public, pg_temp
as $$
declare
  v_user_id uuid := app_hidden.require_session();
begin
  if not exists (select 1 from app_private.user_two_factor_auth t where t.user_id = v_user_id and not t.enabled) then
    raise exception 'Start with setupTwoFactor' using errcode = 'BADST';
  end if;
  if not app_private.use_totp_code(v_user_id, code) then
    raise exception 'The code is wrong' using errcode = 'BADTK';
  end if;
  update app_private.user_two_factor_auth t set enabled = true, enabled_at = now() where t.user_id = v_user_id;
  update app_private.sessions s set mfa_verified = true where s.id = app_hidden.current_session_id();
  return app_private.new_backup_codes(v_user_id);
end;
$$;
comment on function app_public.confirm_two_factor(text) is E'@resultFieldName backupCodes\nTurns two-factor authentication on with a code from the authenticator app and returns the backup codes, shown once. BADTK when the code is wrong, BADST without a pending setup.';
grant execute on function app_public.confirm_two_factor(text) to app_user;

create or replace function app_public.disable_two_factor(password text, code text)
returns boolean
language plpgsql volatile security definer
set search_path = pg_catalog, public, pg_temp
as $$
declare
  v_user_id uuid := app_hidden.require_session();
begin
  if not exists (select 1 from app_private.user_two_factor_auth t where t.user_id = v_user_id and t.enabled) then
    raise exception 'Two-factor authentication is off' using errcode = 'BADST';
  end if;
  if not coalesce(app_private.check_password(v_user_id, password), false) then
    raise exception 'The password is wrong' using errcode = 'CREDS';
  end if;
  if not (app_private.use_totp_code(v_user_id, code) or app_private.use_backup_code(v_user_id, code)) then
    raise exception 'The code is wrong' using errcode = 'BADTK';
  end if;
  delete from app_private.user_two_factor_auth t where t.user_id = v_user_id;
  return true;
end;
$$;
comment on function app_public.disable_two_factor(text, text) is E'@resultFieldName success\nTurns two-factor authentication off; needs the password (CREDS when wrong) and a TOTP or backup code (BADTK when wrong).';
grant execute on function app_public.disable_two_factor(text, text) to app_user;

create or replace function app_public.regenerate_backup_codes(code text)
returns text[]
language plpgsql volatile security definer
set search_path = pg_catalog, public, pg_temp
as $$
declare
  v_user_id uuid := app_hidden.require_session();
begin
  if not exists (select 1 from app_private.user_two_factor_auth t where t.user_id = v_user_id and t.enabled) then
    raise exception 'Two-factor authentication is off' using errcode = 'BADST';
  end if;
  if not app_private.use_totp_code(v_user_id, code) then
    raise exception 'The code is wrong' using errcode = 'BADTK';
  end if;
  return app_private.new_backup_codes(v_user_id);
end;
$$;
comment on function app_public.regenerate_backup_codes(text) is E'@resultFieldName backupCodes\nReplaces the backup codes (the old ones stop working) after a TOTP code; returns the new ones, shown once. BADTK when the code is wrong.';
grant execute on function app_public.regenerate_backup_codes(text) to app_user;

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

-- A login challenge for a user with two-factor authentication on (called by login after the password matched).
create or replace function app_private.start_mfa_challenge(
  user_id uuid, device_id text, device_type app_public.device_type, platform app_public.platform, app_version text)
returns app_public.auth_result
language plpgsql volatile
set search_path = pg_catalog, public, pg_temp
as $$
declare
  v_token bytea := public.gen_random_bytes(32);
begin
  insert into app_private.mfa_challenges (user_id, token_hash, device_id, device_type, platform, app_version, expires_at)
  values (start_mfa_challenge.user_id, sha256(v_token), start_mfa_challenge.device_id, start_mfa_challenge.device_type,
          start_mfa_challenge.platform, start_mfa_challenge.app_version,
          now() + make_interval(mins => (app_hidden.config_value('auth.mfa_challenge_minutes'))::int));
  return row(null, null, encode(v_token, 'hex'))::app_public.auth_result;
end;
$$;
comment on function app_private.start_mfa_challenge(uuid, text, app_public.device_type, app_public.platform, text) is 'Issues a two-factor login challenge, returned once and stored as SHA-256.';
