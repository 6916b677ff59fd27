-- Signed-in users read active accounts that are not deleted, and always their own row; admins with users.read
-- read every account. Users update only their own profile columns; status, verification level and deletion change
-- through functions (no grant, so a direct update of them fails with 42501).
-- One policy of per-row tests: users are read by id (a profile, the other party, a trip's traveler) or listed in
-- primary key order, and the visible accounts are most of the table, so no arm needs an index scan of its own.
-- search_users (security definer) states the same rule for its trigram search.
drop policy if exists select_visible on app_public.users;
create policy select_visible on app_public.users for select to app_user
  using ((status = 'active' and deleted_at is null)
         or id = (select app_public.current_user_id())
         or (select app_hidden.current_user_has_permission('users.read')));

drop policy if exists update_self on app_public.users;
create policy update_self on app_public.users for update to app_user
  using (id = (select app_public.current_user_id()));

revoke all on app_public.users from app_anonymous, app_user;
grant select on app_public.users to app_user;
grant update (first_name, user_type, bio, picture_id) on app_public.users to app_user;
