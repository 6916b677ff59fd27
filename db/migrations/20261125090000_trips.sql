-- migrate:up
set local lock_timeout = '5s';
set local statement_timeout = '60s';
-- Trips (docs/trips.md): journeys travelers offer capacity on, the capacity reserved on them by deliveries,
-- reusable templates and cached weather. Writes go through functions only (db/functions/trips).

create type app_public.trip_type as enum ('flight', 'train', 'bus', 'car', 'ship', 'other');
comment on type app_public.trip_type is 'How the traveler travels.';
create type app_public.trip_status as enum ('upcoming', 'active', 'completed', 'cancelled', 'delayed');
comment on type app_public.trip_status is 'Lifecycle of a trip: upcoming (or delayed) → active → completed; upcoming/delayed → cancelled by the traveler, active → cancelled by an admin.';
create type app_public.trip_visibility as enum ('public', 'private', 'friends_only');
comment on type app_public.trip_visibility is 'Who sees a trip: public (every signed-in user), private (the traveler, their customers, admins), friends_only (also past customers of the traveler).';
create type app_public.trip_cancel_reason as enum ('personal_emergency', 'schedule_change', 'weather', 'other');
comment on type app_public.trip_cancel_reason is 'Why a trip was cancelled.';
create type app_public.trip_reservation_status as enum ('reserved', 'released', 'consumed');
comment on type app_public.trip_reservation_status is 'State of a capacity reservation: reserved (held for an accepted delivery awaiting pickup), released (given back, e.g. on cancellation), consumed (the item was picked up; never given back).';

-- Tunables of this migration (docs/trips.md).
insert into app_public.system_configuration (category, key, value, description, is_public) values
  ('trips', 'start_window_hours', '24', 'How many hours before departure a traveler may start a trip.', true),
  ('trips', 'auto_complete_hours', '24', 'Hours after arrival after which an upcoming or delayed trip with nothing live is completed by the system.', false),
  ('trips', 'recurrence_days', '30', 'How many days ahead the daily job creates the trips of a recurring trip.', true),
  ('trips', 'recurrence_max', '52', 'At most this many trips are created from one recurring trip.', true),
  ('trips', 'weather_ttl_hours', '3', 'How long a fetched weather forecast of a trip stays valid.', false),
  ('trips', 'weather_horizon_days', '5', 'Weather is fetched for trips departing within this many days.', false),
  ('trips', 'weather_alert_thresholds',
   '{"conditions": ["storm", "snow"], "wind_kph": 60, "precipitation_mm": 20, "min_temperature_c": -10, "max_temperature_c": 38}',
   'Forecast values that raise a weather alert on a trip (alerts never block a trip).', false)
on conflict (category, key) do nothing;

create table app_public.trips (
  id uuid primary key default gen_random_uuid(),
  traveler_id uuid not null references app_public.users (id) on delete cascade,
  title text not null check (length(title) between 3 and 255),
  description text check (length(description) between 1 and 2000),
  trip_type app_public.trip_type not null,
  status app_public.trip_status not null default 'upcoming',
  origin_address text not null check (length(origin_address) between 1 and 500),
  origin_point geography(point, 4326) not null,
  origin_airport text check (origin_airport ~ '^[A-Z]{3}$'),
  destination_address text not null check (length(destination_address) between 1 and 500),
  destination_point geography(point, 4326) not null,
  destination_airport text check (destination_airport ~ '^[A-Z]{3}$'),
  departure_time timestamptz not null,
  arrival_time timestamptz not null,
  capacity_weight_kg numeric(6, 2) not null,
  available_weight_kg numeric(6, 2) not null,
  capacity_volume_l numeric(6, 2) not null,
  available_volume_l numeric(6, 2) not null,
  capacity_items integer not null,
  available_items integer not null,
  currency text not null check (currency ~ '^[A-Z]{3}$'),
  base_price bigint not null default 0 check (base_price >= 0),
  price_per_kg bigint not null default 0 check (price_per_kg >= 0),
  price_per_km bigint not null default 0 check (price_per_km >= 0),
  express_multiplier numeric(3, 2) not null default 1.5 check (express_multiplier between 1 and 5),
  fragile_multiplier numeric(3, 2) not null default 1.2 check (fragile_multiplier between 1 and 3),
  no_fragile boolean not null default false,
  no_electronics boolean not null default false,
  max_item_value bigint check (max_item_value > 0),
  -- The item_category enum belongs to the delivery requests migration (a later slice), which may not exist when
  -- this one runs; the allowed values are therefore spelled out here and kept in step with item_category.
  prohibited_categories text[] not null default '{}' constraint trips_prohibited_categories_known check (
    prohibited_categories <@ array['documents', 'electronics', 'clothing', 'food', 'fragile', 'books', 'gifts', 'other']
    and array_position(prohibited_categories, null) is null),
  recurring_pattern jsonb constraint trips_recurring_pattern_shape check (
    jsonb_typeof(recurring_pattern) = 'object'
    and recurring_pattern - array['frequency', 'interval', 'days_of_week', 'until'] = '{}'::jsonb
    and recurring_pattern ->> 'frequency' in ('daily', 'weekly', 'monthly')
    and (not recurring_pattern ? 'interval'
         or (jsonb_typeof(recurring_pattern -> 'interval') = 'number'
             and (recurring_pattern ->> 'interval')::numeric in (1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12)))
    and (not recurring_pattern ? 'days_of_week'
         or (recurring_pattern ->> 'frequency' = 'weekly'
             and jsonb_typeof(recurring_pattern -> 'days_of_week') = 'array'
             and jsonb_array_length(recurring_pattern -> 'days_of_week') between 1 and 7
             and (recurring_pattern -> 'days_of_week') <@ '[1, 2, 3, 4, 5, 6, 7]'::jsonb))
    and (not recurring_pattern ? 'until'
         or (jsonb_typeof(recurring_pattern -> 'until') = 'string'
             and recurring_pattern ->> 'until' ~ '^\d{4}-\d{2}-\d{2}$'))),
  parent_trip_id uuid references app_public.trips (id) on delete set null,
  visibility app_public.trip_visibility not null default 'public',
  auto_accept boolean not null default false,
  auto_accept_price bigint check (auto_accept_price > 0),
  cancellation_reason app_public.trip_cancel_reason,
  cancellation_note text check (length(cancellation_note) between 1 and 1000),
  cancelled_by uuid references app_public.users (id) on delete set null,
  cancelled_at timestamptz,
  started_at timestamptz,
  completed_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  constraint trips_times_ordered check (departure_time < arrival_time),
  constraint trips_capacity_weight_range check (capacity_weight_kg > 0 and capacity_weight_kg <= 100),
  constraint trips_capacity_volume_range check (capacity_volume_l > 0 and capacity_volume_l <= 500),
  constraint trips_capacity_items_range check (capacity_items between 1 and 50),
  constraint trips_available_weight_range check (available_weight_kg >= 0 and available_weight_kg <= capacity_weight_kg),
  constraint trips_available_volume_range check (available_volume_l >= 0 and available_volume_l <= capacity_volume_l),
  constraint trips_available_items_range check (available_items >= 0 and available_items <= capacity_items),
  constraint trips_has_price check (base_price > 0 or price_per_kg > 0 or price_per_km > 0),
  constraint trips_auto_accept_price check (not auto_accept or auto_accept_price is not null),
  constraint trips_recurrence_on_parent check (recurring_pattern is null or parent_trip_id is null),
  constraint trips_cancellation check ((status = 'cancelled') = (cancellation_reason is not null and cancelled_at is not null)),
  constraint trips_completion check ((status = 'completed') = (completed_at is not null))
);
create index trips_traveler_id_idx on app_public.trips (traveler_id, departure_time);
create index trips_cancelled_by_idx on app_public.trips (cancelled_by);
-- Makes materialising recurring trips idempotent; also the index of the parent_trip_id foreign key.
create unique index trips_parent_departure_key on app_public.trips (parent_trip_id, departure_time);
-- The marketplace and the scheduled jobs only look at live trips.
create index trips_live_departure_idx on app_public.trips (status, departure_time)
  where status in ('upcoming', 'delayed', 'active');
create index trips_origin_point_idx on app_public.trips using gist (origin_point);
create index trips_destination_point_idx on app_public.trips using gist (destination_point);
-- coalesce: a NULL description (or any NULL part) must not make the whole text NULL and the row unfindable.
create index idx_trips_text on app_public.trips using gin (
  (coalesce(title, '') || ' ' || coalesce(description, '') || ' ' || coalesce(origin_address, '') || ' '
   || coalesce(destination_address, '')) gin_trgm_ops);
alter table app_public.trips enable row level security;
alter table app_public.trips force row level security;
comment on table app_public.trips is E'@behavior -insert -update -delete\nA journey a traveler offers to carry items on. Readable according to its visibility; changed only through the trip functions (createTrip, updateTrip, startTrip, completeTrip, markTripDelayed, cancelTrip, …). Trips are never deleted.';
comment on column app_public.trips.id is 'Identifier of the trip.';
comment on column app_public.trips.traveler_id is 'The traveler who makes the trip.';
comment on column app_public.trips.title is 'Short title, 3–255 characters.';
comment on column app_public.trips.description is 'Optional longer description (at most 2000 characters).';
comment on column app_public.trips.trip_type is 'Means of transport.';
comment on column app_public.trips.status is 'Lifecycle state.';
comment on column app_public.trips.origin_address is 'Where the trip starts, as an address text.';
comment on column app_public.trips.origin_point is 'Where the trip starts (GeoJSON point, WGS 84).';
comment on column app_public.trips.origin_airport is 'IATA code of the departure airport, for flights.';
comment on column app_public.trips.destination_address is 'Where the trip ends, as an address text.';
comment on column app_public.trips.destination_point is 'Where the trip ends (GeoJSON point, WGS 84).';
comment on column app_public.trips.destination_airport is 'IATA code of the arrival airport, for flights.';
comment on column app_public.trips.departure_time is 'Planned departure; before the arrival.';
comment on column app_public.trips.arrival_time is 'Planned arrival.';
comment on column app_public.trips.capacity_weight_kg is 'Weight the traveler can carry in total, in kg (at most 100).';
comment on column app_public.trips.available_weight_kg is 'Weight still free, in kg (capacity minus reserved and consumed).';
comment on column app_public.trips.capacity_volume_l is 'Volume the traveler can carry in total, in litres (at most 500).';
comment on column app_public.trips.available_volume_l is 'Volume still free, in litres.';
comment on column app_public.trips.capacity_items is 'Number of items the traveler can carry (1–50).';
comment on column app_public.trips.available_items is 'Number of items still free.';
comment on column app_public.trips.currency is 'ISO 4217 currency of every price of the trip (three upper-case letters; text with a CHECK, like user_earnings, rather than char(3)).';
comment on column app_public.trips.base_price is 'Fixed price per delivery, in minor units.';
comment on column app_public.trips.price_per_kg is 'Price per kg, in minor units.';
comment on column app_public.trips.price_per_km is 'Price per km of detour, in minor units.';
comment on column app_public.trips.express_multiplier is 'Factor applied to express deliveries (1–5).';
comment on column app_public.trips.fragile_multiplier is 'Factor applied to fragile items (1–3).';
comment on column app_public.trips.no_fragile is 'The traveler takes no fragile items.';
comment on column app_public.trips.no_electronics is 'The traveler takes no electronics.';
comment on column app_public.trips.max_item_value is 'Highest declared item value the traveler accepts, in minor units.';
comment on column app_public.trips.prohibited_categories is 'Item categories the traveler refuses (documents, electronics, clothing, food, fragile, books, gifts, other).';
comment on column app_public.trips.recurring_pattern is 'For a recurring trip: {frequency: daily|weekly|monthly, interval: 1–12, days_of_week: [1–7, ISO, weekly only], until: "YYYY-MM-DD"}. The system creates the next trips from it every day (in UTC).';
comment on column app_public.trips.parent_trip_id is 'The recurring trip this trip was created from.';
comment on column app_public.trips.visibility is 'Who may see the trip.';
comment on column app_public.trips.auto_accept is 'Whether offers at or below auto_accept_price are accepted automatically (fully verified travelers only).';
comment on column app_public.trips.auto_accept_price is 'Highest price accepted automatically, in minor units.';
comment on column app_public.trips.cancellation_reason is 'Why the trip was cancelled.';
comment on column app_public.trips.cancellation_note is 'Free-text note on the cancellation.';
comment on column app_public.trips.cancelled_by is 'Who cancelled the trip (the traveler or an admin).';
comment on column app_public.trips.cancelled_at is 'When the trip was cancelled.';
comment on column app_public.trips.started_at is 'When the traveler started the trip.';
comment on column app_public.trips.completed_at is 'When the trip was completed.';
comment on column app_public.trips.created_at is 'When the trip was created.';
comment on column app_public.trips.updated_at is 'When the trip last changed.';

create table app_public.trip_capacity_reservations (
  id uuid primary key default gen_random_uuid(),
  trip_id uuid not null references app_public.trips (id) on delete cascade,
  -- The deliveries table arrives with a later slice of the marketplace issue; that migration adds the foreign key
  -- (trip_capacity_reservations_delivery_id_fkey). The unique constraint's index will serve it.
  delivery_id uuid not null constraint trip_capacity_reservations_delivery_id_key unique,
  weight_kg numeric(6, 2) not null check (weight_kg > 0),
  volume_l numeric(6, 2) not null check (volume_l >= 0),
  items integer not null check (items >= 1),
  status app_public.trip_reservation_status not null default 'reserved',
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index trip_capacity_reservations_trip_id_idx on app_public.trip_capacity_reservations (trip_id, status);
alter table app_public.trip_capacity_reservations enable row level security;
alter table app_public.trip_capacity_reservations force row level security;
comment on table app_public.trip_capacity_reservations is E'@behavior -insert -update -delete\nCapacity of a trip held for one delivery. For every trip, capacity − available = the sum of reserved and consumed reservations. Visible to the traveler and admins.';
comment on column app_public.trip_capacity_reservations.id is 'Identifier of the reservation.';
comment on column app_public.trip_capacity_reservations.trip_id is 'The trip whose capacity is held.';
comment on column app_public.trip_capacity_reservations.delivery_id is 'The delivery the capacity is held for (one reservation per delivery).';
comment on column app_public.trip_capacity_reservations.weight_kg is 'Weight held, in kg.';
comment on column app_public.trip_capacity_reservations.volume_l is 'Volume held, in litres.';
comment on column app_public.trip_capacity_reservations.items is 'Items held.';
comment on column app_public.trip_capacity_reservations.status is 'reserved, released or consumed.';
comment on column app_public.trip_capacity_reservations.created_at is 'When the capacity was reserved.';
comment on column app_public.trip_capacity_reservations.updated_at is 'When the reservation last changed.';

create table app_public.trip_templates (
  id uuid primary key default gen_random_uuid(),
  user_id uuid not null references app_public.users (id) on delete cascade,
  name text not null check (length(name) between 1 and 100),
  trip_data jsonb not null check (jsonb_typeof(trip_data) = 'object'),
  usage_count integer not null default 0 check (usage_count >= 0),
  last_used_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  constraint trip_templates_user_name_key unique (user_id, name)
);
alter table app_public.trip_templates enable row level security;
alter table app_public.trip_templates force row level security;
comment on table app_public.trip_templates is E'@behavior -insert -update\nA trip saved for reuse (saveTripTemplate, createTripFromTemplate): private to its owner, who may delete it.';
comment on column app_public.trip_templates.id is 'Identifier of the template.';
comment on column app_public.trip_templates.user_id is 'Owner of the template.';
comment on column app_public.trip_templates.name is 'Name of the template, unique per user.';
comment on column app_public.trip_templates.trip_data is 'The trip''s fields (route, capacity, pricing, restrictions, visibility) and its duration_minutes.';
comment on column app_public.trip_templates.usage_count is 'How many trips were created from the template.';
comment on column app_public.trip_templates.last_used_at is 'When a trip was last created from the template.';
comment on column app_public.trip_templates.created_at is 'When the template was saved.';
comment on column app_public.trip_templates.updated_at is 'When the template last changed.';

create table app_public.trip_weather (
  id uuid primary key default gen_random_uuid(),
  trip_id uuid not null constraint trip_weather_trip_id_key unique references app_public.trips (id) on delete cascade,
  weather jsonb not null check (jsonb_typeof(weather) = 'object'),
  alerts jsonb not null default '[]' check (jsonb_typeof(alerts) = 'array'),
  provider text not null check (length(provider) between 1 and 50),
  fetched_at timestamptz not null default now(),
  expires_at timestamptz not null,
  created_at timestamptz not null default now(),
  check (expires_at > fetched_at)
);
create index trip_weather_expires_at_idx on app_public.trip_weather (expires_at);
alter table app_public.trip_weather enable row level security;
alter table app_public.trip_weather force row level security;
comment on table app_public.trip_weather is E'@behavior -insert -update -delete\nCached weather forecast of a trip (departure and arrival), refreshed by the worker for trips leaving soon. Alerts are advice: they never block a trip. Visible to whoever sees the trip.';
comment on column app_public.trip_weather.id is 'Identifier of the forecast.';
comment on column app_public.trip_weather.trip_id is 'The trip the forecast is for.';
comment on column app_public.trip_weather.weather is 'Forecast: {origin: {date, condition, temperature_c, wind_kph, precipitation_mm}, destination: {…}}.';
comment on column app_public.trip_weather.alerts is 'Warnings derived from the forecast: [{at: origin|destination, kind, message}].';
comment on column app_public.trip_weather.provider is 'Which weather provider answered.';
comment on column app_public.trip_weather.fetched_at is 'When the forecast was fetched.';
comment on column app_public.trip_weather.expires_at is 'When the forecast is stale and fetched again.';
comment on column app_public.trip_weather.created_at is 'When the first forecast of the trip was stored.';

-- migrate:down
-- cascade: canonical functions, triggers and policies using these go too; db:migrate restores them.
delete from app_public.system_configuration
 where (category, key) in (('trips', 'start_window_hours'), ('trips', 'auto_complete_hours'),
                           ('trips', 'recurrence_days'), ('trips', 'recurrence_max'),
                           ('trips', 'weather_ttl_hours'), ('trips', 'weather_horizon_days'),
                           ('trips', 'weather_alert_thresholds'));
drop table app_public.trip_weather cascade;
drop table app_public.trip_templates cascade;
drop table app_public.trip_capacity_reservations cascade;
drop table app_public.trips cascade;
drop type app_public.trip_reservation_status cascade;
drop type app_public.trip_cancel_reason cascade;
drop type app_public.trip_visibility cascade;
drop type app_public.trip_status cascade;
drop type app_public.trip_type cascade;
