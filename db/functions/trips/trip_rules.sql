-- The trips domain's shared rules: the tables' timestamps, the completed-trips counter, the
-- lookup every traveler action starts with, visibility, the options and the configured limits of a trip.
--
-- The trip state machine (docs/trips.md):
--   upcoming/delayed → active      traveler, at most trips.start_window_hours before departure (start_trip)
--   upcoming/delayed → delayed     traveler (mark_trip_delayed), or update_trip when times change after an acceptance
--   active → completed             traveler, when no delivery awaits pickup (complete_trip); total_trips + 1
--   upcoming/delayed → cancelled   traveler, when nothing was picked up (cancel_trip)
--   upcoming/delayed/active → cancelled   admin with deliveries.write (cancel_trip)
--   upcoming/delayed → completed   system, trips.auto_complete_hours after arrival (app_private.auto_complete_trips)
-- "Awaiting pickup" and "picked up" are read from the trip's deliveries, not from its reservations: a reservation
-- stays reserved from acceptance until delivery (trip_capacity.sql), so it cannot tell the two apart.

create or replace trigger _100_timestamps before update on app_public.trips
  for each row execute function app_hidden.tg__set_updated_at();
create or replace trigger _100_timestamps before update on app_public.trip_capacity_reservations
  for each row execute function app_hidden.tg__set_updated_at();
create or replace trigger _100_timestamps before update on app_public.trip_templates
  for each row execute function app_hidden.tg__set_updated_at();

-- user_statistics.total_trips counts completed trips, whichever path completes them (complete_trip by the
-- traveler, or auto_complete_trips by the system). Security definer: statistics have no write grants.
create or replace function app_hidden.tg_trips__count_completed()
returns trigger
language plpgsql volatile security definer
set search_path = pg_catalog, public, pg_temp
as $$
begin
  update app_public.user_statistics s set total_trips = s.total_trips + 1 where s.user_id = NEW.traveler_id;
  return null;
end;
$$;
comment on function app_hidden.tg_trips__count_completed() is 'Counts a newly completed trip in the traveler''s statistics.';
grant execute on function app_hidden.tg_trips__count_completed() to app_user;

create or replace trigger _500_count_completed after update of status on app_public.trips
  for each row when (NEW.status = 'completed' and OLD.status is distinct from 'completed')
  execute function app_hidden.tg_trips__count_completed();

-- The trip a traveler action is about, locked for the rest of the transaction. A trip the caller may not see is
-- reported as missing (NTFND), one they see but do not own as not allowed (DNIED). Called only from the trip
-- functions (security definer, owned by app_owner), so no API role gets execute.
create or replace function app_hidden.own_trip_for_update(trip_id uuid, user_id uuid)
returns app_public.trips
language plpgsql volatile
set search_path = pg_catalog, public, pg_temp
as $$
declare
  v_trip app_public.trips;
begin
  select t.* into v_trip from app_public.trips t where t.id = own_trip_for_update.trip_id for update;
  if v_trip.id is null then
    raise exception 'Trip not found' using errcode = 'NTFND';
  end if;
  if v_trip.traveler_id is distinct from own_trip_for_update.user_id then
    if v_trip.visibility = 'public' or app_hidden.current_user_has_permission('deliveries.read') then
      raise exception 'Only the traveler may change this trip' using errcode = 'DNIED';
    end if;
    raise exception 'Trip not found' using errcode = 'NTFND';
  end if;
  return v_trip;
end;
$$;
comment on function app_hidden.own_trip_for_update(uuid, uuid) is 'Locks and returns a trip of the given traveler; NTFND when not visible, DNIED when visible but someone else''s.';

-- Who may see a trip (docs/trips.md, Visibility; docs/social.md), as the trips one user may see: their own; otherwise,
-- with no block between the two, every public trip, the trips they have a delivery on, and the friends_only trips of
-- travelers who delivered for them. The trips policies state the same rule for the signed-in caller as per-caller
-- sets (db/policies/trips/trips.sql); this form serves code that runs as the owner, for the caller or on behalf of
-- someone else: search_trips (test/trips/rls.test.ts checks that it finds exactly what the policies show), and,
-- through trip_visible_to below, matching (app_hidden.pair_match, for the request's customer), quote_price and
-- invite_traveler. Admins are the callers' business.
-- Plain SQL without SET options, set-returning, so the planner inlines it into the caller's query: the caller's
-- filters reach the trips indexes (GiST, departure), the delivery sets are computed once per statement, and the block
-- rule is an anti-join over the user's blocks (nobody blocks themselves, so the traveler's own trips pass it).
-- Not granted: it reads deliveries and blocks across RLS, so only security definer code (as app_owner) calls it.
create or replace function app_hidden.trips_visible_to(user_id uuid)
returns setof app_public.trips
language sql stable
as $$
  -- No search_path: a SET clause would stop the planner inlining it; names outside pg_catalog are schema-qualified.
  select t.*
    from app_public.trips t
   where (t.traveler_id = trips_visible_to.user_id
          or t.visibility = 'public'
          or t.id in (select d.trip_id from app_public.deliveries d where d.customer_id = trips_visible_to.user_id)
          or (t.visibility = 'friends_only'
              and t.traveler_id in (select d.traveler_id from app_public.deliveries d
                                     where d.customer_id = trips_visible_to.user_id and d.status = 'delivered')))
     and not exists (select 1 from app_hidden.users_blocked_with(trips_visible_to.user_id) b where b = t.traveler_id);
$$;
comment on function app_hidden.trips_visible_to(uuid) is 'The trips the user may see (their own; else public, the ones they have a delivery on, friends_only ones of travelers who delivered for them; never across a block).';

-- The same rule for one trip (matching, quotes, invitations): a primary key probe into the set above. A sub-select
-- keeps a scalar SQL function from being inlined anyway, so it pins its search_path.
create or replace function app_hidden.trip_visible_to(trip app_public.trips, user_id uuid)
returns boolean
language sql stable
set search_path = pg_catalog, public, pg_temp
as $$
  select exists (select 1 from app_hidden.trips_visible_to(trip_visible_to.user_id) v where v.id = (trip_visible_to.trip).id);
$$;
comment on function app_hidden.trip_visible_to(app_public.trips, uuid) is 'Whether the user may see the trip (its traveler; else public, a customer of it, or a past customer for friends_only; never across a block).';

-- The configured limits of a trip (db/README.md "Validation"): what the trips.* tunables, the supported currencies
-- and limits.max_delivery_value allow, and the departure lying ahead; the table's CHECKs hold every rule that never
-- changes. Raises INVAL naming the field; null arguments are not checked (a missing value is the NOT NULLs' to
-- refuse, an unchanged one was checked when it was set). departure_time is given only when it is new.
create or replace function app_hidden.assert_trip_limits(
  departure_time timestamptz,
  arrival_time timestamptz,
  trip_start timestamptz,
  currency text,
  base_price bigint,
  price_per_kg bigint,
  price_per_km bigint,
  auto_accept_price bigint,
  max_item_value bigint
)
returns void
language plpgsql stable
set search_path = pg_catalog, public, pg_temp
as $$
declare
  v_max_price bigint := (app_hidden.config_value('trips.max_price'))::bigint;
  v_price record;
begin
  if assert_trip_limits.departure_time <= now() then
    raise exception 'departure_time must lie in the future' using errcode = 'INVAL';
  end if;
  if assert_trip_limits.departure_time
     > now() + make_interval(days => (app_hidden.config_value('trips.max_departure_days'))::int) then
    raise exception 'departure_time may be at most % days ahead', app_hidden.config_value('trips.max_departure_days')
      using errcode = 'INVAL';
  end if;
  -- trip_start is the departure the arrival is measured from (the new one, or the one the trip keeps).
  if assert_trip_limits.arrival_time - assert_trip_limits.trip_start
     > make_interval(hours => (app_hidden.config_value('trips.max_duration_hours'))::int) then
    raise exception 'arrival_time may be at most % hours after departure_time',
      app_hidden.config_value('trips.max_duration_hours') using errcode = 'INVAL';
  end if;
  if not app_hidden.config_value('platform.supported_currencies') ? assert_trip_limits.currency then
    raise exception 'currency % is not supported', assert_trip_limits.currency using errcode = 'INVAL';
  end if;
  for v_price in
    select p.field, p.amount
      from (values ('base_price', assert_trip_limits.base_price), ('price_per_kg', assert_trip_limits.price_per_kg),
                   ('price_per_km', assert_trip_limits.price_per_km),
                   ('auto_accept_price', assert_trip_limits.auto_accept_price)) as p(field, amount)
     where p.amount > v_max_price
  loop
    raise exception '% may be at most %', v_price.field, v_max_price using errcode = 'INVAL';
  end loop;
  if assert_trip_limits.max_item_value > (app_hidden.config_value('limits.max_delivery_value'))::bigint then
    raise exception 'max_item_value may be at most %', app_hidden.config_value('limits.max_delivery_value')
      using errcode = 'INVAL';
  end if;
end;
$$;
comment on function app_hidden.assert_trip_limits(timestamptz, timestamptz, timestamptz, text, bigint, bigint, bigint, bigint, bigint) is
  'Raises INVAL naming the field when a trip''s value breaks a configured limit (trips.max_price, max_departure_days, max_duration_hours, supported currencies, limits.max_delivery_value) or its new departure is not ahead.';

-- Options that need more than a CHECK: auto-accept is unlocked by full verification (docs/identity.md, the verification ladder), and a recurring
-- pattern's until date must be a real date.
create or replace function app_hidden.assert_trip_options(
  auto_accept boolean,
  recurring_pattern jsonb,
  level app_public.verification_level
)
returns void
language plpgsql stable
set search_path = pg_catalog, public, pg_temp
as $$
declare
  v_until date;
begin
  if coalesce(assert_trip_options.auto_accept, false) and assert_trip_options.level < 'fully_verified' then
    raise exception 'Auto-accept needs a fully verified account' using errcode = 'DNIED';
  end if;
  if assert_trip_options.recurring_pattern ? 'until' then
    begin
      v_until := (assert_trip_options.recurring_pattern ->> 'until')::date;
    exception when others then
      raise exception 'recurring_pattern.until must be a date (YYYY-MM-DD)' using errcode = 'INVAL';
    end;
    if v_until < current_date then
      raise exception 'recurring_pattern.until lies in the past' using errcode = 'INVAL';
    end if;
  end if;
end;
$$;
comment on function app_hidden.assert_trip_options(boolean, jsonb, app_public.verification_level) is 'Raises DNIED for auto-accept below fully_verified and INVAL for a recurring pattern with a bad until date.';
