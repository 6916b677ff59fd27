-- Cancelling a delivery's payment (docs/payments.md, Cancellation and refunds). Every cancellation goes through
-- app_hidden.cancel_delivery_as, which enqueues payments__cancel (job key payments__cancel:<delivery>). Its task
-- asks payment_to_cancel what to do: an authorisation not captured is voided at Stripe (PaymentIntent cancel, key
-- pi-cancel:<delivery>) and recorded through app_private.apply_payment_intent (the payment canceled, its pending
-- escrow cancelled); a captured payment is refunded in full, its fees included (app_private.request_refund, reason
-- delivery_cancelled, once per payment), and its refund task reverses the traveler's transfer if it was made.
-- The authorisation deadline: deliveries not authorised within deliveries.authorization_deadline_hours of their
-- acceptance are cancelled by the system (deliveries__cancel_unpaid, every 10 minutes).

-- payments__cancel, step 1. action: 'void' (cancel the PaymentIntent at Stripe), 'refund' (a refund was requested:
-- its own job does it), 'done' (nothing left at Stripe), 'skip' (no payment, or the delivery is not cancelled).
create or replace function app_private.payment_to_cancel(delivery_id uuid)
returns jsonb
language plpgsql volatile
set search_path = pg_catalog, public, pg_temp
as $$
declare
  v_delivery app_public.deliveries;
  v_intent app_public.payment_intents;
  v_stripe_id text;
  v_refund_id uuid;
begin
  select * into v_delivery from app_public.deliveries d where d.id = payment_to_cancel.delivery_id;
  select * into v_intent from app_public.payment_intents p where p.delivery_id = payment_to_cancel.delivery_id for update;
  if v_intent.id is null then
    return jsonb_build_object('action', 'skip', 'reason', 'no payment');
  end if;
  if v_delivery.status <> 'cancelled' then
    return jsonb_build_object('action', 'skip', 'reason', format('delivery is %s', v_delivery.status));
  end if;
  if v_intent.status = 'succeeded' and exists (select 1 from app_public.disputes s
                                                 where s.delivery_id = v_delivery.id and s.status in ('resolved', 'closed')) then
    -- A dispute's resolution cancelled it and settled the money itself (docs/disputes.md, Resolution).
    return jsonb_build_object('action', 'skip', 'reason', 'settled by a dispute');
  end if;
  if v_intent.status = 'succeeded' then
    -- Captured (at pickup, or early): everything back to the customer, the fees included; the traveler keeps nothing.
    v_refund_id := app_private.request_refund(v_intent.id, v_intent.captured_amount - v_intent.refunded_amount,
      v_intent.platform_fee, v_intent.traveler_amount, 'delivery_cancelled', null);
    return jsonb_build_object('action', 'refund', 'refund_id', v_refund_id);
  end if;
  select r.stripe_id into v_stripe_id from app_private.stripe_refs r
   where r.payment_intent_id = v_intent.id and r.kind = 'payment_intent';
  if v_stripe_id is null then
    -- Never created at Stripe: nothing to void. (payments__create_intent skips a cancelled delivery's payment.)
    update app_public.payment_intents p set status = 'canceled', canceled_at = coalesce(p.canceled_at, now())
     where p.id = v_intent.id and p.status <> 'canceled';
    update app_public.escrow_accounts e set status = 'cancelled' where e.payment_intent_id = v_intent.id and e.status = 'pending';
    return jsonb_build_object('action', 'done', 'reason', 'no PaymentIntent at Stripe');
  end if;
  -- Even when a webhook already said canceled: the call with its key is harmless and answers the object.
  return jsonb_build_object('action', 'void', 'stripe_id', v_stripe_id,
                            'idempotency_key', 'pi-cancel:' || v_delivery.id, 'status', v_intent.status);
end;
$$;
comment on function app_private.payment_to_cancel(uuid) is
  'payments__cancel: what a cancelled delivery''s payment needs: a void at Stripe, a full refund (requested here, once), or nothing.';

-- The authorisation deadline (every 10 minutes, deliveries__cancel_unpaid): the system cancels, as payment_failed,
-- each delivery still awaiting pickup whose payment was not authorised within deliveries.authorization_deadline_hours
-- of its acceptance. Returns how many it cancelled (at most max_rows; the job calls again while it gets max_rows).
create or replace function app_private.cancel_unpaid_deliveries(max_rows integer default 100)
returns integer
language plpgsql volatile
set search_path = pg_catalog, public, pg_temp
as $$
declare
  v_hours integer := (app_hidden.config_value('deliveries.authorization_deadline_hours'))::integer;
  v_id uuid;
  v_count integer := 0;
begin
  for v_id in
    select d.id from app_public.deliveries d
     where d.status in ('accepted', 'pickup_scheduled')
       and d.accepted_at < now() - make_interval(hours => v_hours)
       and not app_hidden.payment_authorized(d.id)
     order by d.accepted_at
     limit cancel_unpaid_deliveries.max_rows
       for update skip locked
  loop
    perform app_hidden.cancel_delivery_as(v_id, 'system', null, 'payment_failed',
      format('The payment was not authorised within %s hours of the acceptance.', v_hours));
    v_count := v_count + 1;
  end loop;
  return v_count;
end;
$$;
comment on function app_private.cancel_unpaid_deliveries(integer) is
  'deliveries__cancel_unpaid: cancels (as the system, payment_failed) deliveries awaiting pickup whose payment was not authorised within deliveries.authorization_deadline_hours.';

