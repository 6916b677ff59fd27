-- TOTP secrets at rest (docs/identity.md): encrypted with pgcrypto under a key the database never stores. The Node
-- server passes TOTP_ENCRYPTION_KEY (and, during a rotation, TOTP_ENCRYPTION_KEY_PREVIOUS) in each request's
-- transaction-local settings (server/context.ts); a session without them (psql, a restored dump) can store no new
-- secret and verify no code. Each row names its key by fingerprint, so a secret sealed with the previous key is
-- opened with it and sealed again with the current one on its next use.

-- The key the server supplied for this transaction ('current' or 'previous'), or null.
create or replace function app_private.totp_key(which text)
returns text
language sql stable
set search_path = pg_catalog, public, pg_temp
as $$
  select nullif(current_setting(case totp_key.which when 'previous' then 'app.totp_key_previous' else 'app.totp_key' end,
                                true), '');
$$;
comment on function app_private.totp_key(text) is 'The current or previous TOTP encryption key of this transaction (set by the server), or null.';

-- A key's fingerprint: the first 8 bytes of its SHA-256, which identify it without revealing it.
create or replace function app_private.totp_key_id(key text)
returns text
language sql immutable strict
set search_path = pg_catalog, public, pg_temp
as $$
  select encode(substr(sha256(convert_to(totp_key_id.key, 'UTF8')), 1, 8), 'hex');
$$;
comment on function app_private.totp_key_id(text) is 'Fingerprint of a TOTP encryption key (hex of the first 8 bytes of its SHA-256).';

-- Stores the user's secret encrypted under the current key (OpenPGP symmetric encryption, AES-256, with an integrity
-- check), in a new two-factor row or in place of the row's secret. Without a key nothing is stored: the error is the
-- server's misconfiguration, masked for the client.
create or replace function app_private.seal_totp_secret(user_id uuid, secret bytea)
returns void
language plpgsql volatile
set search_path = pg_catalog, public, pg_temp
as $$
declare
  v_key text := app_private.totp_key('current');
begin
  if v_key is null then
    raise exception 'No TOTP encryption key in this transaction (the server sets TOTP_ENCRYPTION_KEY per request)';
  end if;
  insert into app_private.user_two_factor_auth (user_id, secret_encrypted, secret_key_id)
  values (seal_totp_secret.user_id, public.pgp_sym_encrypt_bytea(seal_totp_secret.secret, v_key, 'cipher-algo=aes256'),
          app_private.totp_key_id(v_key))
  on conflict on constraint user_two_factor_auth_pkey
  do update set secret_encrypted = excluded.secret_encrypted, secret_key_id = excluded.secret_key_id;
end;
$$;
comment on function app_private.seal_totp_secret(uuid, bytea) is 'Encrypts and stores a user''s TOTP secret under the current key.';

-- The user's secret in clear, or null when it cannot be opened here: no secret (the account must enrol again), or
-- no key with the row's fingerprint among those of this transaction.
create or replace function app_private.open_totp_secret(two_factor app_private.user_two_factor_auth)
returns bytea
language plpgsql stable
set search_path = pg_catalog, public, pg_temp
as $$
declare
  v_which text;
  v_key text;
begin
  foreach v_which in array array['current', 'previous'] loop
    v_key := app_private.totp_key(v_which);
    if v_key is not null and app_private.totp_key_id(v_key) = (open_totp_secret.two_factor).secret_key_id then
      return public.pgp_sym_decrypt_bytea((open_totp_secret.two_factor).secret_encrypted, v_key);
    end if;
  end loop;
  return null;
end;
$$;
comment on function app_private.open_totp_secret(app_private.user_two_factor_auth) is 'Decrypts a user''s TOTP secret with the key of this transaction that sealed it; null when none did.';
