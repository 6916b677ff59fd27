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

-- activeDeliveries (the security_invoker view over deliveries) filters live deliveries, which is exactly the predicate
-- of this partial index: under the deliveries policy the planner read the whole index, every live delivery of the
-- platform, and filtered it down to the caller's, instead of reading the caller's deliveries from the customer and
-- traveler indexes. Every query of live deliveries names a party, a trip or a request, whose indexes serve it.
-- Migrations run in a transaction (no concurrent drops there); dropping an index takes its lock only for an instant.
-- squawk-ignore require-concurrent-index-deletion
drop index app_public.deliveries_live_idx;

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

-- Trips in the order of who cancelled them or of the recurring trip they came from are almost all null in that order,
-- so the planner reads and sorts every trip; the columns stay filters (a recurring trip's occurrences), not orders.
comment on column app_public.trips.cancelled_by is E'@behavior -orderBy\nWho cancelled the trip (the traveler or an admin).';
comment on column app_public.trips.parent_trip_id is E'@behavior -orderBy\nThe recurring trip this trip was created from.';

-- user_profiles is a view (no index of its own, so PostGraphile offers to order and filter by every column): ordering
-- every account by a statistic or a name sorts the whole users table, and a filter on one walks it. Profiles are read
-- by id, listed in primary key order, or found with searchUsers.
comment on column app_public.user_profiles.display_name is E'@behavior -orderBy -filterBy\nName shown to other users.';
comment on column app_public.user_profiles.picture_key is E'@behavior -orderBy -filterBy\nStorage key of the profile picture.';
comment on column app_public.user_profiles.bio is E'@behavior -orderBy -filterBy\nSelf-description.';
comment on column app_public.user_profiles.user_type is E'@behavior -orderBy -filterBy\ncustomer, traveler or both.';
comment on column app_public.user_profiles.verification_level is E'@behavior -orderBy -filterBy\nHighest verified identity level.';
comment on column app_public.user_profiles.created_at is E'@behavior -orderBy -filterBy\nMember since.';
comment on column app_public.user_profiles.total_trips is E'@behavior -orderBy -filterBy\nTrips completed as a traveler (null when hidden).';
comment on column app_public.user_profiles.total_deliveries is E'@behavior -orderBy -filterBy\nEnded deliveries (null when hidden).';
comment on column app_public.user_profiles.successful_deliveries is E'@behavior -orderBy -filterBy\nDeliveries that ended delivered (null when hidden).';
comment on column app_public.user_profiles.cancelled_deliveries is E'@behavior -orderBy -filterBy\nDeliveries that ended cancelled (null when hidden).';
comment on column app_public.user_profiles.deliveries_as_traveler is E'@behavior -orderBy -filterBy\nEnded deliveries as the traveler (null when hidden).';
comment on column app_public.user_profiles.successful_as_traveler is E'@behavior -orderBy -filterBy\nDeliveries carried to the end (null when hidden).';
comment on column app_public.user_profiles.cancelled_as_traveler is E'@behavior -orderBy -filterBy\nDeliveries cancelled as the traveler (null when hidden).';
comment on column app_public.user_profiles.average_rating is E'@behavior -orderBy -filterBy\nMean rating received (null when hidden or unrated).';
comment on column app_public.user_profiles.total_ratings is E'@behavior -orderBy -filterBy\nRatings received (null when hidden).';
comment on column app_public.user_profiles.completion_rate is E'@behavior -orderBy -filterBy\nDelivered share of finished deliveries, 0–1 (null when hidden or none).';
comment on column app_public.user_profiles.success_rate is E'@behavior -orderBy -filterBy\nDelivered share of all ended deliveries, 0–1 (null when hidden or none).';
comment on column app_public.user_profiles.response_time_minutes is E'@behavior -orderBy -filterBy\nMean minutes the user takes to answer an offer version awaiting them (null when hidden or before their first answer).';

-- The per-row block test of the old searchTrips; the block rule is a set now (db/functions/social/block_rules.sql).
drop function if exists app_hidden.is_blocked_with(uuid);

-- migrate:down
comment on column app_public.trips.cancelled_by is 'Who cancelled the trip (the traveler or an admin).';
comment on column app_public.trips.parent_trip_id is 'The recurring trip this trip was created from.';
comment on column app_public.user_profiles.display_name is 'Name shown to other users.';
comment on column app_public.user_profiles.picture_key is 'Storage key of the profile picture.';
comment on column app_public.user_profiles.bio is 'Self-description.';
comment on column app_public.user_profiles.user_type is 'customer, traveler or both.';
comment on column app_public.user_profiles.verification_level is 'Highest verified identity level.';
comment on column app_public.user_profiles.created_at is 'Member since.';
comment on column app_public.user_profiles.total_trips is 'Trips completed as a traveler (null when hidden).';
comment on column app_public.user_profiles.total_deliveries is 'Ended deliveries (null when hidden).';
comment on column app_public.user_profiles.successful_deliveries is 'Deliveries that ended delivered (null when hidden).';
comment on column app_public.user_profiles.cancelled_deliveries is 'Deliveries that ended cancelled (null when hidden).';
comment on column app_public.user_profiles.deliveries_as_traveler is 'Ended deliveries as the traveler (null when hidden).';
comment on column app_public.user_profiles.successful_as_traveler is 'Deliveries carried to the end (null when hidden).';
comment on column app_public.user_profiles.cancelled_as_traveler is 'Deliveries cancelled as the traveler (null when hidden).';
comment on column app_public.user_profiles.average_rating is 'Mean rating received (null when hidden or unrated).';
comment on column app_public.user_profiles.total_ratings is 'Ratings received (null when hidden).';
comment on column app_public.user_profiles.completion_rate is 'Delivered share of finished deliveries, 0–1 (null when hidden or none).';
comment on column app_public.user_profiles.success_rate is 'Delivered share of all ended deliveries, 0–1 (null when hidden or none).';
comment on column app_public.user_profiles.response_time_minutes is 'Mean minutes the user takes to answer an offer version awaiting them (null when hidden or before their first answer).';
comment on column app_public.trips.origin_point is 'Where the trip starts (GeoJSON point, WGS 84).';
comment on column app_public.trips.destination_point is 'Where the trip ends (GeoJSON point, WGS 84).';
comment on column app_public.delivery_requests.pickup_point is 'Exact pickup location (GeoJSON point).';
comment on column app_public.delivery_requests.delivery_point is 'Exact drop-off location (GeoJSON point).';
comment on column app_public.user_addresses.point is 'Location of the address (GeoJSON point, WGS 84).';
delete from app_public.system_configuration where category = 'trips' and key = 'search_max_results';
drop index app_public.trips_departure_time_idx;
create index deliveries_live_idx on app_public.deliveries (status) where status not in ('delivered', 'cancelled');
