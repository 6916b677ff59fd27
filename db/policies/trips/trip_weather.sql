-- A forecast is visible to whoever sees its trip: the sub-select runs under the caller's trips policies, once per
-- forecast read, through the trips primary key (an O(1) probe). It is a scalar sub-select on purpose: the planner may
-- turn `exists (…)` or `trip_id in (…)` into a hash of every trip the caller may see, which is most of the table.
-- Written only by the worker (app_private.record_trip_weather).
drop policy if exists select_visible_trip on app_public.trip_weather;
create policy select_visible_trip on app_public.trip_weather for select to app_user
  using ((select t.id from app_public.trips t where t.id = trip_id) is not null);

revoke all on app_public.trip_weather from app_anonymous, app_user;
grant select on app_public.trip_weather to app_user;
