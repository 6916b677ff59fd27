-- The one pricing formula (docs/matching.md, Pricing) for a request, optionally on a trip:
--   * a trip in the request's currency uses its own rates, with no category or demand factor and no clamp:
--       (base_price + price_per_km · km + price_per_kg · kg) × urgency × fragile,
--     urgency = 1 for standard and the trip's express_multiplier for express and urgent (the trip's only urgency
--     rate), fragile = the trip's fragile_multiplier for a fragile item;
--   * otherwise (no trip, or a trip in another currency) the default rates, app_hidden.default_quote of the
--     requests slice (pricing.*, with the live pricing factor of the request's route and category, clamped).
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
                                         (pair_quote.request).is_fragile, (pair_quote.request).currency,
                                         (pair_quote.request).category,
                                         app_hidden.route_hash((pair_quote.request).pickup_point,
                                                               (pair_quote.request).delivery_point))
         end
    from (select (public.st_distance((pair_quote.request).pickup_point, (pair_quote.request).delivery_point, false)
                  / 1000)::numeric as km) d;
$$;
comment on function app_hidden.pair_quote(app_public.delivery_requests, app_public.trips) is
  'quote_price without the caller check: the trip''s rates in the same currency, else app_hidden.default_quote.';

-- Who may ask: the request's customer, a traveler who may see the request in the marketplace, or an admin with
-- deliveries.read; a trip must be visible to the caller (app_hidden.trip_visible_to, or admin). Everything else is
-- NTFND, so the function tells nobody which requests exist. The answer is the price (app_hidden.pair_quote, the one
-- formula) with what made it: the rates and multipliers applied, and the customer's fees and total
-- (app_hidden.charge_amounts: 2000 → 200 + 94 → 2294).
create or replace function app_public.quote_price(request_id uuid, trip_id uuid default null)
returns app_public.price_quote
language plpgsql stable security definer
set search_path = pg_catalog, public, pg_temp
as $$
declare
  v_user_id uuid := app_hidden.require_session('get a quote');
  v_admin boolean;
  v_request app_public.delivery_requests;
  v_trip app_public.trips;
  v_factor app_public.pricing_factors;
  v_quote app_public.price_quote;
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
  v_quote.price := app_hidden.pair_quote(v_request, v_trip);
  v_quote.currency := v_request.currency;
  v_quote.distance_km := round((public.st_distance(v_request.pickup_point, v_request.delivery_point, false) / 1000)::numeric, 3);
  v_quote.weight_kg := v_request.total_weight;
  -- What pair_quote applied, reported beside its answer.
  if v_trip.id is not null and v_trip.currency = v_request.currency then
    v_quote.rates := 'trip';
    v_quote.base := v_trip.base_price;
    v_quote.per_km := v_trip.price_per_km;
    v_quote.per_kg := v_trip.price_per_kg;
    v_quote.urgency_multiplier := case when v_request.urgency = 'standard' then 1 else v_trip.express_multiplier end;
    v_quote.fragile_multiplier := case when v_request.is_fragile then v_trip.fragile_multiplier else 1 end;
  else
    v_factor := app_hidden.live_pricing_factor(v_request.currency,
      app_hidden.route_hash(v_request.pickup_point, v_request.delivery_point), v_request.category, v_request.urgency);
    v_quote.rates := case when v_factor.id is not null then 'pricing_factor' else 'default' end;
    v_quote.pricing_factor_id := v_factor.id;
    v_quote.base := coalesce(v_factor.base_price, (app_hidden.config_value('pricing.base'))::numeric);
    v_quote.per_km := (app_hidden.config_value('pricing.per_km'))::numeric;
    v_quote.per_kg := (app_hidden.config_value('pricing.per_kg'))::numeric;
    v_quote.urgency_multiplier := (app_hidden.config_value('pricing.urgency_multipliers') ->> v_request.urgency::text)::numeric;
    v_quote.fragile_multiplier := case when v_request.is_fragile
                                       then (app_hidden.config_value('pricing.fragile_multiplier'))::numeric else 1 end;
    v_quote.category_multiplier := coalesce(v_factor.category_multiplier, 1);
    v_quote.demand_multiplier := coalesce(v_factor.demand_multiplier, 1);
  end if;
  v_quote.category_multiplier := coalesce(v_quote.category_multiplier, 1);
  v_quote.demand_multiplier := coalesce(v_quote.demand_multiplier, 1);
  -- Without trailing zeros (1.20 → 1.2): numeric columns keep their scale.
  v_quote.weight_kg := trim_scale(v_quote.weight_kg);
  v_quote.base := trim_scale(v_quote.base);
  v_quote.per_km := trim_scale(v_quote.per_km);
  v_quote.per_kg := trim_scale(v_quote.per_kg);
  v_quote.urgency_multiplier := trim_scale(v_quote.urgency_multiplier);
  v_quote.fragile_multiplier := trim_scale(v_quote.fragile_multiplier);
  v_quote.category_multiplier := trim_scale(v_quote.category_multiplier);
  v_quote.demand_multiplier := trim_scale(v_quote.demand_multiplier);
  v_quote.clamped := v_quote.rates <> 'trip'
                     and v_quote.price in ((app_hidden.config_value('pricing.min_price'))::bigint,
                                           (app_hidden.config_value('pricing.max_price'))::bigint);
  -- The customer's side; a price too small to charge (below payments.min_charge with its fees) has none.
  if v_quote.price > 0 then
    begin
      select c.platform_fee, c.processing_fee, c.amount into v_quote.platform_fee, v_quote.processing_fee, v_quote.total
        from app_hidden.charge_amounts(v_quote.price) c;
    exception when sqlstate 'INVAL' then
      null;
    end;
  end if;
  return v_quote;
end;
$$;
comment on function app_public.quote_price(uuid, uuid) is E'The price of a delivery request in minor units of its currency, with how it was made (docs/matching.md, Pricing): on a trip in the same currency the trip''s rates, (basePrice + pricePerKm·km + pricePerKg·kg) × the express multiplier (express, urgent) × the fragile multiplier (fragile items), unclamped; otherwise the default pricing.* rates × the category and demand multipliers of a live pricing factor of the route and category, clamped to pricing.min_price–max_price. km is the great-circle distance from pickup to drop-off, kg the total weight; rounded half-up. Also the customer''s platform and processing fees and total (2000 → 2294). For the request''s customer, travelers who see it in the marketplace, and admins. Errors: LOGIN, NTFND (request or trip missing or not visible).';
grant execute on function app_public.quote_price(uuid, uuid) to app_user;
