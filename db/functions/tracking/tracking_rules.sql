-- The tracking domain's shared helpers (docs/tracking.md): who may read a delivery's points and how precisely, the
-- privacy grid, the live channel, and which deliveries' points are kept as evidence.

-- How precisely the caller may see a delivery's points: 'raw' for admins with deliveries.read and for the traveler
-- (their own points), else the traveler's tracking_level (precise, approximate, minimal) for the customer while the
-- delivery is live and tracking.customer_after_hours after it ended. LOGIN without a session; NTFND for anybody
-- else (the delivery's existence stays hidden); EXPRD for the customer once the window closed. Security definer to
-- read the delivery and the traveler's preferences; it answers only about the caller's own access.
create or replace function app_hidden.tracking_view_level(delivery_id uuid)
returns text
language plpgsql stable security definer
set search_path = pg_catalog, public, pg_temp
as $$
declare
  v_user_id uuid := app_hidden.require_session('see a delivery''s location');
  v_delivery app_public.deliveries;
  v_ended_at timestamptz;
begin
  select * into v_delivery from app_public.deliveries d where d.id = tracking_view_level.delivery_id;
  if v_delivery.id is not null and app_hidden.current_user_has_permission('deliveries.read') then
    return 'raw';
  end if;
  if v_delivery.id is null or v_user_id not in (v_delivery.customer_id, v_delivery.traveler_id) then
    raise exception 'Delivery not found' using errcode = 'NTFND';
  end if;
  if v_user_id = v_delivery.traveler_id then
    return 'raw';
  end if;
  v_ended_at := case v_delivery.status when 'delivered' then v_delivery.delivered_at
                                       when 'cancelled' then v_delivery.cancelled_at end;
  if v_ended_at < now() - make_interval(hours => (app_hidden.config_value('tracking.customer_after_hours'))::int) then
    raise exception 'The location of this delivery is no longer shared' using errcode = 'EXPRD';
  end if;
  return coalesce((select p.location ->> 'tracking_level' from app_public.user_preferences p
                    where p.user_id = v_delivery.traveler_id), 'approximate');
end;
$$;
comment on function app_hidden.tracking_view_level(uuid) is
  'raw, precise, approximate or minimal: how the caller may see the delivery''s points; LOGIN, NTFND or EXPRD otherwise.';
grant execute on function app_hidden.tracking_view_level(uuid) to app_user;

-- The center of the grid cell of grid_m metres holding the point: latitude in steps of grid_m / 111320 degrees,
-- longitude in steps of grid_m / (111320 · cos(cell latitude)) degrees, so cells are about grid_m wide everywhere.
-- Any point of a cell shows as the same place: the exact position cannot be recovered from it.
create or replace function app_hidden.tracking_grid_cell(latitude double precision, longitude double precision,
                                                        grid_m double precision)
returns double precision[]
language sql immutable strict
set search_path = pg_catalog, public, pg_temp
as $$
  with lat as (
    select (floor(tracking_grid_cell.latitude / (tracking_grid_cell.grid_m / 111320.0)) + 0.5)
           * (tracking_grid_cell.grid_m / 111320.0) as v
  ), step as (
    select lat.v, tracking_grid_cell.grid_m / (111320.0 * greatest(cos(radians(lat.v)), 0.01)) as d from lat
  )
  select array[round(step.v::numeric, 6)::double precision,
               round(((floor(tracking_grid_cell.longitude / step.d) + 0.5) * step.d)::numeric, 6)::double precision]
    from step;
$$;
comment on function app_hidden.tracking_grid_cell(double precision, double precision, double precision) is
  'The [latitude, longitude] of the center of the grid_m-metre cell holding the point (6 decimals).';

-- A stored point as a viewer at the given level sees it: raw and precise as stored; approximate on the
-- tracking.approx_grid_m grid, its time floored to tracking.approx_round_min minutes, without speed, bearing or
-- battery, with the grid as its accuracy; minimal likewise on tracking.minimal_grid_m and tracking.minimal_round_min.
create or replace function app_hidden.tracked_point_as(level text, delivery_id uuid, point geography,
                                                      accuracy_m double precision, speed_kmh double precision,
                                                      bearing double precision, battery integer,
                                                      recorded_at timestamptz)
returns app_public.tracked_point
language sql stable
set search_path = pg_catalog, public, pg_temp
as $$
  with cfg as (
    select case tracked_point_as.level when 'approximate' then (app_hidden.config_value('tracking.approx_grid_m'))::float8
                                       else (app_hidden.config_value('tracking.minimal_grid_m'))::float8 end as grid_m,
           case tracked_point_as.level when 'approximate' then (app_hidden.config_value('tracking.approx_round_min'))::int
                                       else (app_hidden.config_value('tracking.minimal_round_min'))::int end as round_min
  )
  select case when tracked_point_as.level in ('raw', 'precise') then
           row(tracked_point_as.delivery_id, st_y(tracked_point_as.point::geometry), st_x(tracked_point_as.point::geometry),
               tracked_point_as.accuracy_m, tracked_point_as.speed_kmh, tracked_point_as.bearing, tracked_point_as.battery,
               tracked_point_as.recorded_at, tracked_point_as.level)::app_public.tracked_point
         else
           (select row(tracked_point_as.delivery_id, c[1], c[2], cfg.grid_m, null, null, null,
                       app_hidden.tracking_time_bucket(tracked_point_as.recorded_at, cfg.round_min),
                       tracked_point_as.level)::app_public.tracked_point
              from app_hidden.tracking_grid_cell(st_y(tracked_point_as.point::geometry),
                                                  st_x(tracked_point_as.point::geometry), cfg.grid_m) as c)
         end
    from cfg;
$$;
comment on function app_hidden.tracked_point_as(text, uuid, geography, double precision, double precision, double precision, integer, timestamptz) is
  'A stored point as seen at a privacy level (raw, precise, approximate, minimal).';

-- The start of the minutes-long bucket (counted from midnight UTC) holding t: 10:07:59 → 10:05 for 5 minutes.
create or replace function app_hidden.tracking_time_bucket(t timestamptz, minutes integer)
returns timestamptz
language sql immutable strict
set search_path = pg_catalog, public, pg_temp
as $$
  select date_bin(make_interval(mins => tracking_time_bucket.minutes), tracking_time_bucket.t,
                  timestamptz '2000-01-01 00:00:00+00');
$$;
comment on function app_hidden.tracking_time_bucket(timestamptz, integer) is 'The start of the bucket of that many minutes holding t.';

-- The live channel of a delivery (server/plugins/deliveryTrackingEvents.ts): ingest and status changes NOTIFY it
-- with keys only; subscribers read back through the functions above, as themselves.
create or replace function app_hidden.tracking_channel(delivery_id uuid)
returns text
language sql immutable strict
set search_path = pg_catalog, public, pg_temp
as $$
  select 'tracking:' || tracking_channel.delivery_id::text;
$$;
comment on function app_hidden.tracking_channel(uuid) is 'The NOTIFY channel of a delivery''s live tracking events.';
grant execute on function app_hidden.tracking_channel(uuid) to app_user;

-- The channel a subscriber may LISTEN to: the same checks as reading the points (tracking_view_level), so a
-- subscription for a delivery the caller may not see is refused with the same code.
create or replace function app_hidden.tracking_subscription_channel(delivery_id uuid)
returns text
language plpgsql stable
set search_path = pg_catalog, public, pg_temp
as $$
begin
  perform app_hidden.tracking_view_level(tracking_subscription_channel.delivery_id);
  return app_hidden.tracking_channel(tracking_subscription_channel.delivery_id);
end;
$$;
comment on function app_hidden.tracking_subscription_channel(uuid) is 'The live channel of a delivery the caller may follow; LOGIN, NTFND or EXPRD otherwise.';
grant execute on function app_hidden.tracking_subscription_channel(uuid) to app_user;

-- Triggers of the tracking tables that use platform functions.
drop trigger if exists _100_timestamps on app_public.geofences;
create trigger _100_timestamps before update on app_public.geofences
  for each row execute function app_hidden.tg__set_updated_at();
drop trigger if exists _100_timestamps on app_public.emergency_locations;
create trigger _100_timestamps before update on app_public.emergency_locations
  for each row execute function app_hidden.tg__set_updated_at();
