-- Routes: the trip's traveler and admins with deliveries.read (a route names every customer's places, so the other
-- customers of the trip do not read it). Only requestRoute and the job write.
drop policy if exists select_visible on app_public.route_optimizations;
create policy select_visible on app_public.route_optimizations for select to app_user
  using (trip_id = any (array(select t.id from app_public.trips t
                               where t.traveler_id = (select app_public.current_user_id())))
         or (id between (select app_hidden.permitted_ids_from('deliveries.read'))
                        and (select app_hidden.permitted_ids_to('deliveries.read'))
             and length(id::text) = 36));

revoke all on app_public.route_optimizations from app_anonymous, app_user;
grant select on app_public.route_optimizations to app_user;
