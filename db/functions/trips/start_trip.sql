-- Starting a trip (trip_rules.sql has the state machine).
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
