-- Cancelling a delivery (docs/deliveries.md), with its effects in the same transaction: the trip's reserved capacity
-- is released (by the status trigger, app_hidden.tg_deliveries__after_status; delivered capacity never comes back),
-- the accepted offer becomes cancelled, and the request reopens
-- when the customer is not the one giving up (and it has not expired) or ends cancelled when they are or the item
-- was refused at pickup; the payment is voided or refunded (payments__cancel, enqueued by app_hidden.cancel_delivery_as).

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
  v_user_id uuid := app_hidden.require_session('cancel deliveries');
  v_delivery app_public.deliveries;
  v_admin boolean := app_hidden.current_user_has_permission('deliveries.write');
  v_source app_public.transition_source;
  v_old_status app_public.delivery_status;
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
  v_source := case when v_user_id in (v_delivery.customer_id, v_delivery.traveler_id) and v_delivery.status in ('accepted', 'pickup_scheduled')
                   then 'user' when v_admin then 'admin' else 'user' end;
  v_old_status := v_delivery.status;
  v_delivery := app_hidden.cancel_delivery_as(v_delivery.id, v_source, v_user_id, cancel_delivery.reason, cancel_delivery.note);
  -- Cancelling as an admin (money goes back through payments__cancel) is an admin act (docs/admin.md, Audit).
  if v_source = 'admin' then
    perform app_hidden.log_admin_action('cancel_delivery', 'delivery', v_delivery.id::text, 'high',
      jsonb_build_object('status', v_old_status),
      jsonb_build_object('status', v_delivery.status, 'cancellation_reason', v_delivery.cancellation_reason),
      v_delivery.cancellation_note);
  end if;
  return v_delivery;
end;
$$;
comment on function app_public.cancel_delivery(uuid, app_public.delivery_cancel_reason, text) is
  E'@resultFieldName delivery\nCancels a delivery: either party until pickup, an admin with deliveries.write at any live step. Releases the trip''s capacity; the request reopens unless the customer cancelled. Errors: LOGIN, NTFND, INVAL (no or reserved reason), BADST (picked up or ended: only an admin, or a dispute).';
grant execute on function app_public.cancel_delivery(uuid, app_public.delivery_cancel_reason, text) to app_user;
