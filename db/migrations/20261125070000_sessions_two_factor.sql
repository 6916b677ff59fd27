-- migrate:up
set local lock_timeout = '5s';
set local statement_timeout = '60s';
-- Device sessions, login attempts and lockout (docs/identity.md).

create type app_public.device_type as enum ('mobile', 'web', 'tablet', 'desktop');
comment on type app_public.device_type is 'Kind of device a session runs on.';
create type app_public.platform as enum ('ios', 'android', 'web', 'windows', 'macos', 'linux');
comment on type app_public.platform is 'Operating system or platform of a device session.';

-- Tunables of this migration (docs/identity.md).
insert into app_public.system_configuration (category, key, value, description, is_public) values
  ('auth', 'max_active_sessions', '10', 'Live device sessions per user; starting one more revokes the least recently active.', false),
  ('security', 'max_login_attempts', '5', 'Consecutive failed logins that lock an account.', false),
  ('security', 'lockout_minutes', '15', 'How long an account stays locked after too many failed logins.', false),
  ('security', 'rate_login_15min_ip', '5', 'Failed logins allowed per client IP in 15 minutes.', false),
  ('security', 'rate_2fa_setup_hour', '10', 'Two-factor setups a user may start per hour.', false),
  ('auth', 'mfa_challenge_minutes', '5', 'Lifetime of a two-factor login challenge.', false),
  ('auth', 'mfa_attempts', '5', 'Codes that may be tried against one two-factor login challenge.', false),
  ('auth', 'totp_window_steps', '1', 'TOTP steps (30 s) accepted before and after the current one.', false),
  ('auth', 'backup_codes', '10', 'Backup codes issued when two-factor authentication is confirmed or its codes regenerated.', false),
  ('auth', 'backup_code_bcrypt_cost', '10', 'bcrypt cost of backup code hashes (high-entropy, single-use codes).', false),
  ('auth', 'totp_issuer', '"P2P Delivery"', 'Issuer name shown by authenticator apps.', false)
on conflict (category, key) do nothing;

-- Device sessions: the columns are nullable or have constant defaults, so adding them rewrites nothing.
alter table app_private.sessions
  add column device_id text check (length(device_id) between 1 and 255),
  add column device_type app_public.device_type,
  add column platform app_public.platform,
  add column app_version text check (length(app_version) between 1 and 64),
  add column ip inet,
  add column refresh_token_hash bytea check (length(refresh_token_hash) = 32),
  add column mfa_verified boolean not null default false;
-- sessions is small and the migration runs in one transaction (no concurrently); the lock lasts milliseconds.
-- squawk-ignore require-concurrent-index-creation
create unique index sessions_refresh_token_hash_key on app_private.sessions (refresh_token_hash);
-- squawk-ignore require-concurrent-index-creation
create index sessions_user_live_idx on app_private.sessions (user_id, last_active_at) where revoked_at is null;
comment on column app_private.sessions.refresh_token_hash is 'SHA-256 of the current refresh token; the token itself is never stored.';
comment on column app_private.sessions.mfa_verified is 'Whether the session passed the second factor.';

-- Lockout state of each account: consecutive failures and the end of the current lockout.
alter table app_private.user_secrets
  add column failed_login_count integer not null default 0 check (failed_login_count >= 0),
  add column locked_until timestamptz;

create type app_private.login_outcome as enum ('success', 'wrong_password', 'unknown_email', 'locked', 'rate_limited');
create table app_private.login_attempts (
  id bigint generated always as identity primary key,
  user_id uuid references app_public.users (id) on delete cascade,
  email citext not null check (length(email) <= 320),
  ip inet,
  outcome app_private.login_outcome not null,
  created_at timestamptz not null default now()
);
create index login_attempts_user_id_idx on app_private.login_attempts (user_id, created_at);
create index login_attempts_ip_idx on app_private.login_attempts (ip, created_at) where ip is not null;
alter table app_private.login_attempts enable row level security;
alter table app_private.login_attempts force row level security;
comment on table app_private.login_attempts is 'Every login attempt with its outcome: the audit trail behind lockout and per-IP rate limits.';

-- Hashes a session's refresh token had before rotation: presenting one again means it was stolen or replayed,
-- and that device session is revoked.
create table app_private.session_rotated_tokens (
  token_hash bytea primary key check (length(token_hash) = 32),
  session_id uuid not null references app_private.sessions (id) on delete cascade,
  rotated_at timestamptz not null default now()
);
create index session_rotated_tokens_session_id_idx on app_private.session_rotated_tokens (session_id);
alter table app_private.session_rotated_tokens enable row level security;
alter table app_private.session_rotated_tokens force row level security;
comment on table app_private.session_rotated_tokens is 'SHA-256 of refresh tokens already rotated away, kept to detect their reuse.';

-- login and refresh_session answer with both tokens; login's signature changes (device details), so the old one goes.
drop function if exists app_public.login(text, text);
create type app_public.auth_result as (access_token app_public.jwt_token, refresh_token text, mfa_challenge text);
comment on type app_public.auth_result is 'Answer of a successful login or refresh: a signed access token and a refresh token, or an MFA challenge to answer first.';
comment on column app_public.auth_result.access_token is 'Access JWT (30 minutes) for the Authorization header.';
comment on column app_public.auth_result.refresh_token is 'Refresh token of this device session, shown once; exchange it with refreshSession before it expires.';
comment on column app_public.auth_result.mfa_challenge is 'Reserved for two-factor login: the challenge to answer with a TOTP or backup code.';

create type app_public.session_info as (
  id uuid, device_id text, device_type app_public.device_type, platform app_public.platform, app_version text,
  ip inet, created_at timestamptz, last_active_at timestamptz, expires_at timestamptz, is_current boolean);
comment on type app_public.session_info is 'A live device session of the current user (never its tokens).';
comment on column app_public.session_info.id is 'Id of the session, to give to revokeSession (rowId in GraphQL).';
comment on column app_public.session_info.device_id is 'Identifier the client gave for its device.';
comment on column app_public.session_info.device_type is 'Kind of device.';
comment on column app_public.session_info.platform is 'Platform of the device.';
comment on column app_public.session_info.app_version is 'Version of the app that opened the session.';
comment on column app_public.session_info.ip is 'Client address when the session started.';
comment on column app_public.session_info.created_at is 'When the session started.';
comment on column app_public.session_info.last_active_at is 'When the session was last used (to the minute).';
comment on column app_public.session_info.expires_at is 'When the session ends unless refreshed.';
comment on column app_public.session_info.is_current is 'Whether this is the session of the request.';

-- Two-factor authentication (TOTP, RFC 6238). The secret is a key the platform must use, so it lives only here.
create table app_private.user_two_factor_auth (
  user_id uuid primary key references app_public.users (id) on delete cascade,
  secret bytea not null check (length(secret) = 20),
  enabled boolean not null default false,
  backup_code_hashes text[] not null default '{}',
  last_used_step bigint,
  created_at timestamptz not null default now(),
  enabled_at timestamptz,
  check (enabled = (enabled_at is not null))
);
alter table app_private.user_two_factor_auth enable row level security;
alter table app_private.user_two_factor_auth force row level security;
comment on table app_private.user_two_factor_auth is 'TOTP secret (RFC 6238), bcrypt hashes of unused backup codes and the last accepted step of each user.';

create table app_private.two_factor_setups (
  id bigint generated always as identity primary key,
  user_id uuid not null references app_public.users (id) on delete cascade,
  created_at timestamptz not null default now()
);
create index two_factor_setups_user_id_idx on app_private.two_factor_setups (user_id, created_at);
alter table app_private.two_factor_setups enable row level security;
alter table app_private.two_factor_setups force row level security;
comment on table app_private.two_factor_setups is 'Two-factor setups started, for the hourly limit.';

create table app_private.mfa_challenges (
  id uuid primary key default gen_random_uuid(),
  user_id uuid not null references app_public.users (id) on delete cascade,
  token_hash bytea not null unique check (length(token_hash) = 32),
  device_id text,
  device_type app_public.device_type,
  platform app_public.platform,
  app_version text,
  attempts integer not null default 0 check (attempts >= 0),
  expires_at timestamptz not null,
  used_at timestamptz,
  created_at timestamptz not null default now()
);
create index mfa_challenges_user_id_idx on app_private.mfa_challenges (user_id);
alter table app_private.mfa_challenges enable row level security;
alter table app_private.mfa_challenges force row level security;
comment on table app_private.mfa_challenges is 'Second step of a login with two-factor authentication: SHA-256 of the challenge token, device details, tries left.';

create type app_public.two_factor_setup as (secret text, otpauth_uri text);
comment on type app_public.two_factor_setup is 'A new TOTP secret, shown once: enter it (or scan the URI) in an authenticator app, then confirm with a code.';
comment on column app_public.two_factor_setup.secret is 'The secret in base32.';
comment on column app_public.two_factor_setup.otpauth_uri is 'otpauth:// URI for a QR code.';

-- migrate:down
drop type app_public.two_factor_setup cascade;
drop table app_private.mfa_challenges cascade;
drop table app_private.two_factor_setups cascade;
drop table app_private.user_two_factor_auth cascade;
drop type app_public.session_info cascade;
drop type app_public.auth_result cascade;
drop table app_private.session_rotated_tokens cascade;
-- cascade: canonical functions using these (db/functions) go too; db:migrate restores them.
drop table app_private.login_attempts cascade;
drop type app_private.login_outcome cascade;
alter table app_private.user_secrets
  drop column locked_until cascade,
  drop column failed_login_count cascade;
drop index app_private.sessions_user_live_idx;
drop index app_private.sessions_refresh_token_hash_key;
alter table app_private.sessions
  drop column mfa_verified cascade,
  drop column refresh_token_hash cascade,
  drop column ip cascade,
  drop column app_version cascade,
  drop column platform cascade,
  drop column device_type cascade,
  drop column device_id cascade;
delete from app_public.system_configuration
 where (category, key) in (('auth', 'max_active_sessions'), ('security', 'max_login_attempts'),
                           ('security', 'lockout_minutes'), ('security', 'rate_login_15min_ip'),
                           ('security', 'rate_2fa_setup_hour'), ('auth', 'mfa_challenge_minutes'),
                           ('auth', 'mfa_attempts'), ('auth', 'totp_window_steps'), ('auth', 'backup_codes'),
                           ('auth', 'backup_code_bcrypt_cost'), ('auth', 'totp_issuer'));
drop type app_public.platform cascade;
drop type app_public.device_type cascade;
