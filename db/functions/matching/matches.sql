-- The best matches of one request (request_id given) or of one trip (trip_id given), docs/matching.md: of the
-- pairs passing every hard filter of app_hidden.pair_match, the matching.candidate_limit whose trip origin lies
-- nearest the pickup (`<->`, ties by id; the searched side's route index narrows the candidates first) are
-- scored; those scoring at least matching.min_score are returned, at most matching.max_results, by score, then
-- departure, then id.
-- Deterministic: no randomness, and every ordering ends on a unique key.
--
-- One query serves both directions: each branch of the union is switched off by a one-time filter on its
-- parameter, and the ranking below it is written once. No caller check: the security definer API functions
-- (matching_trips, matching_requests) check the caller; the matching job runs as the owner.
create or replace function app_hidden.matches(request_id uuid, trip_id uuid)
returns setof app_hidden.pair_match
language plpgsql stable
set search_path = pg_catalog, public, pg_temp
as $$
declare
  v_cfg jsonb := app_hidden.matching_config();
  v_limit integer := (v_cfg ->> 'candidate_limit')::integer;
  v_request app_public.delivery_requests;
  v_trip app_public.trips;
begin
  if matches.request_id is not null then
    select r.* into v_request from app_public.delivery_requests r where r.id = matches.request_id;
  end if;
  if matches.trip_id is not null then
    select t.* into v_trip from app_public.trips t where t.id = matches.trip_id;
  end if;
  return query
  with candidates as (
    (select m.*
       from app_public.trips t
      cross join lateral app_hidden.pair_match(v_request, t, v_cfg) m
      where v_request.id is not null
      order by t.origin_point <-> v_request.pickup_point, t.id
      limit v_limit)
    union all
    (select m.*
       from app_public.delivery_requests r
      cross join lateral app_hidden.pair_match(r, v_trip, v_cfg) m
      where v_trip.id is not null
      order by r.pickup_point <-> v_trip.origin_point, r.id
      limit v_limit)
  )
  select c.request_id, c.trip_id, c.departure_time, c.score, c.detour_km, c.quoted_price, c.factors
    from candidates c
   where c.score >= (v_cfg ->> 'min_score')::numeric
   order by c.score desc, c.departure_time, c.trip_id, c.request_id
   limit (v_cfg ->> 'max_results')::integer;
end;
$$;
comment on function app_hidden.matches(uuid, uuid) is
  'Ranked matches of a request (trips) or of a trip (requests): nearest candidate_limit passing pairs scored, min_score cut, top max_results.';
