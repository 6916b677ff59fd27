-- Trip templates (docs/trips.md): a trip's reusable fields saved under a name (unique per user; saving under
-- an existing name replaces that template), and trips created from them through create_trip.
create or replace function app_public.save_trip_template(trip_id uuid, name text)
returns app_public.trip_templates
language plpgsql volatile security definer
set search_path = pg_catalog, public, pg_temp
as $$
declare
  v_user_id uuid := app_hidden.require_user('email_verified', 'save trip templates');
  v_trip app_public.trips;
  v_template app_public.trip_templates;
begin
  select t.* into v_trip from app_public.trips t where t.id = save_trip_template.trip_id;
  if v_trip.id is null or v_trip.traveler_id <> v_user_id then
    raise exception 'Trip not found' using errcode = 'NTFND';
  end if;
  if save_trip_template.name is null or length(trim(save_trip_template.name)) not between 1 and 100 then
    raise exception 'A template needs a name of 1 to 100 characters' using errcode = 'INVAL';
  end if;
  insert into app_public.trip_templates (user_id, name, trip_data)
  values (v_user_id, trim(save_trip_template.name), jsonb_build_object(
    'title', v_trip.title, 'description', v_trip.description, 'trip_type', v_trip.trip_type,
    'origin_address', v_trip.origin_address, 'origin_point', public.st_asgeojson(v_trip.origin_point)::jsonb,
    'origin_airport', v_trip.origin_airport, 'destination_address', v_trip.destination_address,
    'destination_point', public.st_asgeojson(v_trip.destination_point)::jsonb,
    'destination_airport', v_trip.destination_airport,
    'duration_minutes', round(extract(epoch from v_trip.arrival_time - v_trip.departure_time) / 60),
    'capacity_weight_kg', v_trip.capacity_weight_kg, 'capacity_volume_l', v_trip.capacity_volume_l,
    'capacity_items', v_trip.capacity_items, 'currency', v_trip.currency, 'base_price', v_trip.base_price,
    'price_per_kg', v_trip.price_per_kg, 'price_per_km', v_trip.price_per_km,
    'express_multiplier', v_trip.express_multiplier, 'fragile_multiplier', v_trip.fragile_multiplier,
    'no_fragile', v_trip.no_fragile, 'no_electronics', v_trip.no_electronics,
    'max_item_value', v_trip.max_item_value, 'prohibited_categories', to_jsonb(v_trip.prohibited_categories),
    'visibility', v_trip.visibility, 'auto_accept', v_trip.auto_accept,
    'auto_accept_price', v_trip.auto_accept_price))
  on conflict on constraint trip_templates_user_name_key
  do update set trip_data = excluded.trip_data
  returning * into v_template;
  return v_template;
end;
$$;
comment on function app_public.save_trip_template(uuid, text) is E'@resultFieldName tripTemplate\nSaves the route, capacity, pricing, restrictions, visibility and duration of one of the signed-in traveler''s trips as a named template (an existing template of that name is replaced). Errors: LOGIN, DNIED, NTFND, INVAL.';
grant execute on function app_public.save_trip_template(uuid, text) to app_user;
