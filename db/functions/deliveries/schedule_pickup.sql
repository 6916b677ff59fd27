-- Either party schedules the pickup of an accepted delivery.
create or replace function app_public.schedule_pickup(delivery_id uuid, at timestamptz)
returns app_public.deliveries
language plpgsql volatile security definer
set search_path = pg_catalog, public, pg_temp
as $$
declare
  v_user_id uuid := app_hidden.require_user('unverified', 'schedule pickups');
  v_delivery app_public.deliveries := app_hidden.lock_delivery_for_party(schedule_pickup.delivery_id, v_user_id);
begin
  if schedule_pickup.at is null or schedule_pickup.at <= now() then
    raise exception 'Schedule the pickup in the future' using errcode = 'INVAL';
  end if;
  if v_delivery.delivery_time is not null and schedule_pickup.at >= v_delivery.delivery_time then
    raise exception 'The pickup must come before the drop-off time' using errcode = 'INVAL';
  end if;
  update app_public.deliveries d set pickup_time = schedule_pickup.at where d.id = v_delivery.id;
  if v_delivery.status = 'accepted' then
    v_delivery := app_hidden.transition_delivery(v_delivery.id, 'pickup_scheduled', 'user', v_user_id);
  elsif v_delivery.status <> 'pickup_scheduled' then
    raise exception 'The pickup of a % delivery cannot be scheduled', v_delivery.status using errcode = 'BADST';
  end if;
  perform app_hidden.notify(
    case v_user_id when v_delivery.customer_id then v_delivery.traveler_id else v_delivery.customer_id end,
    'pickup_scheduled', jsonb_build_object('delivery_number', v_delivery.delivery_number,
                                           'at', to_char(schedule_pickup.at at time zone 'UTC', 'YYYY-MM-DD HH24:MI')),
    'normal', v_delivery.id);
  return (select d from app_public.deliveries d where d.id = v_delivery.id);
end;
$$;
comment on function app_public.schedule_pickup(uuid, timestamptz) is E'@resultFieldName delivery\nEither party sets (or moves) the pickup time of an accepted delivery. Errors: LOGIN, NTFND, INVAL (not in the future, or after the drop-off), BADST (already picked up or ended).';
grant execute on function app_public.schedule_pickup(uuid, timestamptz) to app_user;
