-- Trips that fit a delivery request (docs/matching.md), for its customer and admins with deliveries.read. Security
-- definer to read trips, travelers, their statistics, blocks and favorites across RLS; it answers only about a
-- request the caller may see (NTFND otherwise, so it reveals no other request).
create or replace function app_public.matching_trips(request_id uuid)
returns setof app_public.trip_match
language plpgsql stable strict security definer
set search_path = pg_catalog, public, pg_temp
as $$
declare
  v_user_id uuid := app_hidden.require_session('see matching trips');
  v_customer_id uuid;
begin
  select r.customer_id into v_customer_id from app_public.delivery_requests r where r.id = matching_trips.request_id;
  if v_customer_id is null
     or (v_customer_id <> v_user_id and not app_hidden.current_user_has_permission('deliveries.read')) then
    raise exception 'Delivery request not found' using errcode = 'NTFND';
  end if;
  return query
  select m.trip_id, m.score, m.detour_km, m.quoted_price, m.factors
    from app_hidden.matches(matching_trips.request_id, null) m;
end;
$$;
comment on function app_public.matching_trips(uuid) is E'The trips that fit a delivery request, best first (docs/matching.md): live trips the customer may see (public; private ones they have a delivery on; friends_only ones of travelers who delivered for them) of other active, unblocked, non-blacklisted travelers meeting the request''s rating and verification requirements, with room for the item, no restriction against it, starting within matching.pickup_radius_km of the pickup and ending within matching.dropoff_radius_km of the drop-off, leaving in time and within the detour allowance. Scored by route, timing, reliability, rating, price and newcomer factors (matching.weights) plus a favorite bonus; at most matching.max_results with score ≥ matching.min_score, by score, then departure, then id. Empty when nothing fits. For the request''s customer and admins. Errors: LOGIN, NTFND.';
grant execute on function app_public.matching_trips(uuid) to app_user;
