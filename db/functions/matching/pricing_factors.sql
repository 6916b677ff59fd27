-- Pricing factors (docs/matching.md, Pricing): finance's adjustments of the default rates, looked up by the quote.

-- A route's key: the 3-character geohashes (cells of about 150 km) of pickup and drop-off, "u09-u33" (Paris → Berlin).
create or replace function app_hidden.route_hash(pickup public.geography, dropoff public.geography)
returns text
language sql immutable
set search_path = pg_catalog, public, pg_temp
as $$
  select public.st_geohash(route_hash.pickup::public.geometry, 3) || '-' || public.st_geohash(route_hash.dropoff::public.geometry, 3);
$$;
comment on function app_hidden.route_hash(public.geography, public.geography) is 'The route key of pricing factors: the 3-character geohashes of pickup and drop-off joined by a dash.';
grant execute on function app_hidden.route_hash(public.geography, public.geography) to app_user;

-- The pricing factor live now for a currency, route, category and urgency: among the rows started and not ended
-- whose route, category and urgency are the given ones or null (any), the most specific (a route first, then a
-- category, then an urgency), then the latest started. security definer: the table's policy lets only finance read
-- it, and every quote applies it whoever asks (a request's estimate is computed as its customer); it answers only
-- the row that prices the given quote, which quotePrice shows anyway.
create or replace function app_hidden.live_pricing_factor(
  currency text,
  route_hash text,
  category app_public.item_category,
  urgency app_public.urgency_level
)
returns app_public.pricing_factors
language sql stable security definer
set search_path = pg_catalog, public, pg_temp
as $$
  select f.*
    from app_public.pricing_factors f
   where f.currency = live_pricing_factor.currency
     and (f.route_hash is null or f.route_hash = live_pricing_factor.route_hash)
     and (f.category is null or f.category = live_pricing_factor.category)
     and (f.urgency is null or f.urgency = live_pricing_factor.urgency)
     and f.valid_from <= now() and (f.valid_until is null or f.valid_until > now())
   order by (f.route_hash is not null) desc, (f.category is not null) desc, (f.urgency is not null) desc, f.valid_from desc
   limit 1;
$$;
comment on function app_hidden.live_pricing_factor(text, text, app_public.item_category, app_public.urgency_level) is
  'The most specific pricing factor live now for a currency, route, category and urgency (null when none).';
grant execute on function app_hidden.live_pricing_factor(text, text, app_public.item_category, app_public.urgency_level) to app_user;
