-- The routes__compute job (docs/tracking.md, Routes): orders a pending route's stops. Up to
-- route.exact_max_deliveries deliveries the order is exact: every order in which each pickup comes before its
-- drop-off is tried (at most 2520 for 4 deliveries), legs measured as straight lines on the spheroid, and the best
-- one kept with up to route.max_alternatives next best. Above that, stops go in order of their position along the
-- origin → destination line (each drop-off after its pickup), with no alternatives. Duration at the trip type's
-- average speed (route.speeds_kmh); detour against the straight origin → destination. Idempotent: a route that is
-- no longer pending is left alone.
create or replace function app_private.compute_route(route_id uuid)
returns app_public.route_status
language plpgsql volatile
set search_path = pg_catalog, public, pg_temp
as $$
declare
  v_route app_public.route_optimizations;
  v_trip app_public.trips;
  v_n integer;
  v_speed double precision;
  v_direct double precision;
  v_routes jsonb;
  v_kinds text[];
  v_ids uuid[];
  v_points geography[];
begin
  select * into v_route from app_public.route_optimizations r where r.id = compute_route.route_id for update;
  if v_route.id is null or v_route.status <> 'pending' then
    return v_route.status;
  end if;
  select * into v_trip from app_public.trips t where t.id = v_route.trip_id;
  v_n := cardinality(v_route.delivery_ids);
  v_speed := (app_hidden.config_value('route.speeds_kmh') ->> v_trip.trip_type::text)::float8 * 1000 / 3600;
  v_direct := st_distance(v_trip.origin_point, v_trip.destination_point);

  -- The stops, by position: 0 the origin, 2k-1 and 2k the pickup and drop-off of the k-th delivery, 2n+1 the
  -- destination.
  select array_agg(s.kind order by s.ord), array_agg(s.delivery_id order by s.ord), array_agg(s.point order by s.ord)
    into v_kinds, v_ids, v_points
    from (select 0 as ord, 'origin' as kind, null::uuid as delivery_id, v_trip.origin_point as point
          union all
          select 2 * d.k - 1 + e.second, case e.second when 0 then 'pickup' else 'dropoff' end, d.id,
                 case e.second when 0 then r.pickup_point else r.delivery_point end
            from unnest(v_route.delivery_ids) with ordinality as d (id, k)
            join app_public.deliveries dl on dl.id = d.id
            join app_public.delivery_requests r on r.id = dl.request_id
           cross join (values (0), (1)) as e (second)
          union all
          select 2 * v_n + 1, 'destination', null, v_trip.destination_point) s;

  if v_n <= (app_hidden.config_value('route.exact_max_deliveries'))::int then
    with recursive stops as (
      select (s.n - 1)::int as ord, v_kinds[s.n] as kind, s.point from unnest(v_points) with ordinality as s (point, n)
    ), legs as (
      select a.ord as a, b.ord as b, st_distance(a.point, b.point) as d from stops a, stops b
    ), paths as (
      select array[0] as path, 0::float8 as cost, 0 as last
      union all
      select p.path || s.ord, p.cost + l.d, s.ord
        from paths p
        join stops s on s.ord between 1 and 2 * v_n and s.ord <> all (p.path)
                    and (s.kind = 'pickup' or (s.ord - 1) = any (p.path))
        join legs l on l.a = p.last and l.b = s.ord
    ), complete as (
      select p.path || (2 * v_n + 1) as path, p.cost + l.d as cost
        from paths p join legs l on l.a = p.last and l.b = 2 * v_n + 1
       where cardinality(p.path) = 2 * v_n + 1
       order by 2, 1 limit 1 + (app_hidden.config_value('route.max_alternatives'))::int
    )
    select jsonb_agg(app_hidden.route_summary(c.path, v_kinds, v_ids, v_points, v_speed, v_direct) order by c.cost, c.path)
      into v_routes from complete c;
  else
    with stops as (
      select (s.n - 1)::int as ord, v_kinds[s.n] as kind,
             st_linelocatepoint(st_makeline(v_trip.origin_point::geometry, v_trip.destination_point::geometry),
                                s.point::geometry) as f
        from unnest(v_points) with ordinality as s (point, n)
    )
    select jsonb_build_array(app_hidden.route_summary(
             array_agg(p.ord order by case when p.kind = 'origin' then -1 when p.kind = 'destination' then 2
                                           when p.kind = 'dropoff' then greatest(p.f, q.f) else p.f end,
                                      p.kind desc, p.ord),
             v_kinds, v_ids, v_points, v_speed, v_direct))
      into v_routes
      from stops p left join stops q on p.kind = 'dropoff' and q.ord = p.ord - 1;
  end if;

  update app_public.route_optimizations r
     set status = 'ready', stops = v_routes -> 0 -> 'stops',
         distance_m = (v_routes -> 0 ->> 'distanceM')::int, duration_s = (v_routes -> 0 ->> 'durationS')::int,
         detour_m = (v_routes -> 0 ->> 'detourM')::int,
         alternatives = coalesce((select jsonb_agg(e.value order by e.ordinality) from jsonb_array_elements(v_routes)
                                    with ordinality as e where e.ordinality > 1), '[]'),
         computed_at = now()
   where r.id = v_route.id;
  return 'ready';
end;
$$;
comment on function app_private.compute_route(uuid) is 'Computes a pending route: the best order of its stops (exact for few deliveries), distance, duration, detour and alternatives.';

-- One ordered route as stored: its stops (positions into the stop arrays) with distance (the sum of its straight
-- legs), duration at speed_m_s, and detour against direct_m.
create or replace function app_hidden.route_summary(path integer[], kinds text[], delivery_ids uuid[],
                                                   points geography[], speed_m_s double precision,
                                                   direct_m double precision)
returns jsonb
language sql immutable
set search_path = pg_catalog, public, pg_temp
as $$
  with legs as (
    select coalesce(sum(st_distance(route_summary.points[route_summary.path[i] + 1],
                                    route_summary.points[route_summary.path[i + 1] + 1])), 0) as m
      from generate_series(1, cardinality(route_summary.path) - 1) i
  )
  select jsonb_build_object(
    'stops', (select jsonb_agg(jsonb_build_object('kind', route_summary.kinds[p + 1],
                                                  'deliveryId', route_summary.delivery_ids[p + 1],
                                                  'lng', round(st_x(route_summary.points[p + 1]::geometry)::numeric, 6),
                                                  'lat', round(st_y(route_summary.points[p + 1]::geometry)::numeric, 6))
                               order by i)
                from unnest(route_summary.path) with ordinality as u (p, i)),
    'distanceM', round(legs.m)::int,
    'durationS', round(legs.m / route_summary.speed_m_s)::int,
    'detourM', greatest(0, round(legs.m - route_summary.direct_m))::int)
    from legs;
$$;
comment on function app_hidden.route_summary(integer[], text[], uuid[], geography[], double precision, double precision) is 'A route as stored: its stops in order, distanceM, durationS, detourM.';

-- Cleanup: routes past their cache time go (batched).
create or replace function app_private.delete_expired_routes()
returns integer
language sql volatile
set search_path = pg_catalog, public, pg_temp
as $$
  with gone as (
    delete from app_public.route_optimizations r
     where r.id in (select o.id from app_public.route_optimizations o where o.expires_at < now()
                     limit (app_hidden.config_value('retention.batch_size'))::int)
    returning 1
  )
  select count(*)::int from gone;
$$;
comment on function app_private.delete_expired_routes() is 'Deletes routes past their cache time (batched).';
