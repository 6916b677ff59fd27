-- Signed-in users read active accounts that are not deleted, and always their own row; admins with users.read
-- read every account. Users update only their own profile columns; status, verification level and deletion change
-- through functions (no grant, so a direct update of them fails with 42501).
drop policy if exists select_visible on app_public.users;
create policy select_visible on app_public.users for select to app_user
  using ((status = 'active' and deleted_at is null) or id = (select app_public.current_user_id()));

drop policy if exists select_admin on app_public.users;
create policy select_admin on app_public.users for select to app_user
  using ((select app_hidden.current_user_has_permission('users.read')));

drop policy if exists update_self on app_public.users;
create policy update_self on app_public.users for update to app_user
  using (id = (select app_public.current_user_id()));

revoke all on app_public.users from app_anonymous, app_user;
grant select on app_public.users to app_user;
grant update (first_name, user_type, bio, picture_key) on app_public.users to app_user;
