-- Statistics (docs/identity.md, Statistics): public when the user shows them and the account is active and not
-- deleted (is_public, kept by the triggers of db/functions/identity/statistics_visibility.sql), always for the user
-- and for admins with users.read. One policy of per-row column tests: the rows are read by user_id (one profile, a
-- trip's traveler), and the public ones are most of the table, so no arm needs to drive an index scan of its own.
-- Maintained by triggers only.
drop policy if exists select_visible on app_public.user_statistics;
create policy select_visible on app_public.user_statistics for select to app_user
  using (is_public
         or user_id = (select app_public.current_user_id())
         or (select app_hidden.current_user_has_permission('users.read')));

revoke all on app_public.user_statistics from app_anonymous, app_user;
grant select on app_public.user_statistics to app_user;
