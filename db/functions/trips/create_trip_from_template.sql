-- A trip from one of the traveler's templates (save_trip_template.sql), through create_trip's rules.
create or replace function app_public.create_trip_from_template(
  template_id uuid,
  departure_time timestamptz,
  arrival_time timestamptz default null
)
returns app_public.trips
language plpgsql volatile security definer
set search_path = pg_catalog, public, pg_temp
as $$
declare
  v_user_id uuid := app_hidden.require_user('email_verified', 'create trips');
  v_template app_public.trip_templates;
  v_data jsonb;
  v_trip app_public.trips;
begin
  select tt.* into v_template from app_public.trip_templates tt
   where tt.id = create_trip_from_template.template_id and tt.user_id = v_user_id
   for update;
  if v_template.id is null then
    raise exception 'Template not found' using errcode = 'NTFND';
  end if;
  if create_trip_from_template.departure_time is null then
    raise exception 'Give the departure of the trip' using errcode = 'INVAL';
  end if;
  v_data := v_template.trip_data;
  v_trip := app_public.create_trip(
    title => v_data ->> 'title', description => v_data ->> 'description',
    trip_type => (v_data ->> 'trip_type')::app_public.trip_type,
    origin_address => v_data ->> 'origin_address',
    origin_point => public.st_geomfromgeojson(v_data -> 'origin_point')::geography,
    origin_airport => v_data ->> 'origin_airport', destination_address => v_data ->> 'destination_address',
    destination_point => public.st_geomfromgeojson(v_data -> 'destination_point')::geography,
    destination_airport => v_data ->> 'destination_airport',
    departure_time => create_trip_from_template.departure_time,
    arrival_time => coalesce(create_trip_from_template.arrival_time,
                             create_trip_from_template.departure_time
                               + make_interval(mins => (v_data ->> 'duration_minutes')::int)),
    capacity_weight_kg => (v_data ->> 'capacity_weight_kg')::numeric,
    capacity_volume_l => (v_data ->> 'capacity_volume_l')::numeric,
    capacity_items => (v_data ->> 'capacity_items')::int, currency => v_data ->> 'currency',
    base_price => (v_data ->> 'base_price')::bigint, price_per_kg => (v_data ->> 'price_per_kg')::bigint,
    price_per_km => (v_data ->> 'price_per_km')::bigint,
    express_multiplier => (v_data ->> 'express_multiplier')::numeric,
    fragile_multiplier => (v_data ->> 'fragile_multiplier')::numeric,
    no_fragile => (v_data ->> 'no_fragile')::boolean, no_electronics => (v_data ->> 'no_electronics')::boolean,
    max_item_value => (v_data ->> 'max_item_value')::bigint,
    prohibited_categories => array(select jsonb_array_elements_text(coalesce(v_data -> 'prohibited_categories', '[]'))),
    visibility => (v_data ->> 'visibility')::app_public.trip_visibility,
    auto_accept => (v_data ->> 'auto_accept')::boolean,
    auto_accept_price => (v_data ->> 'auto_accept_price')::bigint,
    recurring_pattern => null);
  update app_public.trip_templates tt set usage_count = tt.usage_count + 1, last_used_at = now()
   where tt.id = v_template.id;
  return v_trip;
end;
$$;
comment on function app_public.create_trip_from_template(uuid, timestamptz, timestamptz) is E'@resultFieldName trip\nCreates a trip from one of the signed-in traveler''s templates at a new departure (the arrival follows the template''s duration unless given), under the same rules as createTrip. Errors: LOGIN, DNIED, NTFND, INVAL.';
grant execute on function app_public.create_trip_from_template(uuid, timestamptz, timestamptz) to app_user;
