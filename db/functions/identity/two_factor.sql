-- Two-factor authentication (docs/identity.md): TOTP per RFC 6238 (SHA-1, 6 digits, 30 s, ±auth.totp_window_steps),
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
