-- A forecast is visible to whoever sees its trip: the sub-select runs under the caller's trips policies. Written
-- only by the worker (app_private.record_trip_weather).
drop policy if exists select_visible_trip on app_public.trip_weather;
create policy select_visible_trip on app_public.trip_weather for select to app_user
  using (trip_id in (select t.id from app_public.trips t));

revoke all on app_public.trip_weather from app_anonymous, app_user;
grant select on app_public.trip_weather to app_user;
