-- migrate:up
set local lock_timeout = '5s';
set local statement_timeout = '60s';
-- TOTP secrets at rest (docs/identity.md): encrypted with pgcrypto (OpenPGP, AES-256) under a key the Node
-- server holds (TOTP_ENCRYPTION_KEY) and passes in each request's transaction-local settings, so neither a table nor
-- a dump of the database yields codes. secret_key_id names the key (a fingerprint, not the key), so a rotation
-- knows which rows still need the previous key.
--
-- Secrets stored in plain text so far cannot be encrypted here (a migration never sees the key). They are removed:
-- an unconfirmed setup simply starts again; an account with two-factor authentication on keeps it on, with its
-- backup codes, but has no TOTP secret until it enrols again (sign in with a backup code, disableTwoFactor with
-- another, setupTwoFactor). Keeping plain text around until each user's next sign-in would leave it in every dump
-- made meanwhile.
alter table app_private.user_two_factor_auth
  add column secret_encrypted bytea,
  add column secret_key_id text check (secret_key_id ~ '^[0-9a-f]{16}$');
delete from app_private.user_two_factor_auth t where not t.enabled;
-- No client reads app_private; dropping the column is the point (a kept column would keep the secrets in dumps).
-- squawk-ignore ban-drop-column
alter table app_private.user_two_factor_auth drop column secret;
-- Both or neither; an unconfirmed setup always has its secret (only confirmed accounts may wait for re-enrolment).
-- The table is small and was just rewritten by the statements above: validating scans nothing of note.
-- squawk-ignore constraint-missing-not-valid
alter table app_private.user_two_factor_auth add constraint user_two_factor_auth_secret_sealed
  check ((secret_encrypted is null) = (secret_key_id is null) and (enabled or secret_encrypted is not null));
comment on column app_private.user_two_factor_auth.secret_encrypted is 'The TOTP secret, pgp_sym_encrypt_bytea (AES-256) under the server''s TOTP_ENCRYPTION_KEY; null while the account must enrol again.';
comment on column app_private.user_two_factor_auth.secret_key_id is 'Fingerprint (first 8 bytes of SHA-256, hex) of the key the secret is encrypted with.';
comment on table app_private.user_two_factor_auth is 'TOTP secret (RFC 6238, encrypted under a key the server holds), bcrypt hashes of unused backup codes and the last accepted step of each user.';

-- migrate:down
-- The plain-text column cannot be refilled without the key: rolling back removes every two-factor enrolment (the
-- accounts fall back to password-only sign-in and must set it up again).
delete from app_private.user_two_factor_auth;
alter table app_private.user_two_factor_auth
  drop constraint user_two_factor_auth_secret_sealed,
  drop column secret_key_id cascade,
  drop column secret_encrypted cascade,
  add column secret bytea not null check (length(secret) = 20);
comment on table app_private.user_two_factor_auth is 'TOTP secret (RFC 6238), bcrypt hashes of unused backup codes and the last accepted step of each user.';
