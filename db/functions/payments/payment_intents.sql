-- The worker's side of a delivery's payment (docs/payments.md, Flow). Each worker task reads what to do from SQL,
-- calls Stripe with a deterministic idempotency key, then records Stripe's answer in one transaction through these
-- functions; a task killed between the call and the commit repeats the call, which Stripe answers with the same
-- object. Webhook events (app_private.process_stripe_event) record the same objects through the same function, so
-- whichever arrives first applies the state and the other finds nothing left to do.

-- payments__create_intent, step 1: the payment's local rows (its amounts fixed from the delivery's price with
-- app_hidden.charge_amounts, and the pending escrow of the traveler's share), created once, and what to ask Stripe.
-- action: 'create' (call Stripe), 'done' (already created at Stripe), 'skip' (the delivery no longer needs one).
create or replace function app_private.prepare_payment_intent(delivery_id uuid)
returns jsonb
language plpgsql volatile
set search_path = pg_catalog, public, pg_temp
as $$
declare
  v_delivery app_public.deliveries;
  v_intent app_public.payment_intents;
  v_amounts record;
  v_stripe_id text;
begin
  select * into v_delivery from app_public.deliveries d where d.id = prepare_payment_intent.delivery_id for update;
  if v_delivery.id is null then
    return jsonb_build_object('action', 'skip', 'reason', 'no such delivery');
  end if;
  select * into v_intent from app_public.payment_intents p where p.delivery_id = v_delivery.id;
  if v_intent.id is null then
    if v_delivery.status not in ('accepted', 'pickup_scheduled') then
      return jsonb_build_object('action', 'skip', 'reason', format('delivery is %s', v_delivery.status));
    end if;
    -- The customer's credits pay what they can without the charge falling below the minimum (charge_amounts),
    -- oldest first; locked first, so that two payments cannot spend the same credit.
    select * into v_amounts from app_hidden.charge_amounts(v_delivery.final_price,
      app_private.lock_spendable_credits(v_delivery.customer_id, v_delivery.currency));
    insert into app_public.payment_intents (delivery_id, customer_id, traveler_id, traveler_amount, platform_fee,
                                            processing_fee, credits_applied, amount, currency, idempotency_key)
    values (v_delivery.id, v_delivery.customer_id, v_delivery.traveler_id, v_delivery.final_price,
            v_amounts.platform_fee, v_amounts.processing_fee, v_amounts.credits_applied, v_amounts.amount,
            v_delivery.currency, 'pi-create:' || v_delivery.id)
    returning * into v_intent;
    if v_intent.credits_applied > 0 then
      perform app_private.spend_credits(v_intent.id, v_intent.credits_applied);
    end if;
    insert into app_public.escrow_accounts (payment_intent_id, delivery_id, customer_id, traveler_id, amount, currency)
    values (v_intent.id, v_delivery.id, v_delivery.customer_id, v_delivery.traveler_id, v_intent.traveler_amount,
            v_intent.currency);
  end if;
  select r.stripe_id into v_stripe_id from app_private.stripe_refs r
   where r.payment_intent_id = v_intent.id and r.kind = 'payment_intent';
  -- Cancelled before its PaymentIntent was created: none is created (payments__cancel found nothing to void).
  if v_stripe_id is null and v_delivery.status = 'cancelled' then
    update app_public.payment_intents p set status = 'canceled', canceled_at = coalesce(p.canceled_at, now())
     where p.id = v_intent.id and p.status <> 'canceled';
    update app_public.escrow_accounts e set status = 'cancelled' where e.payment_intent_id = v_intent.id and e.status = 'pending';
    return jsonb_build_object('action', 'skip', 'reason', 'delivery is cancelled');
  end if;
  return jsonb_build_object(
    'action', case when v_stripe_id is not null then 'done'
                   when v_intent.status = 'canceled' then 'skip'
                   else 'create' end,
    'payment_intent_id', v_intent.id,
    'stripe_id', v_stripe_id,
    'amount', v_intent.amount,
    'currency', lower(v_intent.currency),
    'idempotency_key', v_intent.idempotency_key,
    'transfer_group', 'dlv_' || v_delivery.id,
    'description', v_delivery.delivery_number);
end;
$$;
comment on function app_private.prepare_payment_intent(uuid) is
  'payments__create_intent: creates the delivery''s payment and pending escrow rows once, and says whether to create the Stripe PaymentIntent.';

-- payments__create_intent, step 3: the PaymentIntent Stripe created (its id and client secret), then its state.
create or replace function app_private.record_payment_intent(delivery_id uuid, intent jsonb)
returns text
language plpgsql volatile
set search_path = pg_catalog, public, pg_temp
as $$
declare
  v_intent_id uuid;
begin
  select p.id into v_intent_id from app_public.payment_intents p where p.delivery_id = record_payment_intent.delivery_id;
  if v_intent_id is null then
    raise exception 'Delivery % has no payment to record', record_payment_intent.delivery_id using errcode = 'NTFND';
  end if;
  insert into app_private.stripe_refs (stripe_id, kind, payment_intent_id, client_secret)
  values (record_payment_intent.intent ->> 'id', 'payment_intent', v_intent_id,
          record_payment_intent.intent ->> 'client_secret')
  on conflict do nothing;
  -- Created while the delivery was being cancelled: payments__cancel voids it (again: it may have found none).
  if exists (select 1 from app_public.deliveries d
              where d.id = record_payment_intent.delivery_id and d.status = 'cancelled') then
    perform graphile_worker.add_job('payments__cancel', json_build_object('id', record_payment_intent.delivery_id),
      job_key := 'payments__cancel:' || record_payment_intent.delivery_id, max_attempts := 25);
  end if;
  return app_private.apply_payment_intent(record_payment_intent.intent, now());
end;
$$;
comment on function app_private.record_payment_intent(uuid, jsonb) is 'Records the Stripe PaymentIntent created for a delivery''s payment, then applies its state.';

-- A PaymentIntent as Stripe returned or sent it, applied to its payment when it moves it forward
-- (app_hidden.payment_status_advances): authorised (requires_capture, capture_before), captured (the escrow becomes
-- held and the capture is posted to the ledger), cancelled (the pending escrow is cancelled) or failed (a declined
-- attempt: Stripe's requires_payment_method with a last_payment_error). Found by its Stripe id, or by the delivery
-- id of its metadata when its creation was not recorded yet. Returns what it did.
create or replace function app_private.apply_payment_intent(intent jsonb, occurred_at timestamptz)
returns text
language plpgsql volatile
set search_path = pg_catalog, public, pg_temp
as $$
declare
  v_intent app_public.payment_intents;
  v_delivery app_public.deliveries;
  v_status app_public.payment_status;
  v_error jsonb := apply_payment_intent.intent -> 'last_payment_error';
  v_charge text := apply_payment_intent.intent ->> 'latest_charge';
begin
  select p.* into v_intent from app_private.stripe_refs r join app_public.payment_intents p on p.id = r.payment_intent_id
   where r.stripe_id = apply_payment_intent.intent ->> 'id' and r.kind = 'payment_intent'
   for update of p;
  if v_intent.id is null and (apply_payment_intent.intent -> 'metadata' ->> 'delivery_id') ~ '^[0-9a-f-]{36}$' then
    select p.* into v_intent from app_public.payment_intents p
     where p.delivery_id = (apply_payment_intent.intent -> 'metadata' ->> 'delivery_id')::uuid
     for update;
    if v_intent.id is not null then
      insert into app_private.stripe_refs (stripe_id, kind, payment_intent_id, client_secret)
      values (apply_payment_intent.intent ->> 'id', 'payment_intent', v_intent.id,
              apply_payment_intent.intent ->> 'client_secret')
      on conflict do nothing;
    end if;
  end if;
  if v_intent.id is null then
    return 'unknown payment intent';
  end if;
  if not (apply_payment_intent.intent ->> 'status') = any (enum_range(null::app_public.payment_status)::text[]) then
    return format('unknown status %s', apply_payment_intent.intent ->> 'status');
  end if;
  v_status := case when apply_payment_intent.intent ->> 'status' = 'requires_payment_method'
                        and jsonb_typeof(v_error) = 'object' then 'failed'
                   else apply_payment_intent.intent ->> 'status' end::app_public.payment_status;
  if not app_hidden.payment_status_advances(v_intent.status, v_status) then
    return format('stale: %s after %s', v_status, v_intent.status);
  end if;
  -- The authorised charge: the transfer's source_transaction at release.
  if v_status in ('requires_capture', 'succeeded') and v_charge ~ '^ch_' then
    insert into app_private.stripe_refs (stripe_id, kind, payment_intent_id)
    values (v_charge, 'charge', v_intent.id)
    on conflict do nothing;
  end if;
  update app_public.payment_intents p
     set status = v_status,
         authorized_at = case when v_status in ('requires_capture', 'succeeded')
                              then coalesce(p.authorized_at, apply_payment_intent.occurred_at) else p.authorized_at end,
         capture_before = case when v_status = 'requires_capture'
                               then coalesce(p.capture_before, apply_payment_intent.occurred_at
                                 + make_interval(days => (app_hidden.config_value('payments.auth_validity_days'))::int))
                               else p.capture_before end,
         captured_amount = case when v_status = 'succeeded'
                                then (apply_payment_intent.intent ->> 'amount_received')::bigint else p.captured_amount end,
         captured_at = case when v_status = 'succeeded' then apply_payment_intent.occurred_at else p.captured_at end,
         canceled_at = case when v_status = 'canceled' then apply_payment_intent.occurred_at else p.canceled_at end,
         failure_code = case when v_status = 'failed'
                             then left(coalesce(v_error ->> 'decline_code', v_error ->> 'code'), 100) else p.failure_code end,
         failure_message = case when v_status = 'failed' then left(v_error ->> 'message', 1000) else p.failure_message end
   where p.id = v_intent.id
  returning * into v_intent;

  if v_status = 'succeeded' then
    select * into v_delivery from app_public.deliveries d where d.id = v_intent.delivery_id;
    -- Held from the capture; when the delivery was already handed over, its hold runs from the delivery.
    update app_public.escrow_accounts e
       set status = 'held', held_at = apply_payment_intent.occurred_at,
           hold_until = case when v_delivery.delivered_at is not null
                             then v_delivery.delivered_at
                                  + make_interval(hours => (app_hidden.config_value('deliveries.dispute_window_hours'))::int)
                        end
     where e.payment_intent_id = v_intent.id and e.status = 'pending';
    -- Dr cash (the full charge) / Cr escrow liability (the traveler's share) / Cr fee revenues. Credits spent paid
    -- part of it: the platform funds them from its promotional liability (credit-spend, below).
    perform app_private.post_ledger_transaction('capture', 'capture:' || v_intent.id, v_intent.delivery_id,
      v_intent.currency,
      jsonb_build_array(
        jsonb_build_object('code', 'platform_cash', 'amount', v_intent.captured_amount + v_intent.credits_applied),
        jsonb_build_object('code', 'escrow_liability', 'amount', -v_intent.traveler_amount),
        jsonb_build_object('code', 'platform_fee_revenue', 'amount', -v_intent.platform_fee),
        jsonb_build_object('code', 'processing_fee_revenue',
                           'amount', -(v_intent.captured_amount + v_intent.credits_applied
                                       - v_intent.traveler_amount - v_intent.platform_fee))),
      format('Capture of the payment of delivery %s', v_intent.delivery_id));
    if v_intent.credits_applied > 0 then
      perform app_private.post_ledger_transaction('credit', 'credit-spend:' || v_intent.id, v_intent.delivery_id,
        v_intent.currency,
        jsonb_build_array(jsonb_build_object('code', 'promo_liability', 'amount', v_intent.credits_applied),
                          jsonb_build_object('code', 'platform_cash', 'amount', -v_intent.credits_applied)),
        format('Credits spent on the payment of delivery %s', v_intent.delivery_id));
    end if;
  elsif v_status = 'canceled' then
    update app_public.escrow_accounts e set status = 'cancelled'
     where e.payment_intent_id = v_intent.id and e.status = 'pending';
  end if;
  return v_status::text;
end;
$$;
comment on function app_private.apply_payment_intent(jsonb, timestamptz) is
  'Applies a Stripe PaymentIntent object to its payment when it moves it forward: authorisation, capture (escrow held, ledger), cancellation, failure.';

-- payments__capture, step 1 (at the pickup scan, or early: the authorisation lapses within
-- payments.capture_margin_hours before the pickup): whether to capture, and with what. action: 'capture', 'done'
-- (already captured), 'skip' (nothing capturable: no authorisation, cancelled, or the delivery was not picked up and
-- the authorisation is not about to lapse).
create or replace function app_private.payment_to_capture(delivery_id uuid)
returns jsonb
language sql stable
set search_path = pg_catalog, public, pg_temp
as $$
  select coalesce((
    select jsonb_build_object(
             'action', case when p.status = 'succeeded' then 'done'
                            when p.status = 'requires_capture' and r.stripe_id is not null
                                 and (d.status in ('picked_up', 'in_transit', 'delivery_scheduled', 'delivered')
                                      or (d.status in ('accepted', 'pickup_scheduled')
                                          and p.capture_before <= now() + make_interval(
                                                hours => (app_hidden.config_value('payments.capture_margin_hours'))::int)))
                              then 'capture'
                            else 'skip' end,
             'reason', format('payment %s, delivery %s', p.status, d.status),
             'stripe_id', r.stripe_id,
             'idempotency_key', 'pi-capture:' || d.id)
      from app_public.deliveries d
      join app_public.payment_intents p on p.delivery_id = d.id
      left join app_private.stripe_refs r on r.payment_intent_id = p.id and r.kind = 'payment_intent'
     where d.id = payment_to_capture.delivery_id),
    jsonb_build_object('action', 'skip', 'reason', 'no payment'));
$$;
comment on function app_private.payment_to_capture(uuid) is 'payments__capture: whether the delivery''s payment is to be captured now, its Stripe id and idempotency key.';

-- payments__hold (at the delivery scan): the held escrow's hold runs for the dispute window from the delivery. A
-- delivery whose payment was not captured (the capture failed, or has not happened yet) holds nothing, and finance is
-- alerted: the traveler carried an item nobody has paid for yet.
create or replace function app_private.start_escrow_hold(delivery_id uuid)
returns boolean
language plpgsql volatile
set search_path = pg_catalog, public, pg_temp
as $$
declare
  v_delivery app_public.deliveries;
  v_intent app_public.payment_intents;
  v_escrow app_public.escrow_accounts;
begin
  select * into v_delivery from app_public.deliveries d where d.id = start_escrow_hold.delivery_id;
  if v_delivery.delivered_at is null then
    return false;
  end if;
  update app_public.escrow_accounts e
     set hold_until = v_delivery.delivered_at
                      + make_interval(hours => (app_hidden.config_value('deliveries.dispute_window_hours'))::int)
   where e.delivery_id = v_delivery.id and e.status = 'held' and e.hold_until is null
  returning * into v_escrow;
  if v_escrow.id is not null then
    return true;
  end if;
  select * into v_intent from app_public.payment_intents p where p.delivery_id = v_delivery.id;
  if v_intent.status is distinct from 'succeeded' then
    perform app_private.alert_admins('finance.read', 'payment_not_captured_alert',
      jsonb_build_object('delivery_number', v_delivery.delivery_number,
                         'payment_status', coalesce(v_intent.status::text, 'missing'),
                         'escrow_status', coalesce((select e.status::text from app_public.escrow_accounts e
                                                     where e.delivery_id = v_delivery.id), 'missing')));
  end if;
  return false;
end;
$$;
comment on function app_private.start_escrow_hold(uuid) is 'payments__hold: sets the held escrow''s hold_until to delivery + deliveries.dispute_window_hours, once; alerts finance when the payment was not captured.';

-- The early-capture guard (hourly, payments__capture_early): each authorised payment of a delivery still awaiting its
-- pickup whose authorisation lapses within payments.capture_margin_hours (12) is captured now, by payments__capture
-- (the same job key as the pickup's: one capture either way). A cancellation afterwards refunds it in full.
create or replace function app_private.enqueue_early_captures(max_rows integer default 500)
returns integer
language sql volatile
set search_path = pg_catalog, public, pg_temp
as $$
  with due as (
    select p.delivery_id
      from app_public.payment_intents p
      join app_public.deliveries d on d.id = p.delivery_id
     where p.status = 'requires_capture'
       and p.capture_before <= now() + make_interval(hours => (app_hidden.config_value('payments.capture_margin_hours'))::int)
       and d.status in ('accepted', 'pickup_scheduled')
     order by p.capture_before
     limit enqueue_early_captures.max_rows
  )
  select count(graphile_worker.add_job('payments__capture', json_build_object('id', due.delivery_id),
                                       job_key := 'payments__capture:' || due.delivery_id, max_attempts := 25))::integer
    from due;
$$;
comment on function app_private.enqueue_early_captures(integer) is 'payments__capture_early (hourly): enqueues the capture of authorised payments whose authorisation lapses within payments.capture_margin_hours before the pickup.';
