-- Owner-only, plus admins with users.read. The row is created with the user and never deleted by clients.
drop policy if exists select_own on app_public.user_preferences;
create policy select_own on app_public.user_preferences for select to app_user
  using (user_id = (select app_public.current_user_id()));

drop policy if exists select_admin on app_public.user_preferences;
create policy select_admin on app_public.user_preferences for select to app_user
  using ((select app_hidden.current_user_has_permission('users.read')));

drop policy if exists update_own on app_public.user_preferences;
create policy update_own on app_public.user_preferences for update to app_user
  using (user_id = (select app_public.current_user_id()));

revoke all on app_public.user_preferences from app_anonymous, app_user;
grant select on app_public.user_preferences to app_user;
grant update (privacy, location) on app_public.user_preferences to app_user;
