-- Owner-only, plus admins with users.read. is_default is not granted: it moves through set_default_address.
-- Reading: one policy whose arms are both index conditions (db/README.md, Policies).
drop policy if exists select_visible on app_public.user_addresses;
create policy select_visible on app_public.user_addresses for select to app_user
  using (user_id = (select app_public.current_user_id())
         or (id between (select app_hidden.permitted_ids_from('users.read'))
                        and (select app_hidden.permitted_ids_to('users.read'))
             and length(id::text) = 36));

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
