-- migrate:up
set local lock_timeout = '5s';
set local statement_timeout = '60s';
-- The rest of accounts (docs/identity.md): single-use email and reset tokens and phone codes (hashes only; the
-- secret itself is created by the task that sends it and exists only in the message), sign-up terms and referral,
-- generic rate-limit buckets, the name search index, and admin rights tied to two-factor sessions.

insert into app_public.system_configuration (category, key, value, description, is_public) values
  ('security', 'admin_requires_2fa', 'true', 'Admin permissions apply only in sessions that passed two-factor authentication.', false),
  ('auth', 'email_token_hours', '24', 'Lifetime of an email verification link.', false),
  ('auth', 'password_reset_minutes', '60', 'Lifetime of a password reset link.', false),
  ('auth', 'phone_code_minutes', '10', 'Lifetime of a phone verification code.', false),
  ('auth', 'phone_code_attempts', '5', 'Wrong entries that use up a phone verification code.', false),
  ('auth', 'phone_code_bcrypt_cost', '10', 'bcrypt cost of phone verification code hashes.', false),
  ('security', 'rate_register_hour_ip', '3', 'Accounts that may be registered per client IP per hour.', false),
  ('security', 'rate_reset_hour', '3', 'Password reset emails sent per address per hour; further requests are silently ignored.', false),
  ('security', 'rate_verify_email_hour', '5', 'Verification emails sent per address per hour; further requests are silently ignored.', false),
  ('security', 'rate_phone_code_hour', '5', 'Phone verification codes a user may request per hour.', false),
  ('platform', 'app_url', '"http://localhost:3000"', 'Base URL of the client app; links in emails point there.', true)
on conflict (category, key) do nothing;

-- What an email carries, so the sending task knows which secret to mint for it ({{token}} in the body).
create type app_private.email_kind as enum ('plain', 'verify_email', 'password_reset');
alter table app_private.emails add column kind app_private.email_kind not null default 'plain';
comment on column app_private.emails.kind is 'plain, or the single-use token the sending task mints and puts where the body says {{token}}.';

create table app_private.email_verification_tokens (
  id uuid primary key default gen_random_uuid(),
  user_id uuid not null references app_public.users (id) on delete cascade,
  email_id uuid not null references app_private.emails (id) on delete cascade,
  -- The address the link confirms: changing the email afterwards makes the link worthless.
  email citext not null,
  token_hash bytea not null unique check (length(token_hash) = 32),
  expires_at timestamptz not null,
  used_at timestamptz,
  created_at timestamptz not null default now()
);
create index email_verification_tokens_user_id_idx on app_private.email_verification_tokens (user_id);
create index email_verification_tokens_email_id_idx on app_private.email_verification_tokens (email_id);
alter table app_private.email_verification_tokens enable row level security;
alter table app_private.email_verification_tokens force row level security;
comment on table app_private.email_verification_tokens is 'SHA-256 of email verification links (32 random bytes), single-use, expiring.';

create table app_private.password_reset_tokens (
  id uuid primary key default gen_random_uuid(),
  user_id uuid not null references app_public.users (id) on delete cascade,
  email_id uuid not null references app_private.emails (id) on delete cascade,
  token_hash bytea not null unique check (length(token_hash) = 32),
  expires_at timestamptz not null,
  -- Set when the token is redeemed, or when a newer one voids it.
  used_at timestamptz,
  created_at timestamptz not null default now()
);
create index password_reset_tokens_user_id_idx on app_private.password_reset_tokens (user_id);
create index password_reset_tokens_email_id_idx on app_private.password_reset_tokens (email_id);
alter table app_private.password_reset_tokens enable row level security;
alter table app_private.password_reset_tokens force row level security;
comment on table app_private.password_reset_tokens is 'SHA-256 of password reset links (32 random bytes), single-use, 1 h, a newer one voids older ones.';

-- A request row exists before its code: the SMS task mints the code, stores its bcrypt hash and starts the clock.
create table app_private.phone_verification_codes (
  id uuid primary key default gen_random_uuid(),
  user_id uuid not null references app_public.users (id) on delete cascade,
  phone_number text not null check (phone_number ~ '^\+[1-9][0-9]{6,14}$'),
  code_hash text,
  expires_at timestamptz,
  attempts integer not null default 0 check (attempts >= 0),
  used_at timestamptz,
  created_at timestamptz not null default now(),
  check ((code_hash is null) = (expires_at is null))
);
create index phone_verification_codes_user_id_idx on app_private.phone_verification_codes (user_id, created_at);
alter table app_private.phone_verification_codes enable row level security;
alter table app_private.phone_verification_codes force row level security;
comment on table app_private.phone_verification_codes is 'Phone verification codes: 6 digits, bcrypt-hashed, 10 min, 5 tries, single-use.';

-- Sliding-window counters for limits that have no table of their own (sign-ups per IP, emails per address, …).
create table app_private.rate_limit_hits (
  id bigint generated always as identity primary key,
  bucket text not null check (bucket ~ '^[a-z_]+$'),
  subject text not null check (length(subject) between 1 and 320),
  created_at timestamptz not null default now()
);
create index rate_limit_hits_bucket_subject_idx on app_private.rate_limit_hits (bucket, subject, created_at);
create index rate_limit_hits_created_at_idx on app_private.rate_limit_hits (created_at);
alter table app_private.rate_limit_hits enable row level security;
alter table app_private.rate_limit_hits force row level security;
comment on table app_private.rate_limit_hits is 'One row per counted action; app_hidden.rate_limit_take counts them per bucket and subject.';

-- Sign-up records what was accepted and when (evidence for the terms in force, not shown to others).
alter table app_public.user_contacts add column terms_accepted_at timestamptz;
comment on column app_public.user_contacts.terms_accepted_at is 'When the user accepted the terms of service and the privacy policy.';

-- register gained referral_code and accept_terms and now answers a boolean (no enumeration).
drop function if exists app_public.register(text, text, text, text, app_public.user_type);

-- search_users(q): substring and similarity matches on the public names.
-- squawk-ignore require-concurrent-index-creation
create index users_names_trgm_idx on app_public.users
  using gin ((first_name || ' ' || display_name) public.gin_trgm_ops);

-- migrate:down
drop index app_public.users_names_trgm_idx;
alter table app_public.user_contacts drop column terms_accepted_at cascade;
drop table app_private.rate_limit_hits;
drop table app_private.phone_verification_codes;
drop table app_private.password_reset_tokens;
drop table app_private.email_verification_tokens;
alter table app_private.emails drop column kind cascade;
drop type app_private.email_kind;
delete from app_public.system_configuration where (category, key) in (
  ('security', 'admin_requires_2fa'), ('auth', 'email_token_hours'), ('auth', 'password_reset_minutes'),
  ('auth', 'phone_code_minutes'), ('auth', 'phone_code_attempts'), ('auth', 'phone_code_bcrypt_cost'),
  ('security', 'rate_register_hour_ip'), ('security', 'rate_reset_hour'), ('security', 'rate_verify_email_hour'),
  ('security', 'rate_phone_code_hour'), ('platform', 'app_url'));
