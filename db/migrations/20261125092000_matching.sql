-- migrate:up
set local lock_timeout = '5s';
set local statement_timeout = '60s';
-- Matching (docs/matching.md): the matching.* tunables, the two result types of matching_trips and
-- matching_requests, the internal row type of one scored (request, trip) pair, and request_matches, where the
-- matching__record_candidates task keeps the best candidates of new trips and requests. The rules themselves are
-- canonical SQL (db/functions/matching).

insert into app_public.system_configuration (category, key, value, description, is_public) values
  ('matching', 'pickup_radius_km', '10', 'Largest distance (km) between a trip''s origin and a request''s pickup.', true),
  ('matching', 'dropoff_radius_km', '10', 'Largest distance (km) between a trip''s destination and a request''s drop-off.', true),
  ('matching', 'time_flex_hours', '6', 'A trip may depart this many hours before the pickup window starts or after it ends.', true),
  ('matching', 'min_lead_hours', '2', 'A matched trip departs at least this many hours from now.', true),
  ('matching', 'max_detour_km', '20', 'Upper bound (km) of the detour a match may cost the traveler.', true),
  ('matching', 'detour_ratio', '0.25', 'The allowed detour as a share of the trip''s own length, between min_detour_km and max_detour_km.', true),
  ('matching', 'min_detour_km', '2', 'Lower bound (km) of the allowed detour, for short trips.', true),
  ('matching', 'candidate_limit', '50', 'How many candidates passing the hard filters (nearest first) are scored.', true),
  ('matching', 'max_results', '10', 'How many matches are returned at most.', true),
  ('matching', 'min_score', '0.6', 'Lowest score (0–1) of a returned match.', true),
  ('matching', 'weights', '{"route": 0.30, "timing": 0.20, "reliability": 0.15, "rating": 0.15, "price": 0.10, "newcomer": 0.10}',
   'Weights of the scoring factors (they add up to 1).', true),
  ('matching', 'rating_prior', '4.0', 'Prior rating of the Bayesian rating factor.', true),
  ('matching', 'prior_weight', '5', 'How many ratings the prior counts for in the Bayesian rating factor.', true),
  ('matching', 'newcomer_threshold', '5', 'Travelers with fewer completed deliveries get the newcomer factor.', true),
  ('matching', 'favorite_bonus', '0.05', 'Added to the score of a preferred or favorite traveler (the score stays at most 1).', true)
on conflict (category, key) do nothing;

create type app_public.trip_match as (
  trip_id uuid,
  score numeric,
  detour_km numeric,
  quoted_price bigint,
  factors jsonb
);
comment on type app_public.trip_match is 'A trip that fits a delivery request (matchingTrips), with its score.';
comment on column app_public.trip_match.trip_id is 'The matching trip.';
comment on column app_public.trip_match.score is 'Score 0–1: the weighted factors plus the favorite bonus, capped at 1 (4 decimals).';
comment on column app_public.trip_match.detour_km is 'Extra km the traveler drives: d(origin, pickup) + d(pickup, drop-off) + d(drop-off, destination) − d(origin, destination).';
comment on column app_public.trip_match.quoted_price is 'quotePrice of the request on this trip, in minor units of the request''s currency.';
comment on column app_public.trip_match.factors is 'Each factor''s value 0–1 (route, timing, reliability, rating, price, newcomer) and the bonus.';

create type app_public.request_match as (
  request_id uuid,
  score numeric,
  detour_km numeric,
  quoted_price bigint,
  factors jsonb
);
comment on type app_public.request_match is 'A delivery request that fits a trip (matchingRequests), with its score.';
comment on column app_public.request_match.request_id is 'The matching request (its masked listing is in searchRequests).';
comment on column app_public.request_match.score is 'Score 0–1: the weighted factors plus the favorite bonus, capped at 1 (4 decimals).';
comment on column app_public.request_match.detour_km is 'Extra km the traveler drives: d(origin, pickup) + d(pickup, drop-off) + d(drop-off, destination) − d(origin, destination).';
comment on column app_public.request_match.quoted_price is 'quotePrice of the request on this trip, in minor units of the request''s currency.';
comment on column app_public.request_match.factors is 'Each factor''s value 0–1 (route, timing, reliability, rating, price, newcomer) and the bonus.';

-- One (request, trip) pair that passed every hard filter, scored: what app_hidden.pair_match yields and both
-- directions rank.
create type app_hidden.pair_match as (
  request_id uuid,
  trip_id uuid,
  departure_time timestamptz,
  score numeric,
  detour_km numeric,
  quoted_price bigint,
  factors jsonb
);

create table app_public.request_matches (
  id uuid primary key default gen_random_uuid(),
  request_id uuid not null references app_public.delivery_requests (id) on delete cascade,
  trip_id uuid not null references app_public.trips (id) on delete cascade,
  score numeric(5, 4) not null check (score between 0 and 1),
  detour_km numeric(9, 3) not null check (detour_km >= 0),
  quoted_price bigint not null check (quoted_price > 0),
  factors jsonb not null check (jsonb_typeof(factors) = 'object'),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  notified_at timestamptz,
  constraint request_matches_pair_key unique (request_id, trip_id)
);
-- The unique key serves request_id; trip_id needs its own index (foreign key, traveler policy).
create index request_matches_trip_id_idx on app_public.request_matches (trip_id);
alter table app_public.request_matches enable row level security;
alter table app_public.request_matches force row level security;
comment on table app_public.request_matches is E'@name recorded_match\n@behavior -insert -update -delete\nCandidates the matching job recorded when a trip or a request was created (the best matches at that moment, each pair once). Readable by the request''s customer, the trip''s traveler and admins.';
comment on column app_public.request_matches.id is 'Identifier of the recorded match.';
comment on column app_public.request_matches.request_id is 'The delivery request.';
comment on column app_public.request_matches.trip_id is 'The trip that fits it.';
comment on column app_public.request_matches.score is 'Score 0–1 when last recorded.';
comment on column app_public.request_matches.detour_km is 'Detour in km when last recorded.';
comment on column app_public.request_matches.quoted_price is 'quotePrice when last recorded, in minor units of the request''s currency.';
comment on column app_public.request_matches.factors is 'The factor values when last recorded.';
comment on column app_public.request_matches.created_at is 'When the pair was first recorded.';
comment on column app_public.request_matches.updated_at is 'When the pair was last recorded.';
comment on column app_public.request_matches.notified_at is 'When the other side was emailed about the match (once per pair).';

-- migrate:down
-- cascade: canonical functions, triggers and policies using these go too; db:migrate restores them.
drop table app_public.request_matches cascade;
drop type app_hidden.pair_match cascade;
drop type app_public.request_match cascade;
drop type app_public.trip_match cascade;
delete from app_public.system_configuration where category = 'matching';
