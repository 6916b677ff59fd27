-- Editing a trip (docs/trips.md). Arguments left null keep their value. Never once completed or cancelled;
-- capacity never below what is reserved or consumed (capacity − available); a time change on a trip that carries
-- deliveries (a reserved or consumed reservation) makes it delayed. The currency is fixed at creation.
create or replace function app_public.update_trip(
  trip_id uuid,
  title text default null,
  description text default null,
  trip_type app_public.trip_type default null,
  origin_address text default null,
  origin_point geography default null,
  origin_airport text default null,
  destination_address text default null,
  destination_point geography default null,
  destination_airport text default null,
  departure_time timestamptz default null,
  arrival_time timestamptz default null,
  capacity_weight_kg numeric default null,
  capacity_volume_l numeric default null,
  capacity_items integer default null,
  base_price bigint default null,
  price_per_kg bigint default null,
  price_per_km bigint default null,
  express_multiplier numeric default null,
  fragile_multiplier numeric default null,
  no_fragile boolean default null,
  no_electronics boolean default null,
  max_item_value bigint default null,
  prohibited_categories text[] default null,
  visibility app_public.trip_visibility default null,
  auto_accept boolean default null,
  auto_accept_price bigint default null,
  recurring_pattern jsonb default null
)
returns app_public.trips
language plpgsql volatile security definer
set search_path = pg_catalog, public, pg_temp
as $$
declare
  v_user_id uuid := app_hidden.require_user('email_verified', 'update trips');
  v_level app_public.verification_level;
  v_trip app_public.trips;
  v_departure timestamptz;
  v_arrival timestamptz;
  v_weight numeric;
  v_volume numeric;
  v_items integer;
  v_times_changed boolean;
  v_status app_public.trip_status;
begin
  v_trip := app_hidden.own_trip_for_update(update_trip.trip_id, v_user_id);
  if v_trip.status in ('completed', 'cancelled') then
    raise exception 'A % trip can no longer be changed', v_trip.status using errcode = 'BADST';
  end if;

  v_departure := coalesce(update_trip.departure_time, v_trip.departure_time);
  v_arrival := coalesce(update_trip.arrival_time, v_trip.arrival_time);
  v_times_changed := v_departure <> v_trip.departure_time or v_arrival <> v_trip.arrival_time;
  if v_departure <> v_trip.departure_time and v_trip.status = 'active' then
    raise exception 'The departure of a trip under way cannot change' using errcode = 'BADST';
  end if;

  v_weight := coalesce(update_trip.capacity_weight_kg, v_trip.capacity_weight_kg);
  v_volume := coalesce(update_trip.capacity_volume_l, v_trip.capacity_volume_l);
  v_items := coalesce(update_trip.capacity_items, v_trip.capacity_items);
  -- capacity − available is what deliveries hold (reserved + consumed): the new capacity must still cover it.
  if v_weight < v_trip.capacity_weight_kg - v_trip.available_weight_kg
     or v_volume < v_trip.capacity_volume_l - v_trip.available_volume_l
     or v_items < v_trip.capacity_items - v_trip.available_items then
    raise exception 'The capacity cannot drop below what deliveries already hold (% kg, % l, % items)',
      v_trip.capacity_weight_kg - v_trip.available_weight_kg, v_trip.capacity_volume_l - v_trip.available_volume_l,
      v_trip.capacity_items - v_trip.available_items
      using errcode = 'CAPAC';
  end if;

  perform app_hidden.assert_trip_limits(
    case when v_departure <> v_trip.departure_time then v_departure end,
    case when v_times_changed then v_arrival end, v_departure, v_trip.currency,
    update_trip.base_price, update_trip.price_per_kg, update_trip.price_per_km, update_trip.auto_accept_price,
    update_trip.max_item_value);
  select u.verification_level into v_level from app_public.users u where u.id = v_user_id;
  perform app_hidden.assert_trip_options(coalesce(update_trip.auto_accept, v_trip.auto_accept),
                                         update_trip.recurring_pattern, v_level);

  v_status := v_trip.status;
  if v_times_changed and v_status = 'upcoming'
     and exists (select 1 from app_public.trip_capacity_reservations r
                  where r.trip_id = v_trip.id and r.status in ('reserved', 'consumed')) then
    v_status := 'delayed';
  end if;
  -- Price changes apply to new offers only: deliveries keep the final_price agreed at acceptance.

  update app_public.trips t
     set title = coalesce(trim(update_trip.title), t.title),
         description = coalesce(nullif(trim(update_trip.description), ''), t.description),
         trip_type = coalesce(update_trip.trip_type, t.trip_type),
         origin_address = coalesce(trim(update_trip.origin_address), t.origin_address),
         origin_point = coalesce(update_trip.origin_point, t.origin_point),
         origin_airport = coalesce(upper(update_trip.origin_airport), t.origin_airport),
         destination_address = coalesce(trim(update_trip.destination_address), t.destination_address),
         destination_point = coalesce(update_trip.destination_point, t.destination_point),
         destination_airport = coalesce(upper(update_trip.destination_airport), t.destination_airport),
         departure_time = v_departure,
         arrival_time = v_arrival,
         available_weight_kg = v_weight - (t.capacity_weight_kg - t.available_weight_kg),
         capacity_weight_kg = v_weight,
         available_volume_l = v_volume - (t.capacity_volume_l - t.available_volume_l),
         capacity_volume_l = v_volume,
         available_items = v_items - (t.capacity_items - t.available_items),
         capacity_items = v_items,
         base_price = coalesce(update_trip.base_price, t.base_price),
         price_per_kg = coalesce(update_trip.price_per_kg, t.price_per_kg),
         price_per_km = coalesce(update_trip.price_per_km, t.price_per_km),
         express_multiplier = coalesce(update_trip.express_multiplier, t.express_multiplier),
         fragile_multiplier = coalesce(update_trip.fragile_multiplier, t.fragile_multiplier),
         no_fragile = coalesce(update_trip.no_fragile, t.no_fragile),
         no_electronics = coalesce(update_trip.no_electronics, t.no_electronics),
         max_item_value = coalesce(update_trip.max_item_value, t.max_item_value),
         prohibited_categories = coalesce(update_trip.prohibited_categories, t.prohibited_categories),
         visibility = coalesce(update_trip.visibility, t.visibility),
         auto_accept = coalesce(update_trip.auto_accept, t.auto_accept),
         auto_accept_price = coalesce(update_trip.auto_accept_price, t.auto_accept_price),
         recurring_pattern = coalesce(update_trip.recurring_pattern, t.recurring_pattern),
         status = v_status
   where t.id = v_trip.id
  returning t.* into v_trip;
  if v_times_changed and v_status = 'delayed' then
    perform app_hidden.notify_trip_customers(v_trip, 'trip_times_changed');
  end if;
  return v_trip;
end;
$$;
comment on function app_public.update_trip(uuid, text, text, app_public.trip_type, text, geography, text, text, geography, text, timestamptz, timestamptz, numeric, numeric, integer, bigint, bigint, bigint, numeric, numeric, boolean, boolean, bigint, text[], app_public.trip_visibility, boolean, bigint, jsonb) is
  E'@resultFieldName trip\nChanges the signed-in traveler''s trip; arguments left out keep their value. Not once completed or cancelled; the departure of an active trip is fixed; capacity cannot drop below what deliveries hold; new times on a trip with deliveries make it delayed. Price changes affect new offers only. Errors: LOGIN, DNIED, NTFND, BADST, INVAL naming the field (a value out of range or over a configured limit, as for createTrip; a departure in the past), CAPAC.';
grant execute on function app_public.update_trip(uuid, text, text, app_public.trip_type, text, geography, text, text, geography, text, timestamptz, timestamptz, numeric, numeric, integer, bigint, bigint, bigint, numeric, numeric, boolean, boolean, bigint, text[], app_public.trip_visibility, boolean, bigint, jsonb) to app_user;
