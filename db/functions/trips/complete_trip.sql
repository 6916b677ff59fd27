-- Completing an active trip (trip_rules.sql has the state machine).
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
