-- Public when the user shows statistics (and the account is visible: the view joins users), always for the user
-- and admins with users.read. Maintained by triggers only.
drop policy if exists select_own on app_public.user_statistics;
create policy select_own on app_public.user_statistics for select to app_user
  using (user_id = (select app_public.current_user_id()));

drop policy if exists select_shared on app_public.user_statistics;
create policy select_shared on app_public.user_statistics for select to app_user
  using (user_id in (select app_hidden.users_sharing_statistics()));

drop policy if exists select_admin on app_public.user_statistics;
create policy select_admin on app_public.user_statistics for select to app_user
  using ((select app_hidden.current_user_has_permission('users.read')));

revoke all on app_public.user_statistics from app_anonymous, app_user;
grant select on app_public.user_statistics to app_user;
