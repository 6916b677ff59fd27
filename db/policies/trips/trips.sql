-- Trips are readable by visibility (docs/domain.md §3): public ones by every signed-in user, the traveler's own
-- always, every trip by admins with deliveries.read.
-- HOOK (deliveries slice): private trips are also seen by the traveler's customers on that trip, and friends_only
-- trips by the traveler's past customers; both need deliveries, so until then those trips are owner + admins only.
-- Writes go through the trip functions only (security definer); nothing is ever deleted.
drop policy if exists select_public on app_public.trips;
create policy select_public on app_public.trips for select to app_user
  using (visibility = 'public');

drop policy if exists select_own on app_public.trips;
create policy select_own on app_public.trips for select to app_user
  using (traveler_id = (select app_public.current_user_id()));

drop policy if exists select_admin on app_public.trips;
create policy select_admin on app_public.trips for select to app_user
  using ((select app_hidden.current_user_has_permission('deliveries.read')));

revoke all on app_public.trips from app_anonymous, app_user;
grant select on app_public.trips to app_user;
