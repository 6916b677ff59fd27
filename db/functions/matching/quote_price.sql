-- The one pricing formula (docs/matching.md, Pricing) for a request, optionally on a trip:
--   * a trip in the request's currency uses its own rates, with no category or demand factor and no clamp:
--       (base_price + price_per_km · km + price_per_kg · kg) × urgency × fragile,
--     urgency = 1 for standard and the trip's express_multiplier for express and urgent (the trip's only urgency
--     rate), fragile = the trip's fragile_multiplier for a fragile item;
--   * otherwise (no trip, or a trip in another currency) the default rates, app_hidden.default_quote of the
--     requests slice (pricing.*, clamped). Live pricing_factors rows join here once that table exists.
-- km is the great-circle (sphere) distance from pickup to drop-off, kg the total weight; half-up rounding.
-- Worked example: base 1500, 30/km, 200/kg, 100 km, 2 kg, express ×1.5, fragile ×1.2 → (1500 + 3000 + 400) × 1.8 = 8820.
create or replace function app_hidden.pair_quote(request app_public.delivery_requests, trip app_public.trips)
returns bigint
language sql stable
as $$
  -- No search_path: a SET clause would stop the planner inlining it; names outside pg_catalog are schema-qualified.
  select case
           when (pair_quote.trip).currency = (pair_quote.request).currency then
             -- round(numeric) rounds halves away from zero: half-up for these positive amounts.
             round(((pair_quote.trip).base_price + (pair_quote.trip).price_per_km * d.km
                    + (pair_quote.trip).price_per_kg * (pair_quote.request).total_weight)
                   * case when (pair_quote.request).urgency = 'standard' then 1
                          else (pair_quote.trip).express_multiplier end
                   * case when (pair_quote.request).is_fragile then (pair_quote.trip).fragile_multiplier else 1 end)::bigint
           else app_hidden.default_quote(d.km, (pair_quote.request).total_weight, (pair_quote.request).urgency,
                                         (pair_quote.request).is_fragile, (pair_quote.request).currency)
         end
    from (select (public.st_distance((pair_quote.request).pickup_point, (pair_quote.request).delivery_point, false)
                  / 1000)::numeric as km) d;
$$;
comment on function app_hidden.pair_quote(app_public.delivery_requests, app_public.trips) is
  'quote_price without the caller check: the trip''s rates in the same currency, else app_hidden.default_quote.';

-- Who may ask: the request's customer, a traveler who may see the request in the marketplace, or an admin with
-- deliveries.read; a trip must be visible to the caller (app_hidden.trip_visible_to, or admin). Everything else is
-- NTFND, so the function tells nobody which requests exist.
create or replace function app_public.quote_price(request_id uuid, trip_id uuid default null)
returns bigint
language plpgsql stable security definer
set search_path = pg_catalog, public, pg_temp
as $$
declare
  v_user_id uuid := app_hidden.require_session('get a quote');
  v_admin boolean;
  v_request app_public.delivery_requests;
  v_trip app_public.trips;
begin
  v_admin := app_hidden.current_user_has_permission('deliveries.read');
  select r.* into v_request from app_public.delivery_requests r where r.id = quote_price.request_id;
  if v_request.id is null
     or not (v_admin or v_request.customer_id = v_user_id
             or (exists (select 1 from app_public.users u
                          where u.id = v_user_id and u.user_type in ('traveler', 'both'))
                 and exists (select 1 from app_hidden.listed_delivery_requests(v_user_id) l
                              where l.id = v_request.id))) then
    raise exception 'Delivery request not found' using errcode = 'NTFND';
  end if;
  if quote_price.trip_id is not null then
    select t.* into v_trip from app_public.trips t where t.id = quote_price.trip_id;
    if v_trip.id is null or not (v_admin or app_hidden.trip_visible_to(v_trip, v_user_id)) then
      raise exception 'Trip not found' using errcode = 'NTFND';
    end if;
  end if;
  return app_hidden.pair_quote(v_request, v_trip);
end;
$$;
comment on function app_public.quote_price(uuid, uuid) is E'The price of a delivery request in minor units of its currency (docs/matching.md, Pricing): on a trip in the same currency the trip''s rates, (basePrice + pricePerKm·km + pricePerKg·kg) × the express multiplier (express, urgent) × the fragile multiplier (fragile items), unclamped; otherwise the default pricing.* rates, clamped to pricing.min_price–max_price. km is the great-circle distance from pickup to drop-off, kg the total weight; rounded half-up. For the request''s customer, travelers who see it in the marketplace, and admins. Errors: LOGIN, NTFND (request or trip missing or not visible).';
grant execute on function app_public.quote_price(uuid, uuid) to app_user;
