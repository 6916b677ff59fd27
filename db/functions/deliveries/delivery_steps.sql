-- The steps of a delivery after acceptance (docs/domain.md §7), each a mutation for the party allowed to take it.
-- Pickup and drop-off are confirmed by the assigned traveler for now; the QR handover issue will require a scan,
-- a backup code or an approved override for them (the 'user' rows of delivery_transitions go then).

-- The delivery, locked, with the caller's side; NTFND for anybody who is not a party.
create or replace function app_hidden.lock_delivery_for_party(delivery_id uuid, user_id uuid)
returns app_public.deliveries
language plpgsql volatile
set search_path = pg_catalog, public, pg_temp
as $$
declare
  v_delivery app_public.deliveries;
begin
  select * into v_delivery from app_public.deliveries d where d.id = lock_delivery_for_party.delivery_id for update;
  if v_delivery.id is null or lock_delivery_for_party.user_id not in (v_delivery.customer_id, v_delivery.traveler_id) then
    raise exception 'Delivery not found' using errcode = 'NTFND';
  end if;
  return v_delivery;
end;
$$;
comment on function app_hidden.lock_delivery_for_party(uuid, uuid) is 'Locks a delivery the user takes part in; NTFND otherwise.';

create or replace function app_hidden.assert_traveler_of(delivery app_public.deliveries, user_id uuid, action text)
returns void
language plpgsql immutable
set search_path = pg_catalog, public, pg_temp
as $$
begin
  if delivery.traveler_id <> user_id then
    raise exception 'Only the traveler can %', action using errcode = 'DNIED';
  end if;
end;
$$;
comment on function app_hidden.assert_traveler_of(app_public.deliveries, uuid, text) is 'Raises DNIED unless the user is the delivery''s traveler.';

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
  perform app_hidden.queue_email(
    case v_user_id when v_delivery.customer_id then v_delivery.traveler_id else v_delivery.customer_id end,
    'Pickup scheduled', format(E'The pickup of %s is scheduled for %s UTC.\n', v_delivery.delivery_number,
                               to_char(schedule_pickup.at at time zone 'UTC', 'YYYY-MM-DD HH24:MI')));
  return (select d from app_public.deliveries d where d.id = v_delivery.id);
end;
$$;
comment on function app_public.schedule_pickup(uuid, timestamptz) is E'@resultFieldName delivery\nEither party sets (or moves) the pickup time of an accepted delivery. Errors: LOGIN, NTFND, INVAL (not in the future, or after the drop-off), BADST (already picked up or ended).';
grant execute on function app_public.schedule_pickup(uuid, timestamptz) to app_user;

create or replace function app_public.confirm_pickup(delivery_id uuid, photo_key text default null)
returns app_public.deliveries
language plpgsql volatile security definer
set search_path = pg_catalog, public, pg_temp
as $$
declare
  v_user_id uuid := app_hidden.require_user('unverified', 'confirm pickups');
  v_delivery app_public.deliveries := app_hidden.lock_delivery_for_party(confirm_pickup.delivery_id, v_user_id);
begin
  perform app_hidden.assert_traveler_of(v_delivery, v_user_id, 'confirm the pickup');
  update app_public.deliveries d set pickup_photo_key = coalesce(confirm_pickup.photo_key, d.pickup_photo_key)
   where d.id = v_delivery.id;
  -- The item is on board; its capacity stays reserved until delivery consumes it (or a cancellation releases it).
  v_delivery := app_hidden.transition_delivery(v_delivery.id, 'picked_up', 'user', v_user_id);
  perform app_hidden.queue_email(v_delivery.customer_id, 'Your item was picked up',
    format(E'The traveler has your item (%s).\n', v_delivery.delivery_number));
  return v_delivery;
end;
$$;
comment on function app_public.confirm_pickup(uuid, text) is E'@resultFieldName delivery\nThe traveler confirms taking the item (until the QR handover requires a scan). Errors: LOGIN, NTFND, DNIED (not the traveler), BADST (not awaiting pickup), INVAL (bad photo key).';
grant execute on function app_public.confirm_pickup(uuid, text) to app_user;

create or replace function app_public.start_transit(delivery_id uuid)
returns app_public.deliveries
language plpgsql volatile security definer
set search_path = pg_catalog, public, pg_temp
as $$
declare
  v_user_id uuid := app_hidden.require_user('unverified', 'update deliveries');
  v_delivery app_public.deliveries := app_hidden.lock_delivery_for_party(start_transit.delivery_id, v_user_id);
begin
  perform app_hidden.assert_traveler_of(v_delivery, v_user_id, 'start the transit');
  return app_hidden.transition_delivery(v_delivery.id, 'in_transit', 'user', v_user_id);
end;
$$;
comment on function app_public.start_transit(uuid) is E'@resultFieldName delivery\nThe traveler reports the picked-up item on its way. Errors: LOGIN, NTFND, DNIED (not the traveler), BADST (not picked up).';
grant execute on function app_public.start_transit(uuid) to app_user;

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

create or replace function app_public.confirm_delivery(delivery_id uuid, photo_key text default null)
returns app_public.deliveries
language plpgsql volatile security definer
set search_path = pg_catalog, public, pg_temp
as $$
declare
  v_user_id uuid := app_hidden.require_user('unverified', 'confirm deliveries');
  v_delivery app_public.deliveries := app_hidden.lock_delivery_for_party(confirm_delivery.delivery_id, v_user_id);
begin
  perform app_hidden.assert_traveler_of(v_delivery, v_user_id, 'confirm the drop-off');
  update app_public.deliveries d set delivery_photo_key = coalesce(confirm_delivery.photo_key, d.delivery_photo_key)
   where d.id = v_delivery.id;
  v_delivery := app_hidden.transition_delivery(v_delivery.id, 'delivered', 'user', v_user_id);
  perform app_hidden.queue_email(v_delivery.customer_id, 'Your item was delivered',
    format(E'%s was handed over. Confirm receipt and review the traveler in the app.\n', v_delivery.delivery_number));
  return v_delivery;
end;
$$;
comment on function app_public.confirm_delivery(uuid, text) is E'@resultFieldName delivery\nThe traveler confirms handing the item over (until the QR handover requires a scan); the item''s trip capacity is consumed for good. Errors: LOGIN, NTFND, DNIED (not the traveler), BADST (not picked up).';
grant execute on function app_public.confirm_delivery(uuid, text) to app_user;

create or replace function app_public.confirm_receipt(delivery_id uuid)
returns app_public.deliveries
language plpgsql volatile security definer
set search_path = pg_catalog, public, pg_temp
as $$
declare
  v_user_id uuid := app_hidden.require_user('unverified', 'confirm receipt');
  v_delivery app_public.deliveries := app_hidden.lock_delivery_for_party(confirm_receipt.delivery_id, v_user_id);
begin
  if v_delivery.customer_id <> v_user_id then
    raise exception 'Only the customer confirms receipt' using errcode = 'DNIED';
  end if;
  if v_delivery.status <> 'delivered' then
    raise exception 'Only a delivered item can be confirmed' using errcode = 'BADST';
  end if;
  update app_public.deliveries d set receipt_confirmed_at = coalesce(d.receipt_confirmed_at, now())
   where d.id = v_delivery.id
  returning d.* into v_delivery;
  return v_delivery;
end;
$$;
comment on function app_public.confirm_receipt(uuid) is E'@resultFieldName delivery\nThe customer confirms receiving the item, which ends the payment hold early. Errors: LOGIN, NTFND, DNIED (not the customer), BADST (not delivered).';
grant execute on function app_public.confirm_receipt(uuid) to app_user;

-- Tells the customers of a trip's live deliveries about a change of the trip (a delay, new times).
create or replace function app_hidden.notify_trip_customers(trip_id uuid, subject text, body text)
returns void
language sql volatile
set search_path = pg_catalog, public, pg_temp
as $$
  select app_hidden.queue_email(d.customer_id, notify_trip_customers.subject, notify_trip_customers.body)
    from app_public.deliveries d
   where d.trip_id = notify_trip_customers.trip_id and d.status not in ('delivered', 'cancelled');
$$;
comment on function app_hidden.notify_trip_customers(uuid, text, text) is 'Emails the customers of a trip''s live deliveries.';
