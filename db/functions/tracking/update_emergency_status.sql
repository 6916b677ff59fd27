-- Admins with deliveries.write move an emergency along reported → acknowledged → in_progress → resolved (one step
-- at a time, never back); resolving needs a resolution.
create or replace function app_public.update_emergency_status(emergency_id uuid, status app_public.emergency_status,
                                                             resolution text default null)
returns app_public.emergency_locations
language plpgsql volatile security definer
set search_path = pg_catalog, public, pg_temp
as $$
declare
  v_user_id uuid := app_private.require_admin('deliveries.write', 'handle emergencies');
  v_row app_public.emergency_locations;
begin
  select * into v_row from app_public.emergency_locations e where e.id = update_emergency_status.emergency_id for update;
  if v_row.id is null then
    raise exception 'Emergency not found' using errcode = 'NTFND';
  end if;
  if array_position(enum_range(null::app_public.emergency_status), update_emergency_status.status)
     <> array_position(enum_range(null::app_public.emergency_status), v_row.status) + 1 then
    raise exception 'An emergency that is % cannot become %', v_row.status, update_emergency_status.status
      using errcode = 'BADST';
  end if;
  if update_emergency_status.status = 'resolved' and update_emergency_status.resolution is null then
    raise exception 'resolution is required to resolve an emergency' using errcode = 'INVAL';
  end if;
  perform app_hidden.log_admin_action('update_emergency_status', 'emergency', v_row.id::text, 'medium',
    jsonb_build_object('status', v_row.status), jsonb_build_object('status', update_emergency_status.status),
    update_emergency_status.resolution);
  update app_public.emergency_locations e
     set status = update_emergency_status.status,
         acknowledged_at = coalesce(e.acknowledged_at, now()),
         resolved_at = case when update_emergency_status.status = 'resolved' then now() end,
         resolution = case when update_emergency_status.status = 'resolved' then update_emergency_status.resolution end,
         handled_by = v_user_id
   where e.id = v_row.id
  returning * into v_row;
  return v_row;
end;
$$;
comment on function app_public.update_emergency_status(uuid, app_public.emergency_status, text) is
  E'@resultFieldName emergency\nAdmins (deliveries.write) move an emergency one step: reported → acknowledged → in_progress → resolved (with a resolution). Errors: LOGIN, DNIED, NTFND, BADST, INVAL.';
grant execute on function app_public.update_emergency_status(uuid, app_public.emergency_status, text) to app_user;
