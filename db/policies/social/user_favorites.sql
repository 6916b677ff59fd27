-- Favorites are visible only to their owner.
drop policy if exists select_own on app_public.user_favorites;
create policy select_own on app_public.user_favorites for select to app_user
  using (user_id = (select app_public.current_user_id()));

drop policy if exists insert_own on app_public.user_favorites;
create policy insert_own on app_public.user_favorites for insert to app_user
  with check (user_id = (select app_public.current_user_id()));

drop policy if exists delete_own on app_public.user_favorites;
create policy delete_own on app_public.user_favorites for delete to app_user
  using (user_id = (select app_public.current_user_id()));

revoke all on app_public.user_favorites from app_anonymous, app_user;
grant select, delete on app_public.user_favorites to app_user;
grant insert (user_id, traveler_id) on app_public.user_favorites to app_user;
