-- Admins with deliveries.write draw restricted zones (alerts) and safe zones (handover spots) as GeoJSON polygons,
-- for one delivery or platform-wide (docs/tracking.md, Geofences). The pickup and drop-off circles come with
-- acceptance (geofence_rules.sql).
create or replace function app_public.create_geofence(
  geofence_type app_public.geofence_type,
  polygon jsonb,
  delivery_id uuid default null,
  dwell_threshold_s integer default 300,
  active_from timestamptz default null,
  active_until timestamptz default null
)
returns app_public.geofences
language plpgsql volatile security definer
set search_path = pg_catalog, public, pg_temp
as $$
declare
  v_user_id uuid := app_private.require_admin('deliveries.write', 'draw geofences');
  v_shape geometry;
  v_row app_public.geofences;
begin
  if create_geofence.geofence_type not in ('restricted', 'safe_zone') then
    raise exception 'geofence_type must be restricted or safe_zone (pickup and drop-off circles come with acceptance)'
      using errcode = 'INVAL';
  end if;
  begin
    v_shape := st_setsrid(st_geomfromgeojson(create_geofence.polygon::text), 4326);
  exception when others then
    raise exception 'polygon must be a GeoJSON Polygon' using errcode = 'INVAL';
  end;
  if v_shape is null or geometrytype(v_shape) <> 'POLYGON' or not st_isvalid(v_shape) then
    raise exception 'polygon must be a valid GeoJSON Polygon' using errcode = 'INVAL';
  end if;
  insert into app_public.geofences (geofence_type, delivery_id, geometry_type, polygon, dwell_threshold_s,
                                    active_from, active_until, created_by)
  values (create_geofence.geofence_type, create_geofence.delivery_id, 'polygon', v_shape::geography,
          create_geofence.dwell_threshold_s, create_geofence.active_from, create_geofence.active_until, v_user_id)
  returning * into v_row;
  perform app_hidden.log_admin_action('create_geofence', 'geofence', v_row.id::text, 'medium', null,
    jsonb_build_object('geofence_type', v_row.geofence_type, 'delivery_id', v_row.delivery_id,
                       'active_from', v_row.active_from, 'active_until', v_row.active_until));
  return v_row;
end;
$$;
comment on function app_public.create_geofence(app_public.geofence_type, jsonb, uuid, integer, timestamptz, timestamptz) is
  E'@resultFieldName geofence\nAdmins (deliveries.write, two-factor session) draw a restricted or safe_zone polygon (GeoJSON), for a delivery or platform-wide. Errors: LOGIN, DNIED, INVAL, NTFND (no such delivery).';
grant execute on function app_public.create_geofence(app_public.geofence_type, jsonb, uuid, integer, timestamptz, timestamptz) to app_user;
