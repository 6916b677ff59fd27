-- The delivery's latest point as the caller may see it (docs/tracking.md, Privacy); null before the first point.
-- The latest stored point is read along (delivery_id, recorded_at desc), then blurred for the caller's level.
create or replace function app_public.current_location(delivery_id uuid)
returns app_public.tracked_point
language plpgsql stable security definer
set search_path = pg_catalog, public, pg_temp
as $$
declare
  v_level text := app_hidden.tracking_view_level(current_location.delivery_id);
  v_point app_private.location_tracking;
begin
  select * into v_point from app_private.location_tracking lt
   where lt.delivery_id = current_location.delivery_id
   order by lt.recorded_at desc limit 1;
  if v_point.id is null then
    return null;
  end if;
  return app_hidden.tracked_point_as(v_level, v_point.delivery_id, v_point.point, v_point.accuracy_m,
                                     v_point.speed_kmh, v_point.bearing, v_point.battery, v_point.recorded_at);
end;
$$;
comment on function app_public.current_location(uuid) is
  'The delivery''s latest point, as precise as the caller may see it (see deliveryTrack); null before the first. Errors: LOGIN, NTFND, EXPRD.';
grant execute on function app_public.current_location(uuid) to app_user;
