-- upcoming/delayed → completed by the system (docs/trips.md), trips.auto_complete_hours after the arrival,
-- when no delivery is live. Run hourly by the trips__auto_complete task.
create or replace function app_private.auto_complete_trips()
returns integer
language plpgsql volatile
set search_path = pg_catalog, public, pg_temp
as $$
declare
  v_cutoff timestamptz := now() - make_interval(hours => (app_hidden.config_value('trips.auto_complete_hours'))::int);
  v_completed integer;
begin
  update app_public.trips t set status = 'completed', completed_at = now()
   where t.status in ('upcoming', 'delayed')
     and t.departure_time < v_cutoff   -- lets trips_live_departure_idx narrow the scan (departure < arrival)
     and t.arrival_time <= v_cutoff
     and not exists (select 1 from app_public.deliveries d
                      where d.trip_id = t.id and d.status not in ('delivered', 'cancelled'));
  get diagnostics v_completed = row_count;
  return v_completed;
end;
$$;
comment on function app_private.auto_complete_trips() is 'Completes upcoming and delayed trips trips.auto_complete_hours after their arrival when no delivery on them is live; returns how many.';
