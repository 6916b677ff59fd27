-- Trips are readable by visibility (docs/trips.md): public ones by every signed-in user, the traveler's own
-- always, every trip by admins with deliveries.read; never across a block (select_unblocked).
-- Private trips are also seen by the customers with a delivery on them, friends_only trips by the traveler's past
-- customers (a delivery that arrived). Those two sets are the caller's own deliveries (read under the deliveries
-- policy), small, evaluated once per statement as arrays.
-- One permissive policy of per-row tests: public trips are most of the table, so trips are read by id, by traveler,
-- or listed along an index (departure, primary key) that the per-row test filters; no arm needs an index scan of its
-- own. app_hidden.trip_visible_to states the same rule for one trip and any user (searchTrips, matching, quotes,
-- invitations), and test/trips/rls.test.ts checks that searchTrips finds exactly what this policy shows.
-- Writes go through the trip functions only (security definer); nothing is ever deleted.
drop policy if exists select_visible on app_public.trips;
create policy select_visible on app_public.trips for select to app_user
  using (visibility = 'public'
         or traveler_id = (select app_public.current_user_id())
         or id = any (array(select d.trip_id from app_public.deliveries d
                             where d.customer_id = (select app_public.current_user_id())))
         or (visibility = 'friends_only'
             and traveler_id = any (array(select d.traveler_id from app_public.deliveries d
                                           where d.customer_id = (select app_public.current_user_id())
                                             and d.status = 'delivered')))
         or (select app_hidden.current_user_has_permission('deliveries.read')));

-- Blocks hide trips in both directions (docs/social.md): restrictive, so it narrows the policy above (the traveler's own trips
-- are never affected: nobody blocks themselves). The blocked set is the caller's own and small, evaluated once per
-- statement as a hashed lookup; admins with deliveries.read still see every trip.
drop policy if exists select_unblocked on app_public.trips;
create policy select_unblocked on app_public.trips as restrictive for select to app_user
  using (traveler_id not in (select app_hidden.blocked_user_ids())
         or (select app_hidden.current_user_has_permission('deliveries.read')));

revoke all on app_public.trips from app_anonymous, app_user;
grant select on app_public.trips to app_user;
