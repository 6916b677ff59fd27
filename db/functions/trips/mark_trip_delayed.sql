-- Delaying a trip, optionally with new times (trip_rules.sql has the state machine).
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
  update app_public.trips t set status = 'delayed', departure_time = v_departure, arrival_time = v_arrival
   where t.id = v_trip.id
  returning t.* into v_trip;
  perform app_hidden.notify_trip_customers(v_trip, 'trip_delayed');
  return v_trip;
end;
$$;
comment on function app_public.mark_trip_delayed(uuid, timestamptz, timestamptz) is E'@resultFieldName trip\nMarks an upcoming (or already delayed) trip of the signed-in traveler as delayed, optionally with new times; a new departure alone moves the arrival by as much. Errors: LOGIN, DNIED, NTFND, BADST, INVAL naming the field (departure in the past or too far ahead, arrival before departure or too long after it).';
grant execute on function app_public.mark_trip_delayed(uuid, timestamptz, timestamptz) to app_user;
