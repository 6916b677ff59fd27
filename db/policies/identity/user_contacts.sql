drop policy if exists select_own on app_public.user_contacts;
create policy select_own on app_public.user_contacts for select to app_user
  using (user_id = (select app_public.current_user_id()));

drop policy if exists select_admin on app_public.user_contacts;
create policy select_admin on app_public.user_contacts for select to app_user
  using ((select app_hidden.current_user_has_permission('users.read')));

drop policy if exists update_own on app_public.user_contacts;
create policy update_own on app_public.user_contacts for update to app_user
  using (user_id = (select app_public.current_user_id()));

revoke all on app_public.user_contacts from app_anonymous, app_user;
grant select on app_public.user_contacts to app_user;
-- date_of_birth: the trigger of db/functions/identity/date_of_birth.sql refuses anyone under 18 on every write.
grant update (last_name, date_of_birth) on app_public.user_contacts to app_user;
