-- Trips are readable by visibility (docs/trips.md): public ones by every signed-in user, the traveler's own
-- always, every trip by admins with deliveries.read; never across a block (select_unblocked).
-- Private trips are also seen by the customers with a delivery on them, friends_only trips by the traveler's past
-- customers (a delivery that arrived). The subqueries read deliveries under their own policies (the parties).
-- app_hidden.trip_visible_to states the same rule for one trip and any user (matching, quotes, invitations).
-- Writes go through the trip functions only (security definer); nothing is ever deleted.
drop policy if exists select_public on app_public.trips;
create policy select_public on app_public.trips for select to app_user
  using (visibility = 'public');

drop policy if exists select_customer on app_public.trips;
create policy select_customer on app_public.trips for select to app_user
  using (id in (select d.trip_id from app_public.deliveries d where d.customer_id = (select app_public.current_user_id())));

drop policy if exists select_past_customer on app_public.trips;
create policy select_past_customer on app_public.trips for select to app_user
  using (visibility = 'friends_only'
         and traveler_id in (select d.traveler_id from app_public.deliveries d
                              where d.customer_id = (select app_public.current_user_id()) and d.status = 'delivered'));

drop policy if exists select_own on app_public.trips;
create policy select_own on app_public.trips for select to app_user
  using (traveler_id = (select app_public.current_user_id()));

-- Blocks hide trips in both directions (docs/social.md): restrictive, so it narrows every policy above (the traveler's own trips
-- are never affected: nobody blocks themselves). The blocked set is the caller's own and small, evaluated once per
-- statement as a hashed lookup; admins with deliveries.read still see every trip.
drop policy if exists select_unblocked on app_public.trips;
create policy select_unblocked on app_public.trips as restrictive for select to app_user
  using (traveler_id not in (select app_hidden.blocked_user_ids())
         or (select app_hidden.current_user_has_permission('deliveries.read')));

drop policy if exists select_admin on app_public.trips;
create policy select_admin on app_public.trips for select to app_user
  using ((select app_hidden.current_user_has_permission('deliveries.read')));

revoke all on app_public.trips from app_anonymous, app_user;
grant select on app_public.trips to app_user;
