-- Creating a trip (docs/trips.md): an active, email-verified traveler (user_type traveler or both), departure in
-- the future, every available_* starting at its capacity. duplicate_trip, create_trip_from_template and nothing
-- else call it too, so the rules live here once. Rules that never change (title length, capacity ≤ 100 kg / 500 L /
-- 50 items, multipliers, departure < arrival, known categories) are CHECKs of the table, configured limits are
-- app_hidden.assert_trip_limits' (db/README.md "Validation"); both answer INVAL naming the field.
create or replace function app_public.create_trip(
  title text,
  trip_type app_public.trip_type,
  origin_address text,
  origin_point geography,
  destination_address text,
  destination_point geography,
  departure_time timestamptz,
  arrival_time timestamptz,
  capacity_weight_kg numeric,
  capacity_volume_l numeric,
  capacity_items integer,
  base_price bigint default 0,
  price_per_kg bigint default 0,
  price_per_km bigint default 0,
  currency text default null,
  express_multiplier numeric default 1.5,
  fragile_multiplier numeric default 1.2,
  description text default null,
  origin_airport text default null,
  destination_airport text default null,
  no_fragile boolean default false,
  no_electronics boolean default false,
  max_item_value bigint default null,
  prohibited_categories text[] default '{}',
  visibility app_public.trip_visibility default 'public',
  auto_accept boolean default false,
  auto_accept_price bigint default null,
  recurring_pattern jsonb default null
)
returns app_public.trips
language plpgsql volatile security definer
set search_path = pg_catalog, public, pg_temp
as $$
declare
  v_user_id uuid := app_hidden.require_user('email_verified', 'create trips');
  v_user app_public.users;
  v_trip app_public.trips;
begin
  select u.* into v_user from app_public.users u where u.id = v_user_id;
  if v_user.user_type not in ('traveler', 'both') then
    raise exception 'Only travelers can create trips; switch your account to traveler or both' using errcode = 'DNIED';
  end if;
  perform app_hidden.assert_trip_limits(
    create_trip.departure_time, create_trip.arrival_time, create_trip.departure_time,
    upper(coalesce(create_trip.currency, app_hidden.config_value('platform.default_currency') #>> '{}')),
    create_trip.base_price, create_trip.price_per_kg, create_trip.price_per_km, create_trip.auto_accept_price,
    create_trip.max_item_value);
  perform app_hidden.assert_trip_options(create_trip.auto_accept, create_trip.recurring_pattern,
                                         v_user.verification_level);

  insert into app_public.trips (
    traveler_id, title, description, trip_type, origin_address, origin_point, origin_airport,
    destination_address, destination_point, destination_airport, departure_time, arrival_time,
    capacity_weight_kg, available_weight_kg, capacity_volume_l, available_volume_l, capacity_items, available_items,
    currency, base_price, price_per_kg, price_per_km, express_multiplier, fragile_multiplier,
    no_fragile, no_electronics, max_item_value, prohibited_categories, recurring_pattern,
    visibility, auto_accept, auto_accept_price)
  values (
    v_user_id, trim(create_trip.title), nullif(trim(create_trip.description), ''), create_trip.trip_type,
    trim(create_trip.origin_address), create_trip.origin_point, upper(create_trip.origin_airport),
    trim(create_trip.destination_address), create_trip.destination_point, upper(create_trip.destination_airport),
    create_trip.departure_time, create_trip.arrival_time,
    create_trip.capacity_weight_kg, create_trip.capacity_weight_kg,
    create_trip.capacity_volume_l, create_trip.capacity_volume_l,
    create_trip.capacity_items, create_trip.capacity_items,
    upper(coalesce(create_trip.currency, app_hidden.config_value('platform.default_currency') #>> '{}')),
    coalesce(create_trip.base_price, 0), coalesce(create_trip.price_per_kg, 0), coalesce(create_trip.price_per_km, 0),
    coalesce(create_trip.express_multiplier, 1.5), coalesce(create_trip.fragile_multiplier, 1.2),
    coalesce(create_trip.no_fragile, false), coalesce(create_trip.no_electronics, false), create_trip.max_item_value,
    coalesce(create_trip.prohibited_categories, '{}'), create_trip.recurring_pattern,
    coalesce(create_trip.visibility, 'public'), coalesce(create_trip.auto_accept, false), create_trip.auto_accept_price)
  returning * into v_trip;
  return v_trip;
end;
$$;
comment on function app_public.create_trip(text, app_public.trip_type, text, geography, text, geography, timestamptz, timestamptz, numeric, numeric, integer, bigint, bigint, bigint, text, numeric, numeric, text, text, text, boolean, boolean, bigint, text[], app_public.trip_visibility, boolean, bigint, jsonb) is
  E'@resultFieldName trip\nOffers a new trip as the signed-in traveler (active, email verified, user type traveler or both). The departure must lie in the future; all capacity starts available; prices are minor units in currency (default platform.default_currency), and at least one of them must be positive. Auto-accept needs a fully verified account. Errors: LOGIN, DNIED, INVAL naming the field (a value out of range: title 3–255, capacity ≤ 100 kg / 500 L / 1–50 items, multipliers, arrival before departure, unknown category, pattern shape; a price over trips.max_price, a departure more than trips.max_departure_days ahead, a trip longer than trips.max_duration_hours, an unsupported currency, max_item_value over limits.max_delivery_value).';
grant execute on function app_public.create_trip(text, app_public.trip_type, text, geography, text, geography, timestamptz, timestamptz, numeric, numeric, integer, bigint, bigint, bigint, text, numeric, numeric, text, text, text, boolean, boolean, bigint, text[], app_public.trip_visibility, boolean, bigint, jsonb) to app_user;
