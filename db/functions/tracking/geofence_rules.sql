-- Geofences (docs/tracking.md): ingest walks each stored point (in time order, fixes worse than
-- tracking.geofence_min_accuracy_m skipped) through the delivery's active geofences and the platform-wide zones it
-- touches, from the state the last event left (inside after enter or dwell). Outside → inside emits enter; inside
-- for the geofence's dwell_threshold_s emits one dwell; inside → outside emits exit. An event of the same kind for
-- the same geofence and delivery within geofence.dedupe_s before it is dropped (GPS jitter at the edge). The first
-- enter of the drop-off circle notifies the customer (traveler_arriving).
create or replace function app_hidden.apply_geofences(delivery app_public.deliveries,
                                                     points app_private.location_tracking[])
returns integer
language plpgsql volatile
set search_path = pg_catalog, public, pg_temp
as $$
declare
  v_fence app_public.geofences;
  v_last app_public.geofence_events;
  v_point app_private.location_tracking;
  v_inside boolean;
  v_entered_at timestamptz;
  v_dwelled boolean;
  v_here boolean;
  v_event app_public.geofence_event_type;
  v_min_accuracy double precision := (app_hidden.config_value('tracking.geofence_min_accuracy_m'))::float8;
  v_dedupe interval := make_interval(secs => (app_hidden.config_value('geofence.dedupe_s'))::int);
  v_count integer := 0;
begin
  for v_fence in
    select g.* from app_public.geofences g
     where g.active and g.delivery_id = apply_geofences.delivery.id
    union all
    select g.* from app_public.geofences g
     where g.active and g.delivery_id is null
       and (exists (select 1 from unnest(apply_geofences.points) p where st_covers(g.polygon, p.point))
            or exists (select 1 from app_public.geofence_events e
                        where e.geofence_id = g.id and e.delivery_id = apply_geofences.delivery.id))
  loop
    select * into v_last from app_public.geofence_events e
     where e.geofence_id = v_fence.id and e.delivery_id = apply_geofences.delivery.id
     order by e.recorded_at desc limit 1;
    v_inside := coalesce(v_last.event in ('enter', 'dwell'), false);
    v_dwelled := coalesce(v_last.event = 'dwell', false);
    v_entered_at := case when v_inside then
      (select e.recorded_at from app_public.geofence_events e
        where e.geofence_id = v_fence.id and e.delivery_id = apply_geofences.delivery.id and e.event = 'enter'
        order by e.recorded_at desc limit 1) end;
    foreach v_point in array apply_geofences.points loop
      continue when v_point.accuracy_m > v_min_accuracy
                 or v_point.recorded_at < coalesce(v_fence.active_from, '-infinity')
                 or v_point.recorded_at >= coalesce(v_fence.active_until, 'infinity')
                 or v_point.recorded_at <= coalesce(v_last.recorded_at, '-infinity');
      v_here := case v_fence.geometry_type when 'circle' then st_dwithin(v_fence.center, v_point.point, v_fence.radius_m)
                                           else st_covers(v_fence.polygon, v_point.point) end;
      v_event := case when v_here and not v_inside then 'enter'
                      when v_here and not v_dwelled
                           and v_point.recorded_at - v_entered_at >= make_interval(secs => v_fence.dwell_threshold_s)
                        then 'dwell'
                      when not v_here and v_inside then 'exit' end;
      continue when v_event is null;
      -- A repeat within the dedupe period is dropped and changes nothing: the stored events stay the state.
      continue when exists (select 1 from app_public.geofence_events e
                             where e.geofence_id = v_fence.id and e.delivery_id = apply_geofences.delivery.id
                               and e.event = v_event
                               and e.recorded_at > v_point.recorded_at - v_dedupe
                               and e.recorded_at <= v_point.recorded_at);
      if v_event = 'enter' then
        v_inside := true;
        v_dwelled := false;
        v_entered_at := v_point.recorded_at;
      elsif v_event = 'dwell' then
        v_dwelled := true;
      else
        v_inside := false;
      end if;
      if v_event = 'enter' and v_fence.geofence_type = 'delivery'
         and not exists (select 1 from app_public.geofence_events e
                          where e.geofence_id = v_fence.id and e.delivery_id = apply_geofences.delivery.id
                            and e.event = 'enter') then
        perform app_hidden.notify(apply_geofences.delivery.customer_id, 'traveler_arriving',
                                  jsonb_build_object('delivery_number', apply_geofences.delivery.delivery_number),
                                  'high', apply_geofences.delivery.id);
      end if;
      insert into app_public.geofence_events (geofence_id, delivery_id, user_id, event, point, dwell_time_s, recorded_at)
      values (v_fence.id, apply_geofences.delivery.id, v_point.user_id, v_event, v_point.point,
              case when v_event = 'dwell' then extract(epoch from v_point.recorded_at - v_entered_at)::int end,
              v_point.recorded_at);
      v_count := v_count + 1;
    end loop;
  end loop;
  return v_count;
end;
$$;
comment on function app_hidden.apply_geofences(app_public.deliveries, app_private.location_tracking[]) is
  'Emits the enter, exit and dwell events of newly stored points (deduplicated), and tells the customer when the traveler reaches the drop-off.';

-- Acceptance makes the delivery's pickup and drop-off circles (geofence.pickup_radius_m / pickup_dwell_min,
-- geofence.dropoff_radius_m / dropoff_dwell_min) around the request's places.
create or replace function app_hidden.tg_deliveries__geofences()
returns trigger
language plpgsql volatile security definer
set search_path = pg_catalog, public, pg_temp
as $$
begin
  insert into app_public.geofences (geofence_type, delivery_id, geometry_type, center, radius_m, dwell_threshold_s)
  select 'pickup'::app_public.geofence_type, NEW.id, 'circle'::app_public.geometry_type, r.pickup_point, (app_hidden.config_value('geofence.pickup_radius_m'))::int,
         (app_hidden.config_value('geofence.pickup_dwell_min'))::int * 60
    from app_public.delivery_requests r where r.id = NEW.request_id
  union all
  select 'delivery', NEW.id, 'circle', r.delivery_point, (app_hidden.config_value('geofence.dropoff_radius_m'))::int,
         (app_hidden.config_value('geofence.dropoff_dwell_min'))::int * 60
    from app_public.delivery_requests r where r.id = NEW.request_id;
  return null;
end;
$$;
comment on function app_hidden.tg_deliveries__geofences() is 'Creates a new delivery''s pickup and drop-off geofences.';
grant execute on function app_hidden.tg_deliveries__geofences() to app_user;

drop trigger if exists _500_geofences on app_public.deliveries;
create trigger _500_geofences
  after insert on app_public.deliveries
  for each row execute function app_hidden.tg_deliveries__geofences();

-- Status changes reach the delivery's live channel (keys only; subscribers read the status back as themselves).
create or replace function app_hidden.tg_deliveries__tracking_events()
returns trigger
language plpgsql volatile
set search_path = pg_catalog, public, pg_temp
as $$
begin
  perform pg_notify(app_hidden.tracking_channel(NEW.id),
                    json_build_object('kind', 'status', 'delivery_id', NEW.id, 'status', NEW.status)::text);
  return null;
end;
$$;
comment on function app_hidden.tg_deliveries__tracking_events() is 'Announces a delivery''s new status on its live tracking channel.';
grant execute on function app_hidden.tg_deliveries__tracking_events() to app_user;

drop trigger if exists _900_tracking_events on app_public.deliveries;
create trigger _900_tracking_events
  after update of status on app_public.deliveries
  for each row when (OLD.status is distinct from NEW.status)
  execute function app_hidden.tg_deliveries__tracking_events();
