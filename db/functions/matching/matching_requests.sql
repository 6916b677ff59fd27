-- Delivery requests that fit a trip (docs/matching.md, the mirror of matching_trips), for the trip's traveler and
-- admins with deliveries.read. The same pairs and scores as matching_trips from the other side; results carry only
-- the request id, the score, the detour and the quote, never the request's addresses (searchRequests shows the
-- masked listing).
create or replace function app_public.matching_requests(trip_id uuid)
returns setof app_public.request_match
language plpgsql stable strict security definer
set search_path = pg_catalog, public, pg_temp
as $$
declare
  v_user_id uuid := app_hidden.require_session('see matching requests');
  v_trip app_public.trips;
begin
  select t.* into v_trip from app_public.trips t where t.id = matching_requests.trip_id;
  if v_trip.id is null
     or (v_trip.traveler_id <> v_user_id and not app_hidden.current_user_has_permission('deliveries.read')) then
    raise exception 'Trip not found' using errcode = 'NTFND';
  end if;
  return query
  select m.request_id, m.score, m.detour_km, m.quoted_price, m.factors
    from app_hidden.matches(null, matching_requests.trip_id) m;
end;
$$;
comment on function app_public.matching_requests(uuid) is E'The open delivery requests that fit a trip, best first: the mirror of matchingTrips (the same hard filters, factors and cuts), for the trip''s traveler and admins. Only ids, scores, detours and quotes; the masked request is in searchRequests. Empty when nothing fits. Errors: LOGIN, NTFND.';
grant execute on function app_public.matching_requests(uuid) to app_user;
