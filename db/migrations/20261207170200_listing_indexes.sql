-- migrate:up
set local lock_timeout = '5s';
set local statement_timeout = '300s';

-- Issue 10: the lists the API offers use indexes as app_user (test/db/plans.test.ts checks every one).

-- "Upcoming trips, soonest first": trips(filter: {departureTime: {greaterThan: …}}, orderBy: DEPARTURE_TIME_ASC)
-- orders by departure_time, id (PostGraphile adds the primary key), and searchTrips returns its first results in that
-- order; departure_time only led a partial index (live statuses, which the policies cannot use), so both sorted the
-- whole table. Migrations run in a transaction (no concurrent builds there); at this project's sizes the build takes
-- seconds, within the timeout above.
-- squawk-ignore require-concurrent-index-creation
create index trips_departure_time_idx on app_public.trips (departure_time, id);

-- searchTrips returns at most this many trips (soonest first), so that a search without filters no longer computes
-- every upcoming trip for each page; clients page further with departureFrom.
insert into app_public.system_configuration (category, key, value, description, is_public, data_type, validation, is_sensitive) values
  ('trips', 'search_max_results', '100', 'Most trips one searchTrips call returns (the soonest departures); page further with departureFrom.', true, 'integer', '{"min": 1, "max": 1000}', false)
on conflict (category, key) do nothing;

-- Equality and ordering on a geography value are served by no index (the GiST indexes answer distances), and order
-- points by their binary form: the API no longer offers them (the searches and matching filter by distance).
comment on column app_public.trips.origin_point is E'@behavior -orderBy -filterBy\nWhere the trip starts (GeoJSON point, WGS 84).';
comment on column app_public.trips.destination_point is E'@behavior -orderBy -filterBy\nWhere the trip ends (GeoJSON point, WGS 84).';
comment on column app_public.delivery_requests.pickup_point is E'@behavior -orderBy -filterBy\nExact pickup location (GeoJSON point).';
comment on column app_public.delivery_requests.delivery_point is E'@behavior -orderBy -filterBy\nExact drop-off location (GeoJSON point).';
comment on column app_public.user_addresses.point is E'@behavior -orderBy -filterBy\nLocation of the address (GeoJSON point, WGS 84).';

-- The per-row block test of the old searchTrips; the block rule is a set now (db/functions/social/block_rules.sql).
drop function if exists app_hidden.is_blocked_with(uuid);

-- migrate:down
comment on column app_public.trips.origin_point is 'Where the trip starts (GeoJSON point, WGS 84).';
comment on column app_public.trips.destination_point is 'Where the trip ends (GeoJSON point, WGS 84).';
comment on column app_public.delivery_requests.pickup_point is 'Exact pickup location (GeoJSON point).';
comment on column app_public.delivery_requests.delivery_point is 'Exact drop-off location (GeoJSON point).';
comment on column app_public.user_addresses.point is 'Location of the address (GeoJSON point, WGS 84).';
delete from app_public.system_configuration where category = 'trips' and key = 'search_max_results';
drop index app_public.trips_departure_time_idx;
