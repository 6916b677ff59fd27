-- Capacity reservations are seen by the trip's traveler and by admins with deliveries.read (the customers see
-- their delivery, a later slice). They change only through app_hidden.reserve/release/consume_trip_capacity.
-- The traveler's trips are read under the trips policy as an array evaluated once per statement, so that both arms
-- are index conditions (db/README.md, Policies).
drop policy if exists select_visible on app_public.trip_capacity_reservations;
create policy select_visible on app_public.trip_capacity_reservations for select to app_user
  using (trip_id = any (array(select t.id from app_public.trips t
                               where t.traveler_id = (select app_public.current_user_id())))
         or (id between (select app_hidden.permitted_ids_from('deliveries.read'))
                        and (select app_hidden.permitted_ids_to('deliveries.read'))
             and length(id::text) = 36));

revoke all on app_public.trip_capacity_reservations from app_anonymous, app_user;
grant select on app_public.trip_capacity_reservations to app_user;
