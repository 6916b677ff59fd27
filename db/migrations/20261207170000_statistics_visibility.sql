-- migrate:up
set local lock_timeout = '5s';
set local statement_timeout = '60s';

-- Issue 10: the user_statistics policy built the set of every user who shares statistics (users_sharing_statistics())
-- on every query that read statistics, a cost that grows with the user base. Whether a user's statistics are public
-- becomes a column of their row, kept by triggers (db/functions/identity/statistics_visibility.sql), so the policy is
-- a plain column predicate (docs/identity.md, Statistics).
alter table app_public.user_statistics add column is_public boolean not null default false;
comment on column app_public.user_statistics.is_public is
  'Whether every signed-in user may read these statistics: the user shows them (preferences, privacy.show_statistics) and the account is active and not deleted. Kept by triggers.';

update app_public.user_statistics s
   set is_public = coalesce((p.privacy ->> 'show_statistics')::boolean, false)
                   and u.status = 'active' and u.deleted_at is null
  from app_public.users u
  left join app_public.user_preferences p on p.user_id = u.id
 where u.id = s.user_id;

-- The helper goes with the policy that called it (db/policies/identity/user_statistics.sql states the new rule).
drop policy if exists select_shared on app_public.user_statistics;
drop function if exists app_hidden.users_sharing_statistics();

-- migrate:down
-- The policies reading the column go with it; the canonical layer of the previous release restores its own.
alter table app_public.user_statistics drop column is_public cascade;
