-- Either party schedules the drop-off of a delivery in transit.
create or replace function app_public.schedule_dropoff(delivery_id uuid, at timestamptz)
returns app_public.deliveries
language plpgsql volatile security definer
set search_path = pg_catalog, public, pg_temp
as $$
declare
  v_user_id uuid := app_hidden.require_user('unverified', 'schedule drop-offs');
  v_delivery app_public.deliveries := app_hidden.lock_delivery_for_party(schedule_dropoff.delivery_id, v_user_id);
begin
  if schedule_dropoff.at is null or schedule_dropoff.at <= now() then
    raise exception 'Schedule the drop-off in the future' using errcode = 'INVAL';
  end if;
  update app_public.deliveries d set delivery_time = schedule_dropoff.at where d.id = v_delivery.id;
  if v_delivery.status = 'in_transit' then
    v_delivery := app_hidden.transition_delivery(v_delivery.id, 'delivery_scheduled', 'user', v_user_id);
  elsif v_delivery.status <> 'delivery_scheduled' then
    raise exception 'The drop-off of a % delivery cannot be scheduled', v_delivery.status using errcode = 'BADST';
  end if;
  return (select d from app_public.deliveries d where d.id = v_delivery.id);
end;
$$;
comment on function app_public.schedule_dropoff(uuid, timestamptz) is E'@resultFieldName delivery\nEither party sets (or moves) the drop-off time of an item in transit. Errors: LOGIN, NTFND, INVAL (not in the future), BADST (not in transit).';
grant execute on function app_public.schedule_dropoff(uuid, timestamptz) to app_user;
