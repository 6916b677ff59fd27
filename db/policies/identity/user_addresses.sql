-- Owner-only, plus admins with users.read. is_default is not granted: it moves through set_default_address.
drop policy if exists select_own on app_public.user_addresses;
create policy select_own on app_public.user_addresses for select to app_user
  using (user_id = (select app_public.current_user_id()));

drop policy if exists select_admin on app_public.user_addresses;
create policy select_admin on app_public.user_addresses for select to app_user
  using ((select app_hidden.current_user_has_permission('users.read')));

drop policy if exists insert_own on app_public.user_addresses;
create policy insert_own on app_public.user_addresses for insert to app_user
  with check (user_id = (select app_public.current_user_id()));

drop policy if exists update_own on app_public.user_addresses;
create policy update_own on app_public.user_addresses for update to app_user
  using (user_id = (select app_public.current_user_id()));

drop policy if exists delete_own on app_public.user_addresses;
create policy delete_own on app_public.user_addresses for delete to app_user
  using (user_id = (select app_public.current_user_id()));

revoke all on app_public.user_addresses from app_anonymous, app_user;
grant select, delete on app_public.user_addresses to app_user;
grant insert (user_id, address_type, label, street, city, postal_code, country, point) on app_public.user_addresses to app_user;
grant update (address_type, label, street, city, postal_code, country, point) on app_public.user_addresses to app_user;
