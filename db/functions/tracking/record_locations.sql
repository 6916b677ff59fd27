-- Ingest (docs/tracking.md): the assigned traveler sends fixes of a live delivery, from
-- tracking.start_before_pickup_hours before the scheduled pickup until delivery. Each fix is checked on its own
-- (ranges, at most tracking.max_future_s ahead and tracking.max_past_hours old, not before tracking started, at
-- least tracking.min_interval_s from every stored point of the delivery and from the batch's previous valid fix);
-- the valid ones are stored in one INSERT … SELECT, the others reported by index. Then geofences, then one NOTIFY.
--
-- The range checks restate the table's CHECKs on purpose: a CHECK would abort the whole batch, and a batch must keep
-- its valid points and name each bad one. The CHECKs stay as the last word.
create or replace function app_hidden.ingest_locations(delivery_id uuid, points app_public.location_fix[])
returns app_public.location_batch_result
language plpgsql volatile security definer
set search_path = pg_catalog, public, pg_temp
as $$
declare
  v_user_id uuid := app_hidden.require_session('send locations');
  v_delivery app_public.deliveries;
  v_start timestamptz;
  v_min_interval interval := make_interval(secs => (app_hidden.config_value('tracking.min_interval_s'))::int);
  v_max_future interval := make_interval(secs => (app_hidden.config_value('tracking.max_future_s'))::int);
  v_max_past interval := make_interval(hours => (app_hidden.config_value('tracking.max_past_hours'))::int);
  v_stored app_private.location_tracking[];
  v_rejections app_public.location_rejection[];
  v_result app_public.location_batch_result;
begin
  select * into v_delivery from app_public.deliveries d where d.id = ingest_locations.delivery_id;
  if v_delivery.id is null or v_user_id not in (v_delivery.customer_id, v_delivery.traveler_id) then
    raise exception 'Delivery not found' using errcode = 'NTFND';
  end if;
  perform app_hidden.assert_traveler_of(v_delivery, v_user_id, 'send the location of a delivery');
  if coalesce(cardinality(ingest_locations.points), 0) = 0 then
    raise exception 'points must hold at least one point' using errcode = 'INVAL';
  end if;
  if cardinality(ingest_locations.points) > (app_hidden.config_value('tracking.batch_max'))::int then
    raise exception 'points may hold at most % points', (app_hidden.config_value('tracking.batch_max'))::int
      using errcode = 'LIMIT';
  end if;
  -- One batch of a delivery at a time, so that two concurrent batches cannot both pass the interval check; the
  -- delivery row itself stays free for its own mutations.
  perform pg_advisory_xact_lock(hashtextextended(app_hidden.tracking_channel(v_delivery.id), 0));
  select * into v_delivery from app_public.deliveries d where d.id = v_delivery.id;
  if v_delivery.status not in ('accepted', 'pickup_scheduled', 'picked_up', 'in_transit', 'delivery_scheduled') then
    raise exception 'Locations are sent only until the delivery ends (it is %)', v_delivery.status using errcode = 'BADST';
  end if;
  v_start := coalesce(v_delivery.pickup_time,
                      (select r.pickup_window_start from app_public.delivery_requests r where r.id = v_delivery.request_id))
             - make_interval(hours => (app_hidden.config_value('tracking.start_before_pickup_hours'))::int);
  if now() < v_start then
    raise exception 'Tracking starts at % (% hours before the scheduled pickup)',
      to_char(v_start at time zone 'UTC', 'YYYY-MM-DD HH24:MI "UTC"'),
      (app_hidden.config_value('tracking.start_before_pickup_hours'))::int using errcode = 'BADST';
  end if;

  with input as (
    select (p.n - 1)::int as idx, p.latitude, p.longitude, p.accuracy_m, p.speed_kmh, p.bearing, p.battery, p.recorded_at
      from unnest(ingest_locations.points) with ordinality as p (latitude, longitude, accuracy_m, speed_kmh, bearing,
                                                                  battery, recorded_at, n)
  ), checked as (
    select i.*, case
        when i.latitude is null or i.longitude is null then 'INVAL:latitude and longitude are required'
        when i.latitude not between -90 and 90 then 'INVAL:latitude must be between -90 and 90'
        when i.longitude not between -180 and 180 then 'INVAL:longitude must be between -180 and 180'
        when i.accuracy_m is null then 'INVAL:accuracy_m is required'
        when i.accuracy_m not between 0 and 10000 then 'INVAL:accuracy_m must be between 0 and 10000'
        when i.speed_kmh not between 0 and 500 then 'INVAL:speed_kmh must be between 0 and 500'
        when not (i.bearing >= 0 and i.bearing < 360) then 'INVAL:bearing must be at least 0 and below 360'
        when i.battery not between 0 and 100 then 'INVAL:battery must be between 0 and 100'
        when i.recorded_at is null then 'INVAL:recorded_at is required'
        when i.recorded_at > now() + v_max_future then 'INVAL:recorded_at is too far in the future'
        when i.recorded_at < now() - v_max_past then 'INVAL:recorded_at is too old'
        when i.recorded_at < v_start then 'INVAL:recorded_at is before tracking of this delivery started'
        when exists (select 1 from app_private.location_tracking t
                      where t.delivery_id = v_delivery.id
                        and t.recorded_at > i.recorded_at - v_min_interval
                        and t.recorded_at < i.recorded_at + v_min_interval)
          then 'LIMIT:recorded_at is too close to a point already sent'
      end as problem
      from input i
  ), spaced as (
    select c.*, coalesce(c.problem, case
        when c.recorded_at - lag(c.recorded_at) over (partition by c.problem is null order by c.recorded_at, c.idx)
             < v_min_interval then 'LIMIT:recorded_at is too close to the previous point of the batch' end) as verdict
      from checked c
  ), stored as (
    insert into app_private.location_tracking (recorded_at, delivery_id, user_id, point, accuracy_m, bearing, speed_kmh,
                                               battery)
    select s.recorded_at, v_delivery.id, v_user_id,
           st_setsrid(st_makepoint(s.longitude, s.latitude), 4326)::geography, s.accuracy_m, s.bearing, s.speed_kmh,
           s.battery
      from spaced s where s.verdict is null
    returning *
  )
  select (select array_agg(st order by st.recorded_at) from stored st),
         coalesce((select array_agg(row(s.idx, split_part(s.verdict, ':', 1),
                                        substr(s.verdict, strpos(s.verdict, ':') + 1))::app_public.location_rejection
                                    order by s.idx)
                     from spaced s where s.verdict is not null), '{}')
    into v_stored, v_rejections;
  v_result := row(coalesce(cardinality(v_stored), 0), v_rejections)::app_public.location_batch_result;

  if v_result.accepted > 0 then
    perform app_hidden.apply_geofences(v_delivery, v_stored);
    perform pg_notify(app_hidden.tracking_channel(v_delivery.id),
                      json_build_object('kind', 'location', 'delivery_id', v_delivery.id)::text);
  end if;
  return v_result;
end;
$$;
comment on function app_hidden.ingest_locations(uuid, app_public.location_fix[]) is
  'Stores the valid fixes of a batch for the delivery''s traveler and reports the others; geofence events and the live event follow.';
grant execute on function app_hidden.ingest_locations(uuid, app_public.location_fix[]) to app_user;

create or replace function app_public.record_locations(delivery_id uuid, points app_public.location_fix[])
returns app_public.location_batch_result
language sql volatile
set search_path = pg_catalog, public, pg_temp
as $$
  select app_hidden.ingest_locations(record_locations.delivery_id, record_locations.points);
$$;
comment on function app_public.record_locations(uuid, app_public.location_fix[]) is
  E'@resultFieldName result\nThe delivery''s traveler sends up to tracking.batch_max fixes (e.g. queued offline): the valid ones are kept, each other one is reported by its index with INVAL (a field out of range, a time too far ahead, too old or before tracking started) or LIMIT (within 15 s of another point). Errors for the whole batch: LOGIN, NTFND, DNIED (not the traveler), BADST (before 2 h ahead of the pickup, or after the delivery ended), LIMIT (too many points), INVAL (no points).';
grant execute on function app_public.record_locations(uuid, app_public.location_fix[]) to app_user;
