-- migrate:up
set local lock_timeout = '5s';
set local statement_timeout = '60s';

-- Live tracking (docs/tracking.md): the traveler's location points, partitioned by month of recorded_at and read only
-- through functions; geofences around the pickup and drop-off (and admins' zones) with the events ingest derives
-- from them; emergency reports.

create type app_public.geofence_type as enum ('pickup', 'delivery', 'restricted', 'safe_zone');
comment on type app_public.geofence_type is 'What a geofence marks: the pickup or drop-off place of a delivery, or an admin''s restricted zone (alerts) or safe zone (handover spots).';
create type app_public.geometry_type as enum ('circle', 'polygon');
comment on type app_public.geometry_type is 'The shape of a geofence: a circle (center and radius) or a polygon.';
create type app_public.geofence_event_type as enum ('enter', 'exit', 'dwell');
comment on type app_public.geofence_event_type is 'What a traveler did at a geofence: entered, left, or stayed past its dwell threshold.';
create type app_public.emergency_type as enum ('accident', 'breakdown', 'theft', 'medical', 'other');
comment on type app_public.emergency_type is 'What kind of emergency was reported.';
create type app_public.emergency_severity as enum ('low', 'medium', 'high', 'critical');
comment on type app_public.emergency_severity is 'How serious an emergency is: high and critical alert admins urgently; medium and above also the other party.';
create type app_public.emergency_status as enum ('reported', 'acknowledged', 'in_progress', 'resolved');
comment on type app_public.emergency_status is 'Where an emergency case stands: reported → acknowledged → in_progress → resolved (admins move it).';

-- Points: one row per fix of the assigned traveler, partitioned by month of recorded_at (the key is in the primary
-- key). In app_private, without grants: nobody reads or writes the table but the tracking functions (security
-- definer), which apply the privacy rules.
create table app_private.location_tracking (
  id uuid not null default gen_random_uuid(),
  recorded_at timestamptz not null,
  delivery_id uuid not null references app_public.deliveries on delete cascade,
  user_id uuid not null references app_public.users on delete cascade,
  point geography(Point, 4326) not null,
  accuracy_m real not null,
  bearing real,
  speed_kmh real,
  battery integer,
  created_at timestamptz not null default now(),
  constraint location_tracking_pkey primary key (id, recorded_at),
  constraint location_tracking_accuracy_m_check check (accuracy_m between 0 and 10000),
  constraint location_tracking_bearing_check check (bearing >= 0 and bearing < 360),
  constraint location_tracking_speed_kmh_check check (speed_kmh between 0 and 500),
  constraint location_tracking_battery_check check (battery between 0 and 100)
) partition by range (recorded_at);
alter table app_private.location_tracking enable row level security;
alter table app_private.location_tracking force row level security;
comment on table app_private.location_tracking is E'The traveler''s location points during a delivery, by month of recorded_at; read through currentLocation, deliveryTrack and deliveryEta only.';
comment on column app_private.location_tracking.id is 'The point''s id (with recorded_at, its key).';
comment on column app_private.location_tracking.recorded_at is 'When the device took the fix (the month decides its partition).';
comment on column app_private.location_tracking.delivery_id is 'The delivery being carried.';
comment on column app_private.location_tracking.user_id is 'The traveler who sent it.';
comment on column app_private.location_tracking.point is 'Where the device was (WGS 84).';
comment on column app_private.location_tracking.accuracy_m is 'Horizontal accuracy of the fix, in metres (0 to 10000); worse than tracking.geofence_min_accuracy_m is kept but skipped by geofences.';
comment on column app_private.location_tracking.bearing is 'Direction of travel in degrees from north (0 to 360).';
comment on column app_private.location_tracking.speed_kmh is 'Speed in km/h (0 to 500).';
comment on column app_private.location_tracking.battery is 'Battery level of the device in percent (0 to 100).';
comment on column app_private.location_tracking.created_at is 'When the server stored it.';
comment on constraint location_tracking_pkey on app_private.location_tracking is 'id is already taken';
comment on constraint location_tracking_accuracy_m_check on app_private.location_tracking is 'accuracy_m must be between 0 and 10000';
comment on constraint location_tracking_bearing_check on app_private.location_tracking is 'bearing must be at least 0 and below 360';
comment on constraint location_tracking_speed_kmh_check on app_private.location_tracking is 'speed_kmh must be between 0 and 500';
comment on constraint location_tracking_battery_check on app_private.location_tracking is 'battery must be between 0 and 100';
comment on constraint location_tracking_delivery_id_fkey on app_private.location_tracking is 'delivery_id must name an existing delivery';
comment on constraint location_tracking_user_id_fkey on app_private.location_tracking is 'user_id must name an existing user';
create index location_tracking_delivery_idx on app_private.location_tracking (delivery_id, recorded_at desc);
create index location_tracking_user_idx on app_private.location_tracking (user_id);

-- The default partition catches a point of a month without its own (the monthly job had not run); the job moves
-- such rows into the month's partition when it creates it. Months: this one and the next three here, then
-- app_private.create_location_tracking_partitions (daily job) keeps tracking.partitions_ahead months ahead.
-- Partitions live in app_private with row level security forced and no grants; their constraints carry the
-- parent's client messages.
do $$
declare
  v_month date;
  v_name text;
  v_ddl text;
begin
  for i in -1..4 loop
    if i = -1 then
      v_name := 'location_tracking_default';
      execute 'create table app_private.location_tracking_default partition of app_private.location_tracking default';
    else
      v_month := (date_trunc('month', now() at time zone 'UTC') + make_interval(months => i - 1))::date;
      v_name := 'location_tracking_' || to_char(v_month, 'YYYY_MM');
      execute format('create table app_private.%I partition of app_private.location_tracking for values from (%L) to (%L)',
                     v_name, v_month::timestamp at time zone 'UTC', (v_month + interval '1 month')::timestamp at time zone 'UTC');
    end if;
    execute format('alter table app_private.%I enable row level security', v_name);
    execute format('alter table app_private.%I force row level security', v_name);
    execute format('comment on table app_private.%I is %L', v_name, 'Location points of one month (read through the tracking functions).');
    for v_ddl in
      select format('comment on constraint %I on app_private.%I is %L', child.conname, v_name,
                    obj_description(parent.oid, 'pg_constraint'))
        from pg_constraint child
        join pg_constraint parent on parent.conrelid = 'app_private.location_tracking'::regclass
         and (parent.conname = child.conname or (parent.contype = 'p' and child.contype = 'p'))
       where child.conrelid = format('app_private.%I', v_name)::regclass
    loop
      execute v_ddl;
    end loop;
  end loop;
end;
$$;

-- Geofences: a delivery's pickup and drop-off circles (made at acceptance), or an admin's restricted or safe zone
-- polygon (for one delivery, or platform-wide when delivery_id is null).
create table app_public.geofences (
  id uuid primary key default gen_random_uuid(),
  geofence_type app_public.geofence_type not null,
  delivery_id uuid references app_public.deliveries on delete cascade,
  geometry_type app_public.geometry_type not null,
  center geography(Point, 4326),
  radius_m integer,
  polygon geography(Polygon, 4326),
  dwell_threshold_s integer not null default 300,
  active boolean not null default true,
  active_from timestamptz,
  active_until timestamptz,
  created_by uuid references app_public.users on delete set null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  constraint geofences_shape_check check (
    (geometry_type = 'circle' and center is not null and radius_m is not null and polygon is null)
    or (geometry_type = 'polygon' and polygon is not null and center is null and radius_m is null)),
  constraint geofences_radius_m_check check (radius_m between 1 and 10000),
  constraint geofences_type_shape_check check (
    (geofence_type in ('pickup', 'delivery') and geometry_type = 'circle' and delivery_id is not null)
    or (geofence_type in ('restricted', 'safe_zone') and geometry_type = 'polygon')),
  constraint geofences_dwell_threshold_s_check check (dwell_threshold_s between 0 and 86400),
  constraint geofences_window_check check (active_until > active_from)
);
alter table app_public.geofences enable row level security;
alter table app_public.geofences force row level security;
comment on table app_public.geofences is E'@behavior -insert -update -delete\nPlaces ingest watches: a delivery''s pickup and drop-off circles, and admins'' restricted and safe-zone polygons.';
comment on column app_public.geofences.id is 'The geofence''s id.';
comment on column app_public.geofences.geofence_type is 'pickup, delivery (drop-off), restricted or safe_zone.';
comment on column app_public.geofences.delivery_id is 'The delivery it belongs to; null for a platform-wide zone.';
comment on column app_public.geofences.geometry_type is 'circle (center, radius_m) or polygon.';
comment on column app_public.geofences.center is 'Center of a circle.';
comment on column app_public.geofences.radius_m is 'Radius of a circle in metres (1 to 10000).';
comment on column app_public.geofences.polygon is 'Outline of a polygon.';
comment on column app_public.geofences.dwell_threshold_s is 'Seconds inside after which a dwell event is emitted.';
comment on column app_public.geofences.active is 'Whether ingest watches it.';
comment on column app_public.geofences.active_from is 'Watched from then on (null: always).';
comment on column app_public.geofences.active_until is 'Watched until then (null: always).';
comment on column app_public.geofences.created_by is 'The admin who drew it (null: made at acceptance).';
comment on column app_public.geofences.created_at is 'When it was made.';
comment on column app_public.geofences.updated_at is 'When it last changed.';
comment on constraint geofences_pkey on app_public.geofences is 'id is already taken';
comment on constraint geofences_shape_check on app_public.geofences is 'a circle needs center and radius_m and no polygon; a polygon needs polygon and neither center nor radius_m';
comment on constraint geofences_radius_m_check on app_public.geofences is 'radius_m must be between 1 and 10000';
comment on constraint geofences_type_shape_check on app_public.geofences is 'geofence_type pickup and delivery are circles of a delivery; restricted and safe_zone are polygons';
comment on constraint geofences_dwell_threshold_s_check on app_public.geofences is 'dwell_threshold_s must be between 0 and 86400';
comment on constraint geofences_window_check on app_public.geofences is 'active_until must be after active_from';
comment on constraint geofences_delivery_id_fkey on app_public.geofences is 'delivery_id must name an existing delivery';
comment on constraint geofences_created_by_fkey on app_public.geofences is 'created_by must name an existing user';
create index geofences_delivery_idx on app_public.geofences (delivery_id);
create index geofences_created_by_idx on app_public.geofences (created_by);
create index geofences_zone_polygon_idx on app_public.geofences using gist (polygon) where delivery_id is null and active;

create table app_public.geofence_events (
  id uuid primary key default gen_random_uuid(),
  geofence_id uuid not null references app_public.geofences on delete cascade,
  delivery_id uuid not null references app_public.deliveries on delete cascade,
  user_id uuid not null references app_public.users on delete cascade,
  event app_public.geofence_event_type not null,
  point geography(Point, 4326) not null,
  dwell_time_s integer,
  recorded_at timestamptz not null,
  created_at timestamptz not null default now(),
  constraint geofence_events_dwell_time_s_check check ((event = 'dwell') = (dwell_time_s is not null) and dwell_time_s >= 0)
);
alter table app_public.geofence_events enable row level security;
alter table app_public.geofence_events force row level security;
comment on table app_public.geofence_events is E'@behavior -insert -update -delete\nEnter, exit and dwell events ingest derived from the traveler''s points (deduplicated within geofence.dedupe_s).';
comment on column app_public.geofence_events.id is 'The event''s id.';
comment on column app_public.geofence_events.geofence_id is 'The geofence.';
comment on column app_public.geofence_events.delivery_id is 'The delivery whose points made it.';
comment on column app_public.geofence_events.user_id is 'The traveler.';
comment on column app_public.geofence_events.event is 'enter, exit or dwell.';
comment on column app_public.geofence_events.point is 'The point that made it.';
comment on column app_public.geofence_events.dwell_time_s is 'For dwell: seconds inside since entering.';
comment on column app_public.geofence_events.recorded_at is 'When the point was recorded.';
comment on column app_public.geofence_events.created_at is 'When the event was stored.';
comment on constraint geofence_events_pkey on app_public.geofence_events is 'id is already taken';
comment on constraint geofence_events_dwell_time_s_check on app_public.geofence_events is 'dwell_time_s is set, and not negative, exactly for dwell events';
comment on constraint geofence_events_geofence_id_fkey on app_public.geofence_events is 'geofence_id must name an existing geofence';
comment on constraint geofence_events_delivery_id_fkey on app_public.geofence_events is 'delivery_id must name an existing delivery';
comment on constraint geofence_events_user_id_fkey on app_public.geofence_events is 'user_id must name an existing user';
create index geofence_events_geofence_idx on app_public.geofence_events (geofence_id, delivery_id, recorded_at desc);
create index geofence_events_delivery_idx on app_public.geofence_events (delivery_id, recorded_at desc);
create index geofence_events_user_idx on app_public.geofence_events (user_id);
create index geofence_events_created_idx on app_public.geofence_events (created_at);

-- Emergencies: case numbers from a sequence, never MAX+1.
create sequence app_public.emergency_case_seq;
create table app_public.emergency_locations (
  id uuid primary key default gen_random_uuid(),
  case_number text not null default 'EMG-' || to_char(now() at time zone 'UTC', 'YYYY') || '-'
                                    || lpad(nextval('app_public.emergency_case_seq')::text, 6, '0'),
  delivery_id uuid not null references app_public.deliveries on delete restrict,
  user_id uuid not null references app_public.users on delete restrict,
  emergency_type app_public.emergency_type not null,
  severity app_public.emergency_severity not null,
  status app_public.emergency_status not null default 'reported',
  point geography(Point, 4326) not null,
  accuracy_m real not null,
  poor_fix boolean not null,
  description text,
  emergency_number text not null,
  resolution text,
  acknowledged_at timestamptz,
  resolved_at timestamptz,
  handled_by uuid references app_public.users on delete set null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  constraint emergency_locations_case_number_key unique (case_number),
  constraint emergency_locations_case_number_check check (case_number ~ '^EMG-[0-9]{4}-[0-9]{6,}$'),
  constraint emergency_locations_accuracy_m_check check (accuracy_m between 0 and 10000),
  constraint emergency_locations_description_check check (length(description) between 1 and 2000),
  constraint emergency_locations_resolution_check check (length(resolution) between 1 and 2000),
  constraint emergency_locations_resolved_check check ((status = 'resolved') = (resolved_at is not null and resolution is not null))
);
alter table app_public.emergency_locations enable row level security;
alter table app_public.emergency_locations force row level security;
comment on table app_public.emergency_locations is E'@behavior -insert -update -delete\nEmergencies reported during a delivery (reportEmergency); admins move them to resolved (updateEmergencyStatus).';
comment on column app_public.emergency_locations.id is 'The case''s id.';
comment on column app_public.emergency_locations.case_number is 'EMG-YYYY-NNNNNN, from a sequence.';
comment on column app_public.emergency_locations.delivery_id is 'The delivery it happened on.';
comment on column app_public.emergency_locations.user_id is 'Who reported it.';
comment on column app_public.emergency_locations.emergency_type is 'accident, breakdown, theft, medical or other.';
comment on column app_public.emergency_locations.severity is 'low, medium, high or critical.';
comment on column app_public.emergency_locations.status is 'reported, acknowledged, in_progress or resolved.';
comment on column app_public.emergency_locations.point is 'Where the reporter was (precise).';
comment on column app_public.emergency_locations.accuracy_m is 'Accuracy of the fix in metres.';
comment on column app_public.emergency_locations.poor_fix is 'Whether the fix was worse than emergency.expected_accuracy_m (flagged, never refused).';
comment on column app_public.emergency_locations.description is 'What the reporter said.';
comment on column app_public.emergency_locations.emergency_number is 'The local emergency number for the place (the platform calls no one).';
comment on column app_public.emergency_locations.resolution is 'How it was resolved.';
comment on column app_public.emergency_locations.acknowledged_at is 'When an admin acknowledged it.';
comment on column app_public.emergency_locations.resolved_at is 'When it was resolved.';
comment on column app_public.emergency_locations.handled_by is 'The admin who last moved it.';
comment on column app_public.emergency_locations.created_at is 'When it was reported.';
comment on column app_public.emergency_locations.updated_at is 'When it last changed.';
comment on constraint emergency_locations_pkey on app_public.emergency_locations is 'id is already taken';
comment on constraint emergency_locations_case_number_key on app_public.emergency_locations is 'case_number is already taken';
comment on constraint emergency_locations_case_number_check on app_public.emergency_locations is 'case_number must look like EMG-YYYY-NNNNNN';
comment on constraint emergency_locations_accuracy_m_check on app_public.emergency_locations is 'accuracy_m must be between 0 and 10000';
comment on constraint emergency_locations_description_check on app_public.emergency_locations is 'description must have 1 to 2000 characters';
comment on constraint emergency_locations_resolution_check on app_public.emergency_locations is 'resolution must have 1 to 2000 characters';
comment on constraint emergency_locations_resolved_check on app_public.emergency_locations is 'a resolved case needs resolved_at and a resolution, and only a resolved one has them';
comment on constraint emergency_locations_delivery_id_fkey on app_public.emergency_locations is 'delivery_id must name an existing delivery';
comment on constraint emergency_locations_user_id_fkey on app_public.emergency_locations is 'user_id must name an existing user';
comment on constraint emergency_locations_handled_by_fkey on app_public.emergency_locations is 'handled_by must name an existing user';
create index emergency_locations_delivery_idx on app_public.emergency_locations (delivery_id);
create index emergency_locations_user_idx on app_public.emergency_locations (user_id);
create index emergency_locations_handled_by_idx on app_public.emergency_locations (handled_by);
create index emergency_locations_open_idx on app_public.emergency_locations (created_at) where status <> 'resolved';

-- What the API returns: a point as the caller may see it, a batch's verdict, a fix sent in a batch, an ETA.
create type app_public.location_fix as (
  latitude double precision,
  longitude double precision,
  accuracy_m double precision,
  speed_kmh double precision,
  bearing double precision,
  battery integer,
  recorded_at timestamptz
);
comment on type app_public.location_fix is 'One fix sent by the traveler''s device: position, accuracy in metres, optional speed (km/h), bearing (degrees) and battery (%), and when it was taken.';
create type app_public.location_rejection as (
  index integer,
  code text,
  message text
);
comment on type app_public.location_rejection is 'A point of a batch that was not kept: its index in the batch (from 0), the error code and why.';
create type app_public.location_batch_result as (
  accepted integer,
  rejections app_public.location_rejection[]
);
comment on type app_public.location_batch_result is 'How many points of a batch were kept, and each one that was not.';
create type app_public.tracked_point as (
  delivery_id uuid,
  latitude double precision,
  longitude double precision,
  accuracy_m double precision,
  speed_kmh double precision,
  bearing double precision,
  battery integer,
  recorded_at timestamptz,
  precision text
);
comment on type app_public.tracked_point is 'A point of a delivery as the caller may see it: precision raw (admins, the traveler), precise, approximate (500 m grid, 5-minute times, no speed or bearing) or minimal (5 km grid, 30-minute times).';
create type app_public.delivery_eta_estimate as (
  delivery_id uuid,
  eta timestamptz,
  source text,
  remaining_km double precision,
  speed_kmh double precision
);
comment on type app_public.delivery_eta_estimate is 'When the item should reach the drop-off: from the last point and the recent speed (source tracking), or else the trip''s arrival (source trip).';

comment on column app_public.location_fix.latitude is 'Latitude in degrees (-90 to 90).';
comment on column app_public.location_fix.longitude is 'Longitude in degrees (-180 to 180).';
comment on column app_public.location_fix.accuracy_m is 'Horizontal accuracy in metres (0 to 10000).';
comment on column app_public.location_fix.speed_kmh is 'Speed in km/h (0 to 500), if known.';
comment on column app_public.location_fix.bearing is 'Direction of travel in degrees from north (0 to 360), if known.';
comment on column app_public.location_fix.battery is 'Battery level in percent (0 to 100), if known.';
comment on column app_public.location_fix.recorded_at is 'When the device took the fix (at most 1 min ahead, at most 24 h old).';
comment on column app_public.location_rejection.index is 'Position of the point in the batch, from 0.';
comment on column app_public.location_rejection.code is 'INVAL (a field out of range, a time too far ahead, too old or before tracking started) or LIMIT (too close to another point).';
comment on column app_public.location_rejection.message is 'Why, naming the field.';
comment on column app_public.location_batch_result.accepted is 'How many points were stored.';
comment on column app_public.location_batch_result.rejections is 'The points not stored, by index.';
comment on column app_public.tracked_point.delivery_id is 'The delivery.';
comment on column app_public.tracked_point.latitude is 'Latitude (raw, or the center of the privacy grid cell).';
comment on column app_public.tracked_point.longitude is 'Longitude (raw, or the center of the privacy grid cell).';
comment on column app_public.tracked_point.accuracy_m is 'Accuracy in metres (the grid size when blurred).';
comment on column app_public.tracked_point.speed_kmh is 'Speed in km/h (raw and precise only).';
comment on column app_public.tracked_point.bearing is 'Bearing in degrees (raw and precise only).';
comment on column app_public.tracked_point.battery is 'Battery of the traveler''s device in percent (raw and precise only).';
comment on column app_public.tracked_point.recorded_at is 'When the fix was taken (the start of its time bucket when blurred).';
comment on column app_public.tracked_point."precision" is 'raw, precise, approximate or minimal.';
comment on column app_public.delivery_eta_estimate.delivery_id is 'The delivery.';
comment on column app_public.delivery_eta_estimate.eta is 'When the item should reach the drop-off.';
comment on column app_public.delivery_eta_estimate.source is 'tracking (last point and recent speed), trip (the trip''s arrival) or delivered.';
comment on column app_public.delivery_eta_estimate.remaining_km is 'Straight-line distance left from the last point, in km.';
comment on column app_public.delivery_eta_estimate.speed_kmh is 'Mean speed of the recent points, in km/h.';

insert into app_public.system_configuration (category, key, value, data_type, validation, is_sensitive, is_public, description) values
  ('tracking', 'partitions_ahead', '3', 'integer', '{"min": 1, "max": 24}', false, false,
   'Months of location_tracking partitions created ahead.'),
  ('tracking', 'max_future_s', '60', 'integer', '{"min": 0, "max": 3600}', false, false,
   'How far in the future a point''s recorded_at may be (device clocks drift).'),
  ('tracking', 'start_before_pickup_hours', '2', 'integer', '{"min": 0, "max": 48}', false, false,
   'Hours before the scheduled pickup from which the traveler may send points.'),
  ('tracking', 'customer_after_hours', '24', 'integer', '{"min": 0, "max": 720}', false, false,
   'Hours after delivery (or cancellation) during which the customer still sees the points.'),
  ('tracking', 'delete_after_delivery_hours', '24', 'integer', '{"min": 1, "max": 720}', false, false,
   'Hours after delivery when a traveler''s points go, if they chose delete_after_delivery.'),
  ('tracking', 'eta_speed_window_min', '15', 'integer', '{"min": 1, "max": 240}', false, false,
   'Minutes of recent points whose speed makes the ETA.')
on conflict (category, key) do nothing;

-- migrate:down
delete from app_public.system_configuration where category = 'tracking'
  and key in ('partitions_ahead', 'max_future_s', 'start_before_pickup_hours', 'customer_after_hours',
              'delete_after_delivery_hours', 'eta_speed_window_min');
drop type app_public.delivery_eta_estimate cascade;
drop type app_public.tracked_point cascade;
drop type app_public.location_batch_result cascade;
drop type app_public.location_rejection cascade;
drop type app_public.location_fix cascade;
drop table app_public.emergency_locations cascade;
drop sequence app_public.emergency_case_seq;
drop table app_public.geofence_events cascade;
drop table app_public.geofences cascade;
drop table app_private.location_tracking cascade;
drop type app_public.emergency_status cascade;
drop type app_public.emergency_severity cascade;
drop type app_public.emergency_type cascade;
drop type app_public.geofence_event_type cascade;
drop type app_public.geometry_type cascade;
drop type app_public.geofence_type cascade;
