-- Routes (docs/tracking.md, Routes): the traveler asks for the best order of a trip's stops. A route requested less
-- than route.cache_hours ago for the same live deliveries is answered again (pending or ready); otherwise a new
-- pending row is made and the routes__compute job fills it (app_private.compute_route). Security definer: the table
-- has no insert grant and add_job needs the owner.
create or replace function app_public.request_route(trip_id uuid)
returns app_public.route_optimizations
language plpgsql volatile security definer
set search_path = pg_catalog, public, pg_temp
as $$
declare
  v_user_id uuid := app_hidden.require_session('plan a route');
  v_trip app_public.trips;
  v_ids uuid[];
  v_row app_public.route_optimizations;
begin
  select * into v_trip from app_public.trips t where t.id = request_route.trip_id;
  if v_trip.id is null or v_trip.traveler_id <> v_user_id then
    raise exception 'Trip not found' using errcode = 'NTFND';
  end if;
  -- One request per trip at a time: two concurrent calls make one row.
  perform pg_advisory_xact_lock(hashtextextended('route:' || v_trip.id::text, 0));
  v_ids := array(select d.id from app_public.deliveries d
                  where d.trip_id = v_trip.id and d.status not in ('delivered', 'cancelled') order by d.id);
  select * into v_row from app_public.route_optimizations r
   where r.trip_id = v_trip.id and r.expires_at > now() and r.status <> 'failed' and r.delivery_ids = v_ids
   order by r.created_at desc limit 1;
  if v_row.id is not null then
    return v_row;
  end if;
  insert into app_public.route_optimizations (trip_id, delivery_ids, requested_by, expires_at)
  values (v_trip.id, v_ids, v_user_id, now() + make_interval(hours => (app_hidden.config_value('route.cache_hours'))::int))
  returning * into v_row;
  perform graphile_worker.add_job('routes__compute', json_build_object('id', v_row.id),
                                  job_key => 'routes__compute:' || v_row.id::text);
  return v_row;
end;
$$;
comment on function app_public.request_route(uuid) is
  E'@resultFieldName route\nThe trip''s traveler asks for the best order of its stops (origin, each live delivery''s pickup and drop-off, destination): answered from the cache for route.cache_hours while the deliveries stay the same, else pending until a job computes distance, duration, detour and up to 3 alternatives. Errors: LOGIN, NTFND.';
grant execute on function app_public.request_route(uuid) to app_user;
