-- The deliveries domain's shared helpers: the party lock, the traveler check, notifying a trip's customers and a
-- cancellation on someone's behalf. The steps of a delivery after acceptance (docs/deliveries.md) are one mutation
-- each (schedule_pickup.sql …), for the party allowed to take it. Pickup and drop-off are confirmed by the assigned
-- traveler for now; the QR handover issue will require a scan,
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

-- Tells the customers of a trip's live deliveries about a change of the trip's times, with a template that takes
-- the trip's title and times (trip_delayed, trip_times_changed).
create or replace function app_hidden.notify_trip_customers(trip app_public.trips, template text)
returns void
language sql volatile
set search_path = pg_catalog, public, pg_temp
as $$
  select app_hidden.notify(d.customer_id, notify_trip_customers.template,
           jsonb_build_object('trip_title', (notify_trip_customers.trip).title,
                              'departure', app_hidden.notification_time((notify_trip_customers.trip).departure_time),
                              'arrival', app_hidden.notification_time((notify_trip_customers.trip).arrival_time)),
           'high', d.id)
    from app_public.deliveries d
   where d.trip_id = (notify_trip_customers.trip).id and d.status not in ('delivered', 'cancelled');
$$;
comment on function app_hidden.notify_trip_customers(app_public.trips, text) is 'Notifies the customers of a trip''s live deliveries of its new times (templates trip_delayed, trip_times_changed).';

create or replace function app_hidden.cancel_delivery_as(
  delivery_id uuid,
  source app_public.transition_source,
  actor_id uuid,
  reason app_public.delivery_cancel_reason,
  note text
)
returns app_public.deliveries
language plpgsql volatile
set search_path = pg_catalog, public, pg_temp
as $$
declare
  v_delivery app_public.deliveries;
  v_customer_ends_it boolean;
begin
  update app_public.deliveries d
     set cancellation_reason = cancel_delivery_as.reason, cancellation_note = nullif(trim(cancel_delivery_as.note), ''),
         cancelled_by = cancel_delivery_as.actor_id
   where d.id = cancel_delivery_as.delivery_id
  returning d.* into v_delivery;
  v_delivery := app_hidden.transition_delivery(v_delivery.id, 'cancelled', cancel_delivery_as.source,
                                               cancel_delivery_as.actor_id, cancel_delivery_as.reason::text);
  update app_public.delivery_offers o set status = 'cancelled' where o.id = v_delivery.offer_id;
  -- The payment follows (docs/payments.md, Cancellation): an authorisation is voided, a captured payment refunded.
  perform graphile_worker.add_job('payments__cancel', json_build_object('id', v_delivery.id),
    job_key := 'payments__cancel:' || v_delivery.id, max_attempts := 25);

  v_customer_ends_it := v_delivery.cancelled_by = v_delivery.customer_id
    or v_delivery.cancellation_reason in ('item_not_as_described', 'cannot_inspect', 'prohibited_item', 'payment_failed')
    or v_delivery.picked_up_at is not null;
  update app_public.delivery_requests r
     set status = case when v_customer_ends_it then 'cancelled'
                       when r.expires_at > now() then 'pending'
                       else 'expired' end::app_public.delivery_request_status,
         cancellation_reason = case when v_customer_ends_it then
           case v_delivery.cancellation_reason when 'no_longer_needed' then 'no_longer_needed'
                                               when 'found_alternative' then 'found_alternative'
                                               else 'other' end::app_public.request_cancel_reason end,
         cancelled_at = case when v_customer_ends_it then now() end
   where r.id = v_delivery.request_id;

  perform app_hidden.notify(u.id, 'delivery_cancelled',
    jsonb_build_object('delivery_number', v_delivery.delivery_number,
                       'reason', v_delivery.cancellation_reason,
                       'reopened', not v_customer_ends_it and u.id = v_delivery.customer_id),
    'high', v_delivery.id)
    from unnest(array[v_delivery.customer_id, v_delivery.traveler_id]) as u(id)
   where u.id is distinct from cancel_delivery_as.actor_id;
  return v_delivery;
end;
$$;
comment on function app_hidden.cancel_delivery_as(uuid, app_public.transition_source, uuid, app_public.delivery_cancel_reason, text) is
  'Cancels a delivery on behalf of a cause and applies the effects: capacity released, offer cancelled, request reopened or ended (the customer''s own cancellation, a refused item or an unpaid delivery end it), payment voided or refunded (payments__cancel), parties told.';
