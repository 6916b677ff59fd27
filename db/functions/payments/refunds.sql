-- Refunds (docs/payments.md, Cancellation and refunds). A refund is decided in SQL (app_private.request_refund: the
-- row, pending, with its Stripe key refund:<id>, and the job payments__refund), made by the worker (a transfer
-- reversal first, key reversal:<refund id>, when the traveler's share was already transferred; then the Stripe
-- refund of the PaymentIntent) and recorded once (app_private.record_refund): the refund succeeded, the payment's
-- refunded_amount, the escrow, and the ledger. The sum of a payment's refunds never exceeds what was captured (a
-- trigger, under the payment's lock).

-- Decides a refund: amount back to the customer, of which platform_fee_refund comes from the platform's fee and
-- traveler_share_refund from the traveler's share (the rest is the processing fee). Returns its id. A cancellation's
-- refund (reason delivery_cancelled) is made once per payment: asking again returns the same refund.
create or replace function app_private.request_refund(
  payment_intent_id uuid,
  amount bigint,
  platform_fee_refund bigint,
  traveler_share_refund bigint,
  reason app_public.refund_reason,
  created_by uuid
)
returns uuid
language plpgsql volatile
set search_path = pg_catalog, public, pg_temp
as $$
#variable_conflict use_column
declare
  v_intent app_public.payment_intents;
  v_id uuid := gen_random_uuid();
  v_inserted uuid;
  v_credits bigint;
begin
  select * into v_intent from app_public.payment_intents p where p.id = request_refund.payment_intent_id for update;
  if v_intent.id is null then
    raise exception 'Payment % not found', request_refund.payment_intent_id using errcode = 'NTFND';
  end if;
  if v_intent.status <> 'succeeded' then
    raise exception 'Only a captured payment can be refunded (this one is %)', v_intent.status using errcode = 'BADST';
  end if;
  -- The refund that returns the last of the captured money is a full refund: it gives back the credits used too.
  select case when v_intent.credits_applied > 0 and request_refund.amount + coalesce(sum(r.amount), 0) = v_intent.captured_amount
              then v_intent.credits_applied else 0 end
    into v_credits
    from app_public.refunds r where r.payment_intent_id = v_intent.id and r.status not in ('failed', 'canceled');
  insert into app_public.refunds (id, payment_intent_id, delivery_id, customer_id, traveler_id, amount,
                                  platform_fee_refund, traveler_share_refund, credits_restored, currency, reason,
                                  idempotency_key, created_by)
  values (v_id, v_intent.id, v_intent.delivery_id, v_intent.customer_id, v_intent.traveler_id, request_refund.amount,
          request_refund.platform_fee_refund, request_refund.traveler_share_refund, v_credits, v_intent.currency,
          request_refund.reason, 'refund:' || v_id, request_refund.created_by)
  on conflict (payment_intent_id) where reason = 'delivery_cancelled' do nothing
  returning id into v_inserted;
  if v_inserted is null then
    select r.id into v_inserted from app_public.refunds r
     where r.payment_intent_id = v_intent.id and r.reason = 'delivery_cancelled';
  end if;
  perform graphile_worker.add_job('payments__refund', json_build_object('id', v_inserted),
    job_key := 'payments__refund:' || v_inserted, max_attempts := 25);
  return v_inserted;
end;
$$;
comment on function app_private.request_refund(uuid, bigint, bigint, bigint, app_public.refund_reason, uuid) is
  'Decides a refund of a captured payment (once per payment for a cancellation) and enqueues payments__refund.';

-- Σ refunds (not failed or cancelled) ≤ captured, per payment, checked under the payment's lock so that two
-- concurrent refunds cannot both pass.
create or replace function app_private.tg_refunds__within_captured()
returns trigger
language plpgsql volatile
set search_path = pg_catalog, public, pg_temp
as $$
declare
  v_captured bigint;
  v_total bigint;
begin
  select p.captured_amount into v_captured from app_public.payment_intents p where p.id = NEW.payment_intent_id for update;
  select coalesce(sum(r.amount), 0) into v_total from app_public.refunds r
   where r.payment_intent_id = NEW.payment_intent_id and r.id <> NEW.id and r.status not in ('failed', 'canceled');
  if NEW.status not in ('failed', 'canceled') and v_total + NEW.amount > v_captured then
    raise exception 'amount: the refunds of a payment may not exceed what was captured (% of % already refunded or pending)',
      v_total, v_captured using errcode = 'INVAL';
  end if;
  return NEW;
end;
$$;
comment on function app_private.tg_refunds__within_captured() is 'Refuses a refund that would take a payment''s refunds above what was captured.';

create or replace trigger _200_within_captured before insert or update of amount, status on app_public.refunds
  for each row execute function app_private.tg_refunds__within_captured();

-- payments__refund, step 1: what to ask Stripe. action 'refund' (with the reversal to make first, if the traveler's
-- share was transferred), 'done' (already recorded) or 'skip'.
create or replace function app_private.refund_to_make(refund_id uuid)
returns jsonb
language sql stable
set search_path = pg_catalog, public, pg_temp
as $$
  select coalesce((
    select jsonb_build_object(
             'action', case when r.status = 'succeeded' then 'done'
                            when r.status = 'pending' and pi.stripe_id is not null then 'refund'
                            else 'skip' end,
             'reason', format('refund %s', r.status),
             'payment_intent', pi.stripe_id,
             'amount', r.amount,
             'delivery_id', r.delivery_id,
             'idempotency_key', r.idempotency_key,
             'reversal', case when tr.stripe_id is not null and least(r.traveler_share_refund, e.released_amount) > 0 then
               jsonb_build_object('transfer', tr.stripe_id,
                                  'amount', least(r.traveler_share_refund, e.released_amount),
                                  'idempotency_key', 'reversal:' || r.id) end)
      from app_public.refunds r
      left join app_private.stripe_refs pi on pi.payment_intent_id = r.payment_intent_id and pi.kind = 'payment_intent'
      left join app_public.escrow_accounts e on e.payment_intent_id = r.payment_intent_id
      left join app_private.stripe_refs tr on tr.escrow_id = e.id and tr.kind = 'transfer'
     where r.id = refund_to_make.refund_id),
    jsonb_build_object('action', 'skip', 'reason', 'no such refund'));
$$;
comment on function app_private.refund_to_make(uuid) is 'payments__refund: the Stripe refund to make for a pending refund, and the transfer reversal before it.';

-- payments__refund, step 3: records the refund Stripe made (and the reversal), once: the refund succeeded; the
-- payment's refunded_amount; the escrow's refunded share (a reversed share leaves released_amount), refunded or
-- partially_refunded; the ledger: reversal:<refund> Dr traveler payable / Cr escrow liability (or, for a reversal
-- Stripe refused, receivable:<refund> Dr traveler receivable / Cr escrow liability), then refund:<refund>
-- Dr escrow liability (the share) / Dr platform fee revenue / Dr processing fee revenue / Cr cash (the amount).
create or replace function app_private.record_refund(refund_id uuid, refund jsonb, reversal jsonb)
returns boolean
language plpgsql volatile
set search_path = pg_catalog, public, pg_temp
as $$
declare
  v_refund app_public.refunds;
  v_escrow app_public.escrow_accounts;
  v_reversed bigint := coalesce((record_refund.reversal ->> 'amount')::bigint, 0);
  -- A reversal Stripe refused (the connected balance was short): {"shortfall": amount}, the traveler's receivable.
  v_shortfall bigint := coalesce((record_refund.reversal ->> 'shortfall')::bigint, 0);
begin
  select * into v_refund from app_public.refunds r where r.id = record_refund.refund_id for update;
  if v_refund.id is null or v_refund.status <> 'pending' then
    return false;
  end if;
  if record_refund.refund ->> 'status' = 'failed' then
    update app_public.refunds r set status = 'failed' where r.id = v_refund.id;
    return false;
  end if;
  update app_public.refunds r set status = 'succeeded', reversal_amount = v_reversed, receivable_amount = v_shortfall
   where r.id = v_refund.id;
  insert into app_private.stripe_refs (stripe_id, kind, refund_id)
  values (record_refund.refund ->> 'id', 'refund', v_refund.id) on conflict do nothing;
  if v_reversed > 0 then
    insert into app_private.stripe_refs (stripe_id, kind, refund_id)
    values (record_refund.reversal ->> 'id', 'transfer_reversal', v_refund.id) on conflict do nothing;
  end if;
  update app_public.payment_intents p set refunded_amount = p.refunded_amount + v_refund.amount
   where p.id = v_refund.payment_intent_id;
  update app_public.escrow_accounts e
     set released_amount = e.released_amount - v_reversed - v_shortfall,
         refunded_amount = e.refunded_amount + v_refund.traveler_share_refund,
         status = case when e.refunded_amount + v_refund.traveler_share_refund >= e.amount then 'refunded'
                       when v_refund.traveler_share_refund > 0 then 'partially_refunded'
                       else e.status end
   where e.payment_intent_id = v_refund.payment_intent_id
  returning * into v_escrow;
  if v_reversed > 0 then
    perform app_private.post_ledger_transaction('reversal', 'reversal:' || v_refund.id, v_refund.delivery_id,
      v_refund.currency,
      jsonb_build_array(
        jsonb_build_object('code', 'traveler_payable', 'user_id', v_refund.traveler_id, 'amount', v_reversed),
        jsonb_build_object('code', 'escrow_liability', 'amount', -v_reversed)),
      format('Transfer reversal for refund %s of delivery %s', v_refund.id, v_refund.delivery_id));
  end if;
  -- Not taken back: the traveler owes it (Dr traveler receivable / Cr escrow liability), and finance is told.
  if v_shortfall > 0 then
    perform app_private.post_ledger_transaction('reversal', 'receivable:' || v_refund.id, v_refund.delivery_id,
      v_refund.currency,
      jsonb_build_array(
        jsonb_build_object('code', 'traveler_receivable', 'user_id', v_refund.traveler_id, 'amount', v_shortfall),
        jsonb_build_object('code', 'escrow_liability', 'amount', -v_shortfall)),
      format('Receivable from the traveler for refund %s of delivery %s (the reversal was refused)', v_refund.id,
             v_refund.delivery_id));
    perform app_private.alert_admins('finance.read', 'traveler_owes_refund_alert',
      jsonb_build_object('refund_id', v_refund.id,
                         'delivery_number', (select d.delivery_number from app_public.deliveries d
                                              where d.id = v_refund.delivery_id),
                         'amount', app_hidden.notification_amount(v_shortfall), 'currency', v_refund.currency,
                         'traveler_id', v_refund.traveler_id));
  end if;
  -- The parts refunded add up to the money returned plus the credits given back (a full refund of a payment that
  -- used credits); the credits' part goes back to the promotional liability (credit-restore) with new credits.
  perform app_private.post_ledger_transaction('refund', 'refund:' || v_refund.id, v_refund.delivery_id,
    v_refund.currency,
    jsonb_build_array(
      jsonb_build_object('code', 'escrow_liability', 'amount', v_refund.traveler_share_refund),
      jsonb_build_object('code', 'platform_fee_revenue', 'amount', v_refund.platform_fee_refund),
      jsonb_build_object('code', 'processing_fee_revenue',
                         'amount', v_refund.amount + v_refund.credits_restored - v_refund.platform_fee_refund
                                   - v_refund.traveler_share_refund),
      jsonb_build_object('code', 'platform_cash', 'amount', -(v_refund.amount + v_refund.credits_restored))),
    format('Refund %s of delivery %s (%s)', v_refund.id, v_refund.delivery_id, v_refund.reason));
  if v_refund.credits_restored > 0 then
    perform app_private.restore_credits(v_refund.payment_intent_id);
    perform app_private.post_ledger_transaction('credit', 'credit-restore:' || v_refund.id, v_refund.delivery_id,
      v_refund.currency,
      jsonb_build_array(jsonb_build_object('code', 'platform_cash', 'amount', v_refund.credits_restored),
                        jsonb_build_object('code', 'promo_liability', 'amount', -v_refund.credits_restored)),
      format('Credits given back by refund %s of delivery %s', v_refund.id, v_refund.delivery_id));
  end if;
  return true;
end;
$$;
comment on function app_private.record_refund(uuid, jsonb, jsonb) is
  'Records a refund Stripe made (and its transfer reversal), once: refund, payment, escrow and ledger.';

-- An admin's split of a refund (admin_refund, and a dispute's resolution): customer_refund back to the customer,
-- traveler_compensation kept by the traveler of their share not yet refunded (pending refunds count), the platform
-- fee refunded pro rata of the share refunded unless platform_fee_refund says how much, the processing fee making up
-- the rest within what remains of it. Checks the amounts (INVAL), requests the refund (request_refund) and records
-- the compensation on it. The caller holds the payment's lock and has checked the admin.
create or replace function app_private.decide_refund(
  payment_intent_id uuid,
  customer_refund bigint,
  traveler_compensation bigint,
  platform_fee_refund bigint,
  reason app_public.refund_reason,
  decided_by uuid
)
returns app_public.refunds
language plpgsql volatile
set search_path = pg_catalog, public, pg_temp
as $$
declare
  v_intent app_public.payment_intents;
  v_escrow app_public.escrow_accounts;
  v_share_left bigint;
  v_share_refund bigint;
  v_fee_left bigint;
  v_fee_refund bigint;
  v_processing_left bigint;
  v_refund app_public.refunds;
begin
  select * into v_intent from app_public.payment_intents p where p.id = decide_refund.payment_intent_id for update;
  if v_intent.status is distinct from 'succeeded' then
    raise exception 'Only a captured payment can be refunded (this one is %)', coalesce(v_intent.status::text, 'missing')
      using errcode = 'BADST';
  end if;
  select * into v_escrow from app_public.escrow_accounts e where e.payment_intent_id = v_intent.id;
  -- The share left: neither refunded (pending refunds count) nor taken back otherwise (a lost chargeback's clawback).
  select v_escrow.amount - v_escrow.refunded_amount
           - coalesce(sum(r.traveler_share_refund) filter (where r.status = 'pending'), 0),
         v_intent.platform_fee - coalesce(sum(r.platform_fee_refund), 0),
         v_intent.processing_fee - coalesce(sum(r.amount - r.platform_fee_refund - r.traveler_share_refund), 0)
    into v_share_left, v_fee_left, v_processing_left
    from app_public.refunds r where r.payment_intent_id = v_intent.id and r.status not in ('failed', 'canceled');
  if decide_refund.traveler_compensation is null or decide_refund.traveler_compensation < 0
     or decide_refund.traveler_compensation > v_share_left then
    raise exception 'traveler_compensation must be between 0 and the traveler''s share left (%)', v_share_left
      using errcode = 'INVAL';
  end if;
  v_share_refund := v_share_left - decide_refund.traveler_compensation;
  v_fee_refund := coalesce(decide_refund.platform_fee_refund,
                           least(v_fee_left, round(v_intent.platform_fee * v_share_refund::numeric / v_intent.traveler_amount)::bigint));
  if v_fee_refund < 0 or v_fee_refund > v_fee_left then
    raise exception 'platform_fee_refund must be between 0 and the platform fee left (%)', v_fee_left using errcode = 'INVAL';
  end if;
  if decide_refund.customer_refund is null or decide_refund.customer_refund <= 0
     or decide_refund.customer_refund < v_share_refund + v_fee_refund
     or decide_refund.customer_refund > v_share_refund + v_fee_refund + v_processing_left then
    raise exception 'customer_refund must be between % (the share refunded and the platform fee refunded) and % (with the processing fee left)',
      greatest(1, v_share_refund + v_fee_refund), v_share_refund + v_fee_refund + v_processing_left using errcode = 'INVAL';
  end if;
  v_refund.id := app_private.request_refund(v_intent.id, decide_refund.customer_refund, v_fee_refund, v_share_refund,
                                            decide_refund.reason, decide_refund.decided_by);
  update app_public.refunds r set traveler_compensation = decide_refund.traveler_compensation
   where r.id = v_refund.id returning * into v_refund;
  return v_refund;
end;
$$;
comment on function app_private.decide_refund(uuid, bigint, bigint, bigint, app_public.refund_reason, uuid) is
  'An admin''s refund split (admin_refund, resolve_dispute): checks the amounts against what is left, requests the refund and records the traveler''s compensation.';
