-- The trip state machine (docs/domain.md §3):
--   upcoming/delayed → active      traveler, at most trips.start_window_hours before departure (start_trip)
--   upcoming/delayed → delayed     traveler (mark_trip_delayed), or update_trip when times change after an acceptance
--   active → completed             traveler, when no delivery awaits pickup (complete_trip); total_trips + 1
--   upcoming/delayed → cancelled   traveler, when nothing was picked up (cancel_trip)
--   upcoming/delayed/active → cancelled   admin with deliveries.write (cancel_trip)
--   upcoming/delayed → completed   system, trips.auto_complete_hours after arrival (app_private.auto_complete_trips)
-- "Awaiting pickup" and "picked up" are read from the trip's deliveries, not from its reservations: a reservation
-- stays reserved from acceptance until delivery (trip_capacity.sql), so it cannot tell the two apart.

create or replace function app_public.start_trip(trip_id uuid)
returns app_public.trips
language plpgsql volatile strict security definer
set search_path = pg_catalog, public, pg_temp
as $$
declare
  v_user_id uuid := app_hidden.require_user('email_verified', 'start trips');
  v_trip app_public.trips;
  v_window interval := make_interval(hours => (app_hidden.config_value('trips.start_window_hours'))::int);
begin
  v_trip := app_hidden.own_trip_for_update(start_trip.trip_id, v_user_id);
  if v_trip.status not in ('upcoming', 'delayed') then
    raise exception 'A % trip cannot be started', v_trip.status using errcode = 'BADST';
  end if;
  if now() < v_trip.departure_time - v_window then
    raise exception 'A trip can be started at most % before its departure', v_window using errcode = 'BADST';
  end if;
  update app_public.trips t set status = 'active', started_at = now()
   where t.id = v_trip.id
  returning t.* into v_trip;
  return v_trip;
end;
$$;
comment on function app_public.start_trip(uuid) is E'@resultFieldName trip\nStarts an upcoming or delayed trip of the signed-in traveler, at most trips.start_window_hours (24) before departure. Errors: LOGIN, DNIED, NTFND, BADST (wrong state or too early).';
grant execute on function app_public.start_trip(uuid) to app_user;

create or replace function app_public.complete_trip(trip_id uuid)
returns app_public.trips
language plpgsql volatile strict security definer
set search_path = pg_catalog, public, pg_temp
as $$
declare
  v_user_id uuid := app_hidden.require_user('email_verified', 'complete trips');
  v_trip app_public.trips;
begin
  v_trip := app_hidden.own_trip_for_update(complete_trip.trip_id, v_user_id);
  if v_trip.status <> 'active' then
    raise exception 'Only an active trip can be completed (this one is %)', v_trip.status using errcode = 'BADST';
  end if;
  if exists (select 1 from app_public.deliveries d
              where d.trip_id = v_trip.id and d.status in ('accepted', 'pickup_scheduled')) then
    raise exception 'A delivery of this trip still awaits pickup' using errcode = 'BADST';
  end if;
  update app_public.trips t set status = 'completed', completed_at = now()
   where t.id = v_trip.id
  returning t.* into v_trip;
  return v_trip;
end;
$$;
comment on function app_public.complete_trip(uuid) is E'@resultFieldName trip\nCompletes an active trip of the signed-in traveler once no delivery awaits pickup, and counts it in the traveler''s statistics. Errors: LOGIN, DNIED, NTFND, BADST.';
grant execute on function app_public.complete_trip(uuid) to app_user;

create or replace function app_public.mark_trip_delayed(
  trip_id uuid,
  departure_time timestamptz default null,
  arrival_time timestamptz default null
)
returns app_public.trips
language plpgsql volatile security definer
set search_path = pg_catalog, public, pg_temp
as $$
declare
  v_user_id uuid := app_hidden.require_user('email_verified', 'update trips');
  v_trip app_public.trips;
  v_departure timestamptz;
  v_arrival timestamptz;
  v_table text;
  v_constraint text;
  v_column text;
begin
  v_trip := app_hidden.own_trip_for_update(mark_trip_delayed.trip_id, v_user_id);
  if v_trip.status not in ('upcoming', 'delayed') then
    raise exception 'A % trip cannot be delayed', v_trip.status using errcode = 'BADST';
  end if;
  v_departure := coalesce(mark_trip_delayed.departure_time, v_trip.departure_time);
  -- A new departure alone shifts the arrival by as much, keeping the trip's duration.
  v_arrival := coalesce(mark_trip_delayed.arrival_time,
                        v_trip.arrival_time + (v_departure - v_trip.departure_time));
  perform app_hidden.assert_trip_limits(
    case when v_departure <> v_trip.departure_time then v_departure end, v_arrival, v_departure,
    null, null, null, null, null, null);
  begin
    update app_public.trips t set status = 'delayed', departure_time = v_departure, arrival_time = v_arrival
     where t.id = v_trip.id
    returning t.* into v_trip;
  exception when check_violation or not_null_violation then
    get stacked diagnostics v_table = table_name, v_constraint = constraint_name, v_column = column_name;
    perform app_hidden.raise_broken_rule('app_public.trips', sqlstate, v_table, v_constraint, v_column);
  end;
  perform app_hidden.notify_trip_customers(v_trip.id, 'Your traveler''s trip is delayed',
    format(E'The trip "%s" now leaves at %s UTC and arrives at %s UTC.\n', v_trip.title,
           to_char(v_trip.departure_time at time zone 'UTC', 'YYYY-MM-DD HH24:MI'),
           to_char(v_trip.arrival_time at time zone 'UTC', 'YYYY-MM-DD HH24:MI')));
  return v_trip;
end;
$$;
comment on function app_public.mark_trip_delayed(uuid, timestamptz, timestamptz) is E'@resultFieldName trip\nMarks an upcoming (or already delayed) trip of the signed-in traveler as delayed, optionally with new times; a new departure alone moves the arrival by as much. Errors: LOGIN, DNIED, NTFND, BADST, INVAL naming the field (departure in the past or too far ahead, arrival before departure or too long after it).';
grant execute on function app_public.mark_trip_delayed(uuid, timestamptz, timestamptz) to app_user;

create or replace function app_public.cancel_trip(
  trip_id uuid,
  reason app_public.trip_cancel_reason,
  note text default null
)
returns app_public.trips
language plpgsql volatile security definer
set search_path = pg_catalog, public, pg_temp
as $$
declare
  v_user_id uuid := app_hidden.require_user('unverified', 'cancel trips');
  v_is_admin boolean := app_hidden.current_user_has_permission('deliveries.write');
  v_trip app_public.trips;
  v_table text;
  v_constraint text;
  v_column text;
begin
  if cancel_trip.reason is null then
    raise exception 'Say why the trip is cancelled' using errcode = 'INVAL';
  end if;
  if v_is_admin then
    select t.* into v_trip from app_public.trips t where t.id = cancel_trip.trip_id for update;
    if v_trip.id is null then
      raise exception 'Trip not found' using errcode = 'NTFND';
    end if;
  else
    v_trip := app_hidden.own_trip_for_update(cancel_trip.trip_id, v_user_id);
  end if;
  if v_trip.status not in ('upcoming', 'delayed', 'active') then
    raise exception 'A % trip cannot be cancelled', v_trip.status using errcode = 'BADST';
  end if;
  if not v_is_admin then
    if v_trip.status = 'active' then
      raise exception 'A trip under way can only be cancelled by support' using errcode = 'DNIED';
    end if;
    -- Anything picked up and not cancelled since (on board, delivered or disputed) keeps the trip.
    if exists (select 1 from app_public.deliveries d
                where d.trip_id = v_trip.id and d.picked_up_at is not null and d.status <> 'cancelled') then
      raise exception 'Items were already picked up on this trip; contact support' using errcode = 'BADST';
    end if;
  end if;

  -- Its deliveries are cancelled (trip_cancelled, caused by the traveler or decided by an admin), which releases
  -- their capacity and reopens their requests; live offers on the trip are withdrawn.
  perform app_hidden.on_trip_cancelled(v_trip.id, v_user_id, v_is_admin);

  begin
    update app_public.trips t
       set status = 'cancelled', cancellation_reason = cancel_trip.reason,
           cancellation_note = nullif(trim(cancel_trip.note), ''), cancelled_by = v_user_id, cancelled_at = now()
     where t.id = v_trip.id
    returning t.* into v_trip;
  exception when check_violation or not_null_violation then
    get stacked diagnostics v_table = table_name, v_constraint = constraint_name, v_column = column_name;
    perform app_hidden.raise_broken_rule('app_public.trips', sqlstate, v_table, v_constraint, v_column);
  end;
  return v_trip;
end;
$$;
comment on function app_public.cancel_trip(uuid, app_public.trip_cancel_reason, text) is E'@resultFieldName trip\nCancels a trip: the traveler cancels an upcoming or delayed trip on which nothing was picked up; admins with deliveries.write may also cancel an active one. Held capacity is released. A cancelled recurring trip creates no further trips. Errors: LOGIN, DNIED, NTFND, BADST, INVAL (no reason; a note longer than 1000 characters).';
grant execute on function app_public.cancel_trip(uuid, app_public.trip_cancel_reason, text) to app_user;
