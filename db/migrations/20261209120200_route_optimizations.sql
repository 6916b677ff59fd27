-- migrate:up
set local lock_timeout = '5s';
set local statement_timeout = '60s';

-- Routes (docs/tracking.md, Routes): requestRoute(trip) asks for the best order of a trip's stops (its origin, the
-- pickup and drop-off of each live delivery, its destination); the routes__compute job fills the row; a ready row
-- is reused for route.cache_hours while the trip's deliveries stay the same.
create type app_public.route_status as enum ('pending', 'ready', 'failed');
comment on type app_public.route_status is 'pending until the job computed it, then ready (or failed).';

create table app_public.route_optimizations (
  id uuid primary key default gen_random_uuid(),
  trip_id uuid not null references app_public.trips on delete cascade,
  status app_public.route_status not null default 'pending',
  delivery_ids uuid[] not null default '{}',
  stops jsonb,
  distance_m integer,
  duration_s integer,
  detour_m integer,
  alternatives jsonb not null default '[]',
  requested_by uuid references app_public.users on delete set null,
  computed_at timestamptz,
  expires_at timestamptz not null,
  created_at timestamptz not null default now(),
  constraint route_optimizations_alternatives_check check (
    jsonb_typeof(alternatives) = 'array' and jsonb_array_length(alternatives) <= 3),
  constraint route_optimizations_ready_check check (
    (status = 'ready') = (stops is not null and distance_m is not null and duration_s is not null and computed_at is not null)),
  constraint route_optimizations_figures_check check (distance_m >= 0 and duration_s >= 0)
);
alter table app_public.route_optimizations enable row level security;
alter table app_public.route_optimizations force row level security;
comment on table app_public.route_optimizations is E'@behavior -insert -update -delete\nThe best order of a trip''s stops (requestRoute), computed by a job and cached: distance, duration, detour and up to 3 alternatives.';
comment on column app_public.route_optimizations.id is 'The route''s id.';
comment on column app_public.route_optimizations.trip_id is 'The trip.';
comment on column app_public.route_optimizations.status is 'pending, ready or failed.';
comment on column app_public.route_optimizations.delivery_ids is 'The live deliveries whose stops it orders (a change makes a new route).';
comment on column app_public.route_optimizations.stops is 'The stops in order: [{kind: origin|pickup|dropoff|destination, deliveryId, lng, lat}].';
comment on column app_public.route_optimizations.distance_m is 'Length of the route in metres (straight legs).';
comment on column app_public.route_optimizations.duration_s is 'Travel time in seconds at the trip type''s average speed.';
comment on column app_public.route_optimizations.detour_m is 'Metres more than going straight from origin to destination.';
comment on column app_public.route_optimizations.alternatives is 'Up to route.max_alternatives next-best orders: [{stops, distanceM, durationS, detourM}].';
comment on column app_public.route_optimizations.requested_by is 'Who asked for it.';
comment on column app_public.route_optimizations.computed_at is 'When the job computed it.';
comment on column app_public.route_optimizations.expires_at is 'Reused until then (route.cache_hours after the request).';
comment on column app_public.route_optimizations.created_at is 'When it was requested.';
comment on constraint route_optimizations_pkey on app_public.route_optimizations is 'id is already taken';
comment on constraint route_optimizations_alternatives_check on app_public.route_optimizations is 'alternatives must be an array of at most 3 routes';
comment on constraint route_optimizations_ready_check on app_public.route_optimizations is 'a ready route has stops, distance_m, duration_s and computed_at, and only a ready one';
comment on constraint route_optimizations_figures_check on app_public.route_optimizations is 'distance_m and duration_s cannot be negative';
comment on constraint route_optimizations_trip_id_fkey on app_public.route_optimizations is 'trip_id must name an existing trip';
comment on constraint route_optimizations_requested_by_fkey on app_public.route_optimizations is 'requested_by must name an existing user';
create index route_optimizations_trip_idx on app_public.route_optimizations (trip_id, created_at desc);
create index route_optimizations_requested_by_idx on app_public.route_optimizations (requested_by);
create index route_optimizations_expires_idx on app_public.route_optimizations (expires_at);

insert into app_public.system_configuration (category, key, value, data_type, validation, is_sensitive, is_public, description) values
  ('route', 'exact_max_deliveries', '4', 'integer', '{"min": 0, "max": 5}', false, false,
   'Deliveries up to which the stop order is exact (every order tried); above it, stops go in order along the trip.'),
  ('route', 'speeds_kmh', '{"flight": 600, "train": 120, "bus": 70, "car": 80, "ship": 30, "other": 60}', 'object', '{"min": 1, "max": 2000}', false, false,
   'Average speed per trip type, for route durations.')
on conflict (category, key) do nothing;

-- migrate:down
delete from app_public.system_configuration where category = 'route' and key in ('exact_max_deliveries', 'speeds_kmh');
drop table app_public.route_optimizations cascade;
drop type app_public.route_status cascade;
