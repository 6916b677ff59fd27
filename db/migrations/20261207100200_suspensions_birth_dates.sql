-- migrate:up
set local lock_timeout = '5s';
set local statement_timeout = '60s';
-- docs/identity.md: a suspension ends at suspended_until (an hourly job, app_private.end_suspensions, which finds
-- them through the partial index below and records each end here); users are at least 18, so update_profile takes
-- the date of birth (its signature changes).

drop function if exists app_public.update_profile(text, text, text, text, app_public.user_type);

-- Every status change made by the platform itself or an admin, with why: the end of a suspension today; the admin
-- issue's admin_set_user_status adds its own.
create table app_private.user_status_changes (
  id uuid primary key default gen_random_uuid(),
  user_id uuid not null references app_public.users (id) on delete cascade,
  old_status app_public.user_status not null,
  new_status app_public.user_status not null,
  reason text not null check (length(reason) between 1 and 1000),
  changed_by uuid references app_public.users (id) on delete set null,
  created_at timestamptz not null default now()
);
create index user_status_changes_user_id_idx on app_private.user_status_changes (user_id, created_at);
create index user_status_changes_changed_by_idx on app_private.user_status_changes (changed_by);
alter table app_private.user_status_changes enable row level security;
alter table app_private.user_status_changes force row level security;
comment on table app_private.user_status_changes is 'Account status changes made by the system (changed_by null) or an admin, with the reason.';

-- Few accounts are ever suspended; the hourly job reads only them.
-- squawk-ignore require-concurrent-index-creation
create index users_suspension_end_idx on app_public.users (suspended_until) where status = 'suspended';

-- migrate:down
drop index app_public.users_suspension_end_idx;
drop table app_private.user_status_changes cascade;
-- The previous update_profile (without the date of birth) comes back with the canonical file of that release.
drop function if exists app_public.update_profile(text, text, text, text, app_public.user_type, date);
