-- A copy of one of the traveler's trips (any state) at new times, created through create_trip so every creation
-- rule applies again. The copy starts upcoming with all capacity free and without recurrence.
create or replace function app_public.duplicate_trip(
  trip_id uuid,
  departure_time timestamptz,
  arrival_time timestamptz default null
)
returns app_public.trips
language plpgsql volatile security definer
set search_path = pg_catalog, public, pg_temp
as $$
declare
  v_user_id uuid := app_hidden.require_user('email_verified', 'create trips');
  v_source app_public.trips;
begin
  select t.* into v_source from app_public.trips t where t.id = duplicate_trip.trip_id;
  if v_source.id is null
     or (v_source.traveler_id <> v_user_id and v_source.visibility <> 'public'
         and not app_hidden.current_user_has_permission('deliveries.read')) then
    raise exception 'Trip not found' using errcode = 'NTFND';
  end if;
  if v_source.traveler_id <> v_user_id then
    raise exception 'Only the traveler may duplicate this trip' using errcode = 'DNIED';
  end if;
  if duplicate_trip.departure_time is null then
    raise exception 'Give the departure of the copy' using errcode = 'INVAL';
  end if;
  return app_public.create_trip(
    title => v_source.title, description => v_source.description, trip_type => v_source.trip_type,
    origin_address => v_source.origin_address, origin_point => v_source.origin_point,
    origin_airport => v_source.origin_airport, destination_address => v_source.destination_address,
    destination_point => v_source.destination_point, destination_airport => v_source.destination_airport,
    departure_time => duplicate_trip.departure_time,
    arrival_time => coalesce(duplicate_trip.arrival_time,
                             duplicate_trip.departure_time + (v_source.arrival_time - v_source.departure_time)),
    capacity_weight_kg => v_source.capacity_weight_kg, capacity_volume_l => v_source.capacity_volume_l,
    capacity_items => v_source.capacity_items, currency => v_source.currency, base_price => v_source.base_price,
    price_per_kg => v_source.price_per_kg, price_per_km => v_source.price_per_km,
    express_multiplier => v_source.express_multiplier, fragile_multiplier => v_source.fragile_multiplier,
    no_fragile => v_source.no_fragile, no_electronics => v_source.no_electronics,
    max_item_value => v_source.max_item_value, prohibited_categories => v_source.prohibited_categories,
    visibility => v_source.visibility, auto_accept => v_source.auto_accept,
    auto_accept_price => v_source.auto_accept_price, recurring_pattern => null);
end;
$$;
comment on function app_public.duplicate_trip(uuid, timestamptz, timestamptz) is E'@resultFieldName trip\nCopies one of the signed-in traveler''s trips to a new departure (the arrival keeps the original duration unless given). The copy is upcoming, with all capacity free and no recurrence. Errors: LOGIN, DNIED, NTFND, INVAL.';
grant execute on function app_public.duplicate_trip(uuid, timestamptz, timestamptz) to app_user;
