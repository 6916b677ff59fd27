-- The default-rates branch of the one pricing formula (docs/matching.md, Pricing):
--   (base + pricing.per_km · km + pricing.per_kg · kg) × urgency multiplier × fragile multiplier × category × demand,
-- clamped to pricing.min_price … pricing.max_price and rounded half-up to a whole minor unit. km is the
-- great-circle distance and kg the total weight. base is pricing.base, category and demand 1, unless a live pricing
-- factor of the currency applies to the route and category (app_hidden.live_pricing_factor). The rates are minor
-- units of whichever supported currency the request uses (there is no FX); the trip-rates branch is quote_price's.
-- Worked example: 100 km, 2 kg, express, fragile → (1000 + 5000 + 400) × 1.5 × 1.2 = 11520.
create or replace function app_hidden.default_quote(
  distance_km numeric,
  weight_kg numeric,
  urgency app_public.urgency_level,
  is_fragile boolean,
  currency text,
  category app_public.item_category default null,
  route_hash text default null
)
returns bigint
language plpgsql stable
set search_path = pg_catalog, public, pg_temp
as $$
declare
  v_urgency numeric := (app_hidden.config_value('pricing.urgency_multipliers') ->> default_quote.urgency::text)::numeric;
  v_fragile numeric := case when default_quote.is_fragile
                            then (app_hidden.config_value('pricing.fragile_multiplier'))::numeric else 1 end;
  v_factor app_public.pricing_factors;
  v_raw numeric;
begin
  if default_quote.distance_km is null or default_quote.distance_km < 0
     or default_quote.weight_kg is null or default_quote.weight_kg <= 0 or v_urgency is null then
    raise exception 'A quote needs a distance ≥ 0, a weight > 0 and an urgency' using errcode = 'INVAL';
  end if;
  if default_quote.currency is null
     or not app_hidden.config_value('platform.supported_currencies') ? default_quote.currency then
    raise exception 'Currency % is not supported', default_quote.currency using errcode = 'INVAL';
  end if;
  v_factor := app_hidden.live_pricing_factor(default_quote.currency, default_quote.route_hash, default_quote.category,
                                             default_quote.urgency);
  v_raw := (coalesce(v_factor.base_price, (app_hidden.config_value('pricing.base'))::numeric)
            + (app_hidden.config_value('pricing.per_km'))::numeric * default_quote.distance_km
            + (app_hidden.config_value('pricing.per_kg'))::numeric * default_quote.weight_kg)
           * v_urgency * v_fragile * coalesce(v_factor.category_multiplier, 1) * coalesce(v_factor.demand_multiplier, 1);
  -- round(numeric) rounds halves away from zero, i.e. half-up for these positive amounts.
  return greatest((app_hidden.config_value('pricing.min_price'))::bigint,
                  least((app_hidden.config_value('pricing.max_price'))::bigint, round(v_raw)::bigint));
end;
$$;
comment on function app_hidden.default_quote(numeric, numeric, app_public.urgency_level, boolean, text, app_public.item_category, text) is
  'Default-rates quote in minor units: (base + per_km·km + per_kg·kg) × urgency × fragile × category × demand (a live pricing factor of the route and category, else pricing.*), clamped to pricing.min_price–max_price, half-up. Raises INVAL for bad inputs.';
grant execute on function app_hidden.default_quote(numeric, numeric, app_public.urgency_level, boolean, text, app_public.item_category, text) to app_user;
