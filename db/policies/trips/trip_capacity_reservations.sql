-- Capacity reservations are seen by the trip's traveler and by admins with deliveries.read (the customers see
-- their delivery, a later slice). They change only through app_hidden.reserve/release/consume_trip_capacity.
drop policy if exists select_traveler on app_public.trip_capacity_reservations;
create policy select_traveler on app_public.trip_capacity_reservations for select to app_user
  using (trip_id in (select t.id from app_public.trips t where t.traveler_id = (select app_public.current_user_id())));

drop policy if exists select_admin on app_public.trip_capacity_reservations;
create policy select_admin on app_public.trip_capacity_reservations for select to app_user
  using ((select app_hidden.current_user_has_permission('deliveries.read')));

revoke all on app_public.trip_capacity_reservations from app_anonymous, app_user;
grant select on app_public.trip_capacity_reservations to app_user;
