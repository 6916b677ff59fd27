-- One fix of the traveler (docs/tracking.md): the batch's rules for a batch of one, and a refused fix is an error
-- naming its field (INVAL) or the interval (LIMIT). Returns the point as stored.
create or replace function app_public.record_location(
  delivery_id uuid,
  latitude double precision,
  longitude double precision,
  accuracy_m double precision,
  speed_kmh double precision default null,
  bearing double precision default null,
  battery integer default null,
  recorded_at timestamptz default null
)
returns app_public.tracked_point
language plpgsql volatile
set search_path = pg_catalog, public, pg_temp
as $$
declare
  v_at timestamptz := coalesce(record_location.recorded_at, now());
  v_result app_public.location_batch_result := app_hidden.ingest_locations(record_location.delivery_id,
    array[row(record_location.latitude, record_location.longitude, record_location.accuracy_m, record_location.speed_kmh,
              record_location.bearing, record_location.battery, v_at)::app_public.location_fix]);
begin
  if v_result.accepted = 0 then
    raise exception '%', v_result.rejections[1].message using errcode = v_result.rejections[1].code;
  end if;
  return row(record_location.delivery_id, record_location.latitude, record_location.longitude, record_location.accuracy_m,
             record_location.speed_kmh, record_location.bearing, record_location.battery, v_at, 'raw')::app_public.tracked_point;
end;
$$;
comment on function app_public.record_location(uuid, double precision, double precision, double precision, double precision, double precision, integer, timestamptz) is
  E'@resultFieldName point\nThe delivery''s traveler sends one fix (recorded_at defaults to now). Errors: LOGIN, NTFND, DNIED (not the traveler), BADST (outside the tracking window), INVAL (a field out of range, a time too far ahead or too old; the message names it), LIMIT (within 15 s of another point).';
grant execute on function app_public.record_location(uuid, double precision, double precision, double precision, double precision, double precision, integer, timestamptz) to app_user;
