-- The trip marketplace (docs/trips.md): upcoming or delayed trips near an origin and/or a destination, in a
-- departure window, with enough free weight, optionally matching a text. ST_DWithin on the geography columns uses the
-- GiST indexes trips_origin_point_idx and trips_destination_point_idx, the text filter idx_trips_text, the rest
-- trips_departure_time_idx.
--
-- Security definer, and visibility applied here: PostGIS and pg_trgm operators are not leakproof, so under the trips
-- policies the planner may not use them as index conditions and tests them on every visible trip instead (17 s at
-- 100k trips). As the owner the indexes apply, and the rule of the policies is app_hidden.trips_visible_to
-- (visibility, blocks either way as an anti-join; the form matching and quotes use too), inlined into the query;
-- admins with deliveries.read search every trip, as through the policies. test/trips/rls.test.ts checks that the
-- search finds exactly the trips the table shows each caller.
-- At most trips.search_max_results trips, the soonest: a search is a first page, not a dump of every upcoming trip
-- (a set-returning function computes its whole result before the API's `first` applies).
create or replace function app_public.search_trips(
  origin geography default null,
  destination geography default null,
  radius_km double precision default 25,
  departure_from timestamptz default null,
  departure_to timestamptz default null,
  min_weight_kg numeric default null,
  query text default null
)
returns setof app_public.trips
language plpgsql stable security definer
set search_path = pg_catalog, public, pg_temp
as $$
declare
  v_user_id uuid := app_hidden.require_session('search trips');
  v_radius_m double precision := coalesce(search_trips.radius_km, 25) * 1000;
  v_pattern text;
  v_sql text;
begin
  if v_radius_m <= 0 or v_radius_m > 500000 then
    raise exception 'radius_km must be more than 0 and at most 500' using errcode = 'INVAL';
  end if;
  if search_trips.departure_to < search_trips.departure_from then
    raise exception 'departure_to lies before departure_from' using errcode = 'INVAL';
  end if;
  if length(search_trips.query) > 200 then
    raise exception 'The search text is longer than 200 characters' using errcode = 'INVAL';
  end if;
  if nullif(trim(search_trips.query), '') is not null then
    -- matched literally: LIKE's wildcards and its escape character are escaped
    v_pattern := '%' || replace(replace(replace(trim(search_trips.query), '\', '\\'), '%', '\%'), '_', '\_') || '%';
  end if;

  -- Dynamic SQL: only the filters asked for appear, and the statement is planned with the actual values, so the
  -- spatial and text filters always use their indexes (a cached generic plan of "$1 is null or st_dwithin(…)"
  -- could not).
  v_sql := case when app_hidden.current_user_has_permission('deliveries.read') then 'select t.* from app_public.trips t'
                else 'select t.* from app_hidden.trips_visible_to($8) t' end
        || ' where t.status in (''upcoming'', ''delayed'') and t.departure_time >= $1';
  if search_trips.departure_to is not null then
    v_sql := v_sql || ' and t.departure_time <= $2';
  end if;
  if search_trips.origin is not null then
    v_sql := v_sql || ' and public.st_dwithin(t.origin_point, $3, $5)';
  end if;
  if search_trips.destination is not null then
    v_sql := v_sql || ' and public.st_dwithin(t.destination_point, $4, $5)';
  end if;
  if search_trips.min_weight_kg is not null then
    v_sql := v_sql || ' and t.available_weight_kg >= $6';
  end if;
  if v_pattern is not null then
    -- exactly the expression of idx_trips_text, so the trigram index serves the ILIKE
    v_sql := v_sql || $sql$ and (coalesce(t.title, '') || ' ' || coalesce(t.description, '') || ' '$sql$
                   || $sql$ || coalesce(t.origin_address, '') || ' ' || coalesce(t.destination_address, '')) ilike $7$sql$;
  end if;
  v_sql := v_sql || ' order by t.departure_time, t.id limit $9';
  return query execute v_sql
    using greatest(coalesce(search_trips.departure_from, now()), now()), search_trips.departure_to,
          search_trips.origin, search_trips.destination, v_radius_m, search_trips.min_weight_kg, v_pattern, v_user_id,
          (app_hidden.config_value('trips.search_max_results'))::int;
end;
$$;
comment on function app_public.search_trips(geography, geography, double precision, timestamptz, timestamptz, numeric, text) is
  'Upcoming and delayed trips visible to the signed-in user that depart within the window (never in the past), start within radius_km (default 25, at most 500) of origin and end within radius_km of destination (each when given), have at least min_weight_kg free and contain the text query (title, description, addresses), soonest first: at most trips.search_max_results (100) trips, so page further with departureFrom. Errors: LOGIN, INVAL.';
grant execute on function app_public.search_trips(geography, geography, double precision, timestamptz, timestamptz, numeric, text) to app_user;
