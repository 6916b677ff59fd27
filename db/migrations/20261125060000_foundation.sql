-- migrate:up
set local lock_timeout = '5s';
set local statement_timeout = '60s';
-- Deny by default: nothing of ours lives in public, nothing is executable by PUBLIC unless granted.
-- Roles and extensions are created by scripts/db/setup.ts (cluster-wide / superuser-only objects).
revoke all on schema public from public;
grant usage on schema public to app_anonymous, app_user;
alter default privileges revoke execute on functions from public;

create schema app_public;
create schema app_hidden;
create schema app_private;
comment on schema app_public is 'The GraphQL API: every object here is exposed by PostGraphile, subject to grants and RLS.';
comment on schema app_hidden is 'Helpers the API roles may call (RLS helpers, triggers) but which are not exposed.';
comment on schema app_private is 'Secrets, tokens and server-only state: no privileges for the API roles.';
grant usage on schema app_public, app_hidden to app_anonymous, app_user;

-- Tunables (docs/platform.md, Configuration) live only here; functions read them through app_hidden.config_*().
create table app_public.system_configuration (
  id uuid primary key default gen_random_uuid(),
  category text not null check (category ~ '^[a-z_]+$'),
  key text not null check (key ~ '^[a-z_0-9]+$'),
  value jsonb not null,
  description text,
  is_public boolean not null default false,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (category, key)
);
alter table app_public.system_configuration enable row level security;
alter table app_public.system_configuration force row level security;
comment on table app_public.system_configuration is E'@behavior -insert -update -delete\nPlatform tunables (category.key → typed JSON value). Only public rows are visible to clients.';
comment on column app_public.system_configuration.id is 'Identifier of the setting.';
comment on column app_public.system_configuration.category is 'Group of the setting, e.g. auth or matching.';
comment on column app_public.system_configuration.key is 'Name of the setting inside its category.';
comment on column app_public.system_configuration.value is 'The value as typed JSON (number, boolean, string, array or object).';
comment on column app_public.system_configuration.description is 'What the setting controls.';
comment on column app_public.system_configuration.is_public is 'Whether clients may read the setting.';
comment on column app_public.system_configuration.created_at is 'When the setting was created.';
comment on column app_public.system_configuration.updated_at is 'When the setting last changed.';

insert into app_public.system_configuration (category, key, value, description, is_public) values
  ('platform', 'registration_enabled', 'true', 'Whether new accounts may register.', true),
  ('auth', 'access_token_minutes', '30', 'Lifetime of an access JWT.', false),
  ('auth', 'refresh_token_days', '7', 'Lifetime of a device session.', false),
  ('security', 'password_min_length', '8', 'Minimum password length.', true),
  ('security', 'password_max_length', '128', 'Maximum password length.', true),
  ('security', 'bcrypt_cost', '12', 'bcrypt cost factor for password hashes.', false),
  ('retention', 'sessions_days', '30', 'Days an ended session is kept before it is deleted.', false);

-- migrate:down
drop schema app_private cascade;
drop schema app_hidden cascade;
drop schema app_public cascade;
alter default privileges grant execute on functions to public;
revoke usage on schema public from app_anonymous, app_user;
grant usage on schema public to public;
