-- migrate:up
set local lock_timeout = '5s';
set local statement_timeout = '60s';

-- Pricing factors (docs/matching.md, Pricing): finance's adjustments of the default rates for a route, a category
-- and an urgency, in one currency, for a period. A quote without a trip in its currency applies the most specific
-- live row: (base + per_km·km + per_kg·kg) × urgency × fragile × category × demand, clamped.
create table app_public.pricing_factors (
  id uuid primary key default gen_random_uuid(),
  currency text not null constraint pricing_factors_currency_format check (currency ~ '^[A-Z]{3}$'),
  route_hash text constraint pricing_factors_route_hash_format
    check (route_hash ~ '^[0-9b-hjkmnp-z]{3}-[0-9b-hjkmnp-z]{3}$'),
  category app_public.item_category,
  urgency app_public.urgency_level,
  base_price bigint constraint pricing_factors_base_price_range check (base_price >= 0),
  category_multiplier numeric(4, 2) not null default 1
    constraint pricing_factors_category_multiplier_range check (category_multiplier between 0.5 and 3),
  demand_multiplier numeric(4, 2) not null default 1
    constraint pricing_factors_demand_multiplier_range check (demand_multiplier between 0.5 and 3),
  valid_from timestamptz not null default now(),
  valid_until timestamptz,
  created_by uuid references app_public.users (id) on delete set null,
  note text constraint pricing_factors_note_length check (length(note) between 1 and 500),
  created_at timestamptz not null default now(),
  constraint pricing_factors_period check (valid_until > valid_from),
  constraint pricing_factors_key unique nulls not distinct (currency, route_hash, category, urgency, valid_from)
);
alter table app_public.pricing_factors enable row level security;
alter table app_public.pricing_factors force row level security;
-- The quote's lookup: the rows of a currency (few per route), newest first.
-- squawk-ignore require-concurrent-index-creation
create index pricing_factors_lookup_idx on app_public.pricing_factors (currency, route_hash, valid_from);
-- squawk-ignore require-concurrent-index-creation
create index pricing_factors_created_by_idx on app_public.pricing_factors (created_by);
comment on table app_public.pricing_factors is E'@behavior -insert -update -delete\nFinance''s adjustments of the default rates (no trip, or a trip in another currency): for a route (route_hash), a category and an urgency, each optional, in one currency, for a period: a base price and category and demand multipliers. Set with setPricingFactor; visible to finance.';
comment on column app_public.pricing_factors.id is 'Identifier of the factor.';
comment on column app_public.pricing_factors.currency is 'The currency of the requests it prices (and of base_price).';
comment on column app_public.pricing_factors.route_hash is 'The route: geohashes (3 characters, about 150 km) of pickup and drop-off, "u09-u33"; null for every route.';
comment on column app_public.pricing_factors.category is 'The item category it prices; null for every category.';
comment on column app_public.pricing_factors.urgency is 'The urgency it prices; null for every urgency.';
comment on column app_public.pricing_factors.base_price is 'Base price replacing pricing.base, minor units; null keeps pricing.base.';
comment on column app_public.pricing_factors.category_multiplier is 'Multiplier of the category (0.5 to 3).';
comment on column app_public.pricing_factors.demand_multiplier is 'Multiplier of demand on the route (0.5 to 3).';
comment on column app_public.pricing_factors.valid_from is 'When it starts to apply.';
comment on column app_public.pricing_factors.valid_until is 'When it stops applying; null while open-ended.';
comment on column app_public.pricing_factors.created_by is 'The admin who set it.';
comment on column app_public.pricing_factors.note is 'Why it was set.';
comment on column app_public.pricing_factors.created_at is 'When it was set.';
comment on constraint pricing_factors_pkey on app_public.pricing_factors is 'id is already taken';
comment on constraint pricing_factors_currency_format on app_public.pricing_factors is 'currency must be three capital letters';
comment on constraint pricing_factors_route_hash_format on app_public.pricing_factors is 'route_hash must be two 3-character geohashes joined by a dash, such as u09-u33';
comment on constraint pricing_factors_base_price_range on app_public.pricing_factors is 'base_price must be 0 or more';
comment on constraint pricing_factors_category_multiplier_range on app_public.pricing_factors is 'category_multiplier must be between 0.5 and 3';
comment on constraint pricing_factors_demand_multiplier_range on app_public.pricing_factors is 'demand_multiplier must be between 0.5 and 3';
comment on constraint pricing_factors_created_by_fkey on app_public.pricing_factors is 'created_by must name an existing user';
comment on constraint pricing_factors_note_length on app_public.pricing_factors is 'note must have 1 to 500 characters';
comment on constraint pricing_factors_period on app_public.pricing_factors is 'valid_until must be after valid_from';
comment on constraint pricing_factors_key on app_public.pricing_factors is 'valid_from already starts a factor for this currency, route_hash, category and urgency';

-- quotePrice answers its breakdown (the price, the rates and factors applied, the customer's fees and total).
create type app_public.price_quote as (
  price bigint,
  currency text,
  rates text,
  distance_km numeric,
  weight_kg numeric,
  base numeric,
  per_km numeric,
  per_kg numeric,
  urgency_multiplier numeric,
  fragile_multiplier numeric,
  category_multiplier numeric,
  demand_multiplier numeric,
  clamped boolean,
  pricing_factor_id uuid,
  platform_fee bigint,
  processing_fee bigint,
  total bigint
);
comment on type app_public.price_quote is 'A quote and how it was made: (base + perKm·distanceKm + perKg·weightKg) × the multipliers = price (clamped to pricing.min_price–max_price for the default rates); the customer pays total = price + platformFee + processingFee.';
comment on column app_public.price_quote.price is 'The traveler''s price, minor units.';
comment on column app_public.price_quote.currency is 'The request''s currency.';
comment on column app_public.price_quote.rates is 'Whose rates: trip (the trip''s, in the same currency), pricing_factor (the default rates with a live pricing factor) or default (pricing.*).';
comment on column app_public.price_quote.distance_km is 'Great-circle distance from pickup to drop-off, km (3 decimals).';
comment on column app_public.price_quote.weight_kg is 'Total weight, kg.';
comment on column app_public.price_quote.base is 'Base price, minor units.';
comment on column app_public.price_quote.per_km is 'Price per km, minor units.';
comment on column app_public.price_quote.per_kg is 'Price per kg, minor units.';
comment on column app_public.price_quote.urgency_multiplier is 'Multiplier of the urgency.';
comment on column app_public.price_quote.fragile_multiplier is 'Multiplier of a fragile item (1 otherwise).';
comment on column app_public.price_quote.category_multiplier is 'Multiplier of the category (a pricing factor; 1 otherwise).';
comment on column app_public.price_quote.demand_multiplier is 'Multiplier of demand (a pricing factor; 1 otherwise).';
comment on column app_public.price_quote.clamped is 'Whether the default rates'' price is at a bound, pricing.min_price or pricing.max_price (clamped, or exactly on it).';
comment on column app_public.price_quote.pricing_factor_id is 'The pricing factor applied, if any.';
comment on column app_public.price_quote.platform_fee is 'The platform fee the customer pays on top, minor units (null when the price is too small to charge).';
comment on column app_public.price_quote.processing_fee is 'The processing fee the customer pays on top, minor units (null when the price is too small to charge).';
comment on column app_public.price_quote.total is 'What the customer would be charged before credits, minor units (null when the price is too small to charge).';

-- quote_price answers the breakdown instead of the bare price; default_quote takes the route and category.
drop function if exists app_public.quote_price(uuid, uuid);
drop function if exists app_hidden.default_quote(numeric, numeric, app_public.urgency_level, boolean, text) cascade;

-- migrate:down
set local lock_timeout = '5s';
drop function if exists app_public.quote_price(uuid, uuid);
drop function if exists app_hidden.default_quote(numeric, numeric, app_public.urgency_level, boolean, text, app_public.item_category, text) cascade;
drop type app_public.price_quote;
drop table app_public.pricing_factors cascade;
