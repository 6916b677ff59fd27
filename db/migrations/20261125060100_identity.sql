-- migrate:up
set local lock_timeout = '5s';
set local statement_timeout = '60s';
-- Minimal identity (docs/identity.md): public profile, owner-only contact details, secrets and device sessions.
create type app_public.user_type as enum ('customer', 'traveler', 'both');
create type app_public.user_status as enum ('pending', 'active', 'suspended', 'banned', 'deactivated');
create type app_public.verification_level as enum ('unverified', 'email_verified', 'phone_verified', 'id_verified', 'fully_verified');
comment on type app_public.user_type is 'Whether a user sends items, carries them, or both.';
comment on type app_public.user_status is 'Lifecycle of an account: pending until the email is verified.';
comment on type app_public.verification_level is 'How much of a user''s identity the platform has verified.';

create table app_public.users (
  id uuid primary key default gen_random_uuid(),
  first_name text not null check (length(first_name) between 1 and 100),
  display_name text not null,
  user_type app_public.user_type not null default 'customer',
  status app_public.user_status not null default 'pending',
  verification_level app_public.verification_level not null default 'unverified',
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
alter table app_public.users enable row level security;
alter table app_public.users force row level security;
comment on table app_public.users is E'@behavior -insert -delete\nA person on the platform: the public profile. Contact details live in user_contacts, secrets server-side.';
comment on column app_public.users.id is 'Identifier of the user.';
comment on column app_public.users.first_name is 'First name, shown to other users.';
comment on column app_public.users.display_name is 'Name shown to other users: first name and last initial (kept by a trigger).';
comment on column app_public.users.user_type is 'Whether the user sends items, carries them, or both.';
comment on column app_public.users.status is 'Account lifecycle state.';
comment on column app_public.users.verification_level is 'Highest verified identity level; set only by the platform.';
comment on column app_public.users.created_at is 'When the account was created.';
comment on column app_public.users.updated_at is 'When the profile last changed.';

create table app_public.user_contacts (
  user_id uuid primary key references app_public.users (id) on delete cascade,
  email citext not null unique check (length(email) <= 254 and email ~ '^[^@\s]+@[^@\s]+\.[^@\s]+$'),
  email_verified_at timestamptz,
  last_name text check (length(last_name) between 1 and 100),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
alter table app_public.user_contacts enable row level security;
alter table app_public.user_contacts force row level security;
comment on table app_public.user_contacts is E'@behavior -insert -delete\nPrivate contact details of a user (1:1), visible only to the user and to admins.';
comment on column app_public.user_contacts.user_id is 'The user these details belong to.';
comment on column app_public.user_contacts.email is 'Login and contact email, unique regardless of case.';
comment on column app_public.user_contacts.email_verified_at is 'When the user proved they own the email address.';
comment on column app_public.user_contacts.last_name is 'Family name; only its initial is public.';
comment on column app_public.user_contacts.created_at is 'When the row was created.';
comment on column app_public.user_contacts.updated_at is 'When the row last changed.';

create table app_private.user_secrets (
  user_id uuid primary key references app_public.users (id) on delete cascade,
  password_hash text not null,
  updated_at timestamptz not null default now()
);
alter table app_private.user_secrets enable row level security;
alter table app_private.user_secrets force row level security;
comment on table app_private.user_secrets is 'bcrypt password hash of each user (1:1).';

create table app_private.sessions (
  id uuid primary key default gen_random_uuid(),
  user_id uuid not null references app_public.users (id) on delete cascade,
  created_at timestamptz not null default now(),
  last_active_at timestamptz not null default now(),
  expires_at timestamptz not null,
  revoked_at timestamptz
);
create index sessions_user_id_idx on app_private.sessions (user_id);
alter table app_private.sessions enable row level security;
alter table app_private.sessions force row level security;
comment on table app_private.sessions is 'Device sessions: an access JWT carries a session id that is valid only while its row is live.';

-- Admin rights come only from this table (docs/platform.md, Admin rights); the full admin domain extends it.
create type app_public.admin_role as enum ('super_admin', 'admin', 'moderator', 'support', 'finance', 'analyst');
comment on type app_public.admin_role is 'Role of a platform administrator; each role implies a set of permissions.';
create table app_private.admin_users (
  user_id uuid primary key references app_public.users (id) on delete cascade,
  role app_public.admin_role not null,
  permissions text[] not null default '{}',
  is_active boolean not null default true,
  created_at timestamptz not null default now()
);
alter table app_private.admin_users enable row level security;
alter table app_private.admin_users force row level security;
comment on table app_private.admin_users is 'Platform administrators: the only source of admin rights.';

create type app_public.jwt_token as (role text, session_id uuid, exp bigint);
comment on type app_public.jwt_token is 'Claims of an access token: the database role and the device session it belongs to.';
comment on column app_public.jwt_token.role is 'Database role the token grants (app_user).';
comment on column app_public.jwt_token.session_id is 'Device session the token belongs to.';
comment on column app_public.jwt_token.exp is 'Expiry of the token, in seconds since the epoch.';

-- migrate:down
-- cascade: canonical functions and policies using these (db/functions, db/policies) go too;
-- db:migrate restores them.
drop type app_public.jwt_token cascade;
drop table app_private.admin_users cascade;
drop type app_public.admin_role cascade;
drop table app_private.sessions cascade;
drop table app_private.user_secrets cascade;
drop table app_public.user_contacts cascade;
drop table app_public.users cascade;
drop type app_public.verification_level cascade;
drop type app_public.user_status cascade;
drop type app_public.user_type cascade;
