-- Cancelling a delivery (docs/domain.md §7), with its effects in the same transaction: the trip's reserved capacity
-- is released (by the status trigger, app_hidden.tg_deliveries__after_status; delivered capacity never comes back),
-- the accepted offer becomes cancelled, and the request reopens
-- when the customer is not the one giving up (and it has not expired) or ends cancelled when they are or the item
-- was refused at pickup. The payments issue voids the authorisation here.

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

  v_customer_ends_it := v_delivery.cancelled_by = v_delivery.customer_id
    or v_delivery.cancellation_reason in ('item_not_as_described', 'cannot_inspect', 'prohibited_item')
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

  perform app_hidden.queue_email(u.id, 'Delivery cancelled',
    format(E'%s was cancelled (%s).%s\n', v_delivery.delivery_number, replace(v_delivery.cancellation_reason::text, '_', ' '),
           case when not v_customer_ends_it and u.id = v_delivery.customer_id
                then ' Your request is open for offers again.' else '' end))
    from unnest(array[v_delivery.customer_id, v_delivery.traveler_id]) as u(id)
   where u.id is distinct from cancel_delivery_as.actor_id;
  return v_delivery;
end;
$$;
comment on function app_hidden.cancel_delivery_as(uuid, app_public.transition_source, uuid, app_public.delivery_cancel_reason, text) is
  'Cancels a delivery on behalf of a cause and applies the effects: capacity released, offer cancelled, request reopened or ended, parties told.';

create or replace function app_public.cancel_delivery(
  delivery_id uuid,
  reason app_public.delivery_cancel_reason,
  note text default null
)
returns app_public.deliveries
language plpgsql volatile security definer
set search_path = pg_catalog, public, pg_temp
as $$
declare
  v_user_id uuid := app_hidden.require_user('unverified', 'cancel deliveries');
  v_delivery app_public.deliveries;
  v_admin boolean := app_hidden.current_user_has_permission('deliveries.write');
begin
  select * into v_delivery from app_public.deliveries d where d.id = cancel_delivery.delivery_id for update;
  if v_delivery.id is null or (v_user_id not in (v_delivery.customer_id, v_delivery.traveler_id) and not v_admin) then
    raise exception 'Delivery not found' using errcode = 'NTFND';
  end if;
  if cancel_delivery.reason is null
     or (cancel_delivery.reason in ('trip_cancelled', 'payment_failed', 'admin_decision') and not v_admin)
     or cancel_delivery.reason in ('item_not_as_described', 'cannot_inspect', 'prohibited_item') then
    raise exception 'Give a reason for cancelling (refused items go through refusePickup)' using errcode = 'INVAL';
  end if;
  -- A party cancels before pickup; afterwards only an admin can (the transition table says so).
  return app_hidden.cancel_delivery_as(v_delivery.id,
    case when v_user_id in (v_delivery.customer_id, v_delivery.traveler_id) and v_delivery.status in ('accepted', 'pickup_scheduled')
         then 'user' when v_admin then 'admin' else 'user' end::app_public.transition_source,
    v_user_id, cancel_delivery.reason, cancel_delivery.note);
end;
$$;
comment on function app_public.cancel_delivery(uuid, app_public.delivery_cancel_reason, text) is
  E'@resultFieldName delivery\nCancels a delivery: either party until pickup, an admin with deliveries.write at any live step. Releases the trip''s capacity; the request reopens unless the customer cancelled. Errors: LOGIN, NTFND, INVAL (no or reserved reason), BADST (picked up or ended: only an admin, or a dispute).';
grant execute on function app_public.cancel_delivery(uuid, app_public.delivery_cancel_reason, text) to app_user;

create or replace function app_public.refuse_pickup(
  delivery_id uuid,
  reason app_public.delivery_cancel_reason,
  photo_key text,
  note text default null
)
returns app_public.deliveries
language plpgsql volatile security definer
set search_path = pg_catalog, public, pg_temp
as $$
declare
  v_user_id uuid := app_hidden.require_user('unverified', 'refuse pickups');
  v_delivery app_public.deliveries := app_hidden.lock_delivery_for_party(refuse_pickup.delivery_id, v_user_id);
begin
  perform app_hidden.assert_traveler_of(v_delivery, v_user_id, 'refuse the pickup');
  if refuse_pickup.reason is null or refuse_pickup.reason not in ('item_not_as_described', 'cannot_inspect', 'prohibited_item') then
    raise exception 'A pickup is refused because the item is not as described, cannot be inspected or is prohibited'
      using errcode = 'INVAL';
  end if;
  if nullif(trim(refuse_pickup.photo_key), '') is null then
    raise exception 'A refused pickup needs a photo of the item' using errcode = 'INVAL';
  end if;
  update app_public.deliveries d set pickup_photo_key = refuse_pickup.photo_key where d.id = v_delivery.id;
  return app_hidden.cancel_delivery_as(v_delivery.id, 'user', v_user_id, refuse_pickup.reason, refuse_pickup.note);
end;
$$;
comment on function app_public.refuse_pickup(uuid, app_public.delivery_cancel_reason, text, text) is
  E'@resultFieldName delivery\nThe traveler refuses to take an item that is not as described, cannot be inspected or is prohibited, with a photo; the delivery is cancelled without a penalty to the traveler. Errors: LOGIN, NTFND, DNIED (not the traveler), INVAL (reason or photo missing), BADST (already picked up).';
grant execute on function app_public.refuse_pickup(uuid, app_public.delivery_cancel_reason, text, text) to app_user;
