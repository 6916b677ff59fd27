-- The matching formula of docs/matching.md, for one (request, trip) pair: zero rows when a hard filter fails, one
-- scored row otherwise. Both directions (matching_trips, matching_requests) and the candidate-recording job use it
-- through app_hidden.matches; nothing else restates a filter or a weight. cfg is app_hidden.matching_config().
--
-- Hard filters (all must hold; SQL evaluates a conjunction in whatever order is cheapest, the result is the same):
--  0. the request is open (pending or matched) and unexpired, and its customer active;
--  1. the trip is upcoming or delayed, visible to the customer (app_hidden.trip_visible_to, the rule of the trips
--     policies: public; private ones for the customers with a delivery on them; friends_only ones also for the
--     traveler's past customers), and departs ≥ now + min_lead_hours;
--  2. the traveler is not the customer, is active, no block separates the two in either direction, and the request
--     does not blacklist them;
--  3. min_traveler_rating needs ≥ 1 rating and an average ≥ it; verification_required needs id_verified;
--     background_check_required needs fully_verified;
--  4. available weight, volume and items cover the request's totals;
--  5. the trip's restrictions hold: no_fragile (fragile flag or category), no_electronics, max_item_value,
--     prohibited_categories;
--  6. ST_DWithin(origin, pickup, pickup_radius_km) and ST_DWithin(destination, drop-off, dropoff_radius_km);
--  7. departure within [pickup_window_start − time_flex_hours, pickup_window_end + time_flex_hours] when the
--     request has a pickup window; arrival ≤ delivery_window_end when that is set;
--  8. detour = d(O,P) + d(P,D) + d(D,T) − d(O,T) ≤ allowed = least(max_detour_km, greatest(min_detour_km,
--     detour_ratio · d(O,T))), d = ST_Distance (spheroid) / 1000.
-- Factors (0–1), weighted by matching.weights, plus the bonus, capped at 1 and rounded to 4 decimals:
--  route       1 − detour / allowed (the pair's own allowance, so 0 exactly at the filter's bound)
--  timing      hours between departure and the pickup window (0 inside it): ≤2 → 1, ≤6 → .8, ≤12 → .6, ≤24 → .3,
--              beyond → .1; no window → .8
--  reliability (completed + 1) / (completed + cancelled as traveler + 2)
--  rating      (prior_weight · rating_prior + Σ ratings) / (prior_weight + n) / 5
--  price       quote ≤ .8 · max_price → 1, falling linearly to 0 at max_price; .5 when the trip's currency differs
--  newcomer    1 below newcomer_threshold completed deliveries, else 0
--  bonus       favorite_bonus when the traveler is preferred by the request or a favorite of the customer
-- "completed" is user_statistics.successful_as_traveler, the cancellations cancelled_as_traveler.
--
-- Plain SQL without SET options so the planner inlines it into the caller's query: the spatial and time filters then
-- become conditions of the searched side's route index (trips_live_route_idx, delivery_requests_open_route_idx).
create or replace function app_hidden.pair_match(request app_public.delivery_requests, trip app_public.trips, cfg jsonb)
returns setof app_hidden.pair_match
language sql stable
as $$
  -- No search_path: a SET clause would stop the planner inlining it; names outside pg_catalog are schema-qualified.
  select (pair_match.request).id, (pair_match.trip).id, (pair_match.trip).departure_time,
         round(least(1, (w ->> 'route')::numeric * f.route + (w ->> 'timing')::numeric * f.timing
                        + (w ->> 'reliability')::numeric * f.reliability + (w ->> 'rating')::numeric * f.rating
                        + (w ->> 'price')::numeric * f.price + (w ->> 'newcomer')::numeric * f.newcomer + f.bonus), 4),
         round(greatest(0, g.detour), 3),
         f.quote,
         jsonb_build_object('route', round(f.route, 4), 'timing', f.timing, 'reliability', round(f.reliability, 4),
                            'rating', round(f.rating, 4), 'price', round(f.price, 4), 'newcomer', f.newcomer,
                            'bonus', f.bonus)
    from app_public.users tu
    join app_public.user_statistics ts on ts.user_id = tu.id
    join app_public.users cu on cu.id = (pair_match.request).customer_id
    cross join lateral (select pair_match.cfg -> 'weights' as w) cw
    -- Distances in km (ST_Distance on geography: the spheroid), the detour, its allowance, and the hours between
    -- the departure and the pickup window.
    cross join lateral (
      select d.op + d.pd + d.dt - d.ot as detour,
             least((pair_match.cfg ->> 'max_detour_km')::numeric,
                   greatest((pair_match.cfg ->> 'min_detour_km')::numeric,
                            (pair_match.cfg ->> 'detour_ratio')::numeric * d.ot)) as allowed,
             greatest(extract(epoch from (pair_match.request).pickup_window_start - (pair_match.trip).departure_time),
                      extract(epoch from (pair_match.trip).departure_time - (pair_match.request).pickup_window_end),
                      0) / 3600 as off_hours
        from (select (public.st_distance((pair_match.trip).origin_point, (pair_match.request).pickup_point) / 1000)::numeric as op,
                     (public.st_distance((pair_match.request).pickup_point, (pair_match.request).delivery_point) / 1000)::numeric as pd,
                     (public.st_distance((pair_match.request).delivery_point, (pair_match.trip).destination_point) / 1000)::numeric as dt,
                     (public.st_distance((pair_match.trip).origin_point, (pair_match.trip).destination_point) / 1000)::numeric as ot) d
    ) g
    cross join lateral (select app_hidden.pair_quote(pair_match.request, pair_match.trip) as quote) q
    cross join lateral (
      select q.quote,
             greatest(0, 1 - greatest(0, g.detour) / g.allowed) as route,
             case when (pair_match.request).pickup_window_start is null then 0.8
                  when g.off_hours <= 2 then 1.0 when g.off_hours <= 6 then 0.8 when g.off_hours <= 12 then 0.6
                  when g.off_hours <= 24 then 0.3 else 0.1 end as timing,
             (ts.successful_as_traveler + 1)::numeric / (ts.successful_as_traveler + ts.cancelled_as_traveler + 2) as reliability,
             ((pair_match.cfg ->> 'prior_weight')::numeric * (pair_match.cfg ->> 'rating_prior')::numeric
              + coalesce(ts.average_rating * ts.total_ratings, 0))
             / ((pair_match.cfg ->> 'prior_weight')::numeric + ts.total_ratings) / 5 as rating,
             case when (pair_match.trip).currency <> (pair_match.request).currency then 0.5
                  when q.quote <= 0.8 * (pair_match.request).max_price then 1
                  when q.quote >= (pair_match.request).max_price then 0
                  else ((pair_match.request).max_price - q.quote) / (0.2 * (pair_match.request).max_price) end as price,
             case when ts.successful_as_traveler < (pair_match.cfg ->> 'newcomer_threshold')::int then 1 else 0 end as newcomer,
             case when (pair_match.trip).traveler_id = any ((pair_match.request).preferred_travelers)
                       or exists (select 1 from app_public.user_favorites fav
                                   where fav.user_id = (pair_match.request).customer_id
                                     and fav.traveler_id = (pair_match.trip).traveler_id)
                  then (pair_match.cfg ->> 'favorite_bonus')::numeric else 0 end as bonus
    ) f
   where tu.id = (pair_match.trip).traveler_id
     -- 0. an open request of an active customer
     and (pair_match.request).status in ('pending', 'matched')
     and (pair_match.request).expires_at > now()
     and cu.status = 'active' and cu.deleted_at is null
     -- 1. a live trip the customer may see, leaving late enough
     and (pair_match.trip).status in ('upcoming', 'delayed')
     and app_hidden.trip_visible_to(pair_match.trip, (pair_match.request).customer_id)
     and (pair_match.trip).departure_time >= now() + (pair_match.cfg ->> 'min_lead_hours')::numeric * interval '1 hour'
     -- 2. someone else, active, unblocked both ways, not blacklisted
     and (pair_match.trip).traveler_id <> (pair_match.request).customer_id
     and tu.status = 'active' and tu.deleted_at is null
     and not app_hidden.users_blocked((pair_match.trip).traveler_id, (pair_match.request).customer_id)
     and not ((pair_match.trip).traveler_id = any ((pair_match.request).blacklisted_travelers))
     -- 3. the request's requirements
     and ((pair_match.request).min_traveler_rating is null
          or (ts.total_ratings >= 1 and ts.average_rating >= (pair_match.request).min_traveler_rating))
     and (not (pair_match.request).verification_required or tu.verification_level >= 'id_verified')
     and (not (pair_match.request).background_check_required or tu.verification_level = 'fully_verified')
     -- 4. capacity
     and (pair_match.trip).available_weight_kg >= (pair_match.request).total_weight
     and (pair_match.trip).available_volume_l >= (pair_match.request).total_volume_l
     and (pair_match.trip).available_items >= (pair_match.request).quantity
     -- 5. the trip's restrictions
     and not ((pair_match.trip).no_fragile
              and ((pair_match.request).is_fragile or (pair_match.request).category = 'fragile'))
     and not ((pair_match.trip).no_electronics and (pair_match.request).category = 'electronics')
     and ((pair_match.trip).max_item_value is null
          or (pair_match.request).declared_value <= (pair_match.trip).max_item_value)
     and not ((pair_match.request).category::text = any ((pair_match.trip).prohibited_categories))
     -- 6. both ends near (GiST index conditions on the searched side)
     and public.st_dwithin((pair_match.trip).origin_point, (pair_match.request).pickup_point,
                           1000 * (pair_match.cfg ->> 'pickup_radius_km')::float8)
     and public.st_dwithin((pair_match.trip).destination_point, (pair_match.request).delivery_point,
                           1000 * (pair_match.cfg ->> 'dropoff_radius_km')::float8)
     -- 7. time. No pickup window is an unbounded one (both bounds are set or neither). The same condition is written
     --    twice: with the trip's departure alone on one side (an index condition when trips are searched) and with
     --    the request's bounds alone (delivery_requests_open_route_idx's expressions, when requests are searched).
     and (pair_match.trip).departure_time
         between coalesce((pair_match.request).pickup_window_start, '-infinity') - (pair_match.cfg ->> 'time_flex_hours')::numeric * interval '1 hour'
             and coalesce((pair_match.request).pickup_window_end, 'infinity') + (pair_match.cfg ->> 'time_flex_hours')::numeric * interval '1 hour'
     and coalesce((pair_match.request).pickup_window_start, '-infinity')
         <= (pair_match.trip).departure_time + (pair_match.cfg ->> 'time_flex_hours')::numeric * interval '1 hour'
     and coalesce((pair_match.request).pickup_window_end, 'infinity')
         >= (pair_match.trip).departure_time - (pair_match.cfg ->> 'time_flex_hours')::numeric * interval '1 hour'
     and ((pair_match.request).delivery_window_end is null
          or (pair_match.trip).arrival_time <= (pair_match.request).delivery_window_end)
     -- 8. detour
     and g.detour <= g.allowed;
$$;
comment on function app_hidden.pair_match(app_public.delivery_requests, app_public.trips, jsonb) is
  'The matching formula (docs/matching.md) for one pair: no row when a hard filter fails, else the score, detour, quote and factors.';
