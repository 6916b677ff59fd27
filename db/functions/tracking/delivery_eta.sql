-- When the item should reach the drop-off (docs/tracking.md, Routes and ETA): from the last point, the straight-line
-- distance left and the mean speed of the points of the last tracking.eta_speed_window_min minutes (source
-- tracking); without a point, or while the recent speed is under 1 km/h, the trip's arrival (source trip). Readable
-- by whoever may read the points (same checks); the estimate itself reveals no position.
create or replace function app_public.delivery_eta(delivery_id uuid)
returns app_public.delivery_eta_estimate
language plpgsql stable security definer
set search_path = pg_catalog, public, pg_temp
as $$
declare
  v_delivery app_public.deliveries;
  v_last app_private.location_tracking;
  v_speed double precision;
  v_km double precision;
begin
  perform app_hidden.tracking_view_level(delivery_eta.delivery_id);
  select * into v_delivery from app_public.deliveries d where d.id = delivery_eta.delivery_id;
  if v_delivery.status = 'delivered' then
    return row(v_delivery.id, v_delivery.delivered_at, 'delivered', 0, null)::app_public.delivery_eta_estimate;
  end if;
  select * into v_last from app_private.location_tracking lt
   where lt.delivery_id = v_delivery.id order by lt.recorded_at desc limit 1;
  if v_last.id is not null then
    select avg(lt.speed_kmh) into v_speed from app_private.location_tracking lt
     where lt.delivery_id = v_delivery.id and lt.speed_kmh is not null
       and lt.recorded_at > v_last.recorded_at
                            - make_interval(mins => (app_hidden.config_value('tracking.eta_speed_window_min'))::int);
    select st_distance(v_last.point, r.delivery_point) / 1000.0 into v_km
      from app_public.delivery_requests r where r.id = v_delivery.request_id;
    if v_speed >= 1 then
      return row(v_delivery.id, v_last.recorded_at + make_interval(secs => v_km / v_speed * 3600), 'tracking',
                 round(v_km::numeric, 1)::float8, round(v_speed::numeric, 1)::float8)::app_public.delivery_eta_estimate;
    end if;
  end if;
  return row(v_delivery.id, (select t.arrival_time from app_public.trips t where t.id = v_delivery.trip_id), 'trip',
             round(v_km::numeric, 1)::float8, null)::app_public.delivery_eta_estimate;
end;
$$;
comment on function app_public.delivery_eta(uuid) is
  'When the item should reach the drop-off: from the last point and the recent speed (source tracking), else the trip''s arrival (source trip); delivered deliveries answer their delivery time. Errors: LOGIN, NTFND, EXPRD.';
grant execute on function app_public.delivery_eta(uuid) to app_user;
