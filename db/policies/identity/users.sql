drop policy if exists select_visible on app_public.users;
create policy select_visible on app_public.users for select to app_user
  using (status = 'active' or id = (select app_public.current_user_id()));

drop policy if exists select_admin on app_public.users;
create policy select_admin on app_public.users for select to app_user
  using ((select app_hidden.current_user_has_permission('users.read')));

drop policy if exists update_self on app_public.users;
create policy update_self on app_public.users for update to app_user
  using (id = (select app_public.current_user_id()));

revoke all on app_public.users from app_anonymous, app_user;
grant select on app_public.users to app_user;
grant update (first_name, user_type) on app_public.users to app_user;
