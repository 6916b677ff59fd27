-- Webhooks of money the worker moves itself (docs/payments.md, Webhooks): transfer.created, transfer.reversed and
-- charge.refunded. The tasks record what they do in the transaction after their Stripe call; these events confirm it,
-- record a transfer whose task died before recording it, and alert finance about money Stripe moved that the
-- platform did not (a refund or a reversal made in Stripe's dashboard). Each event is applied once (the inbox), and
-- applying one twice changes nothing (the escrow's status guard, the amounts compared).

-- transfer.created: a release transfer (metadata escrow_id) not recorded yet is recorded as payments__release would.
create or replace function app_private.apply_stripe_transfer_created(transfer jsonb)
returns text
language plpgsql volatile
set search_path = pg_catalog, public, pg_temp
as $$
declare
  v_escrow app_public.escrow_accounts;
  v_condition app_public.release_condition;
begin
  select e.* into v_escrow from app_public.escrow_accounts e
   where e.id::text = apply_stripe_transfer_created.transfer #>> '{metadata,escrow_id}';
  if v_escrow.id is null then
    return 'not a release transfer';
  end if;
  if v_escrow.status <> 'held' then
    return 'release already recorded';
  end if;
  select case when d.receipt_confirmed_at is not null and (v_escrow.hold_until is null or v_escrow.hold_until > now())
              then 'delivery_confirmed' else 'hold_expired' end::app_public.release_condition
    into v_condition from app_public.deliveries d where d.id = v_escrow.delivery_id;
  perform app_private.record_escrow_release(v_escrow.id, apply_stripe_transfer_created.transfer, v_condition);
  return 'release recorded';
end;
$$;
comment on function app_private.apply_stripe_transfer_created(jsonb) is 'transfer.created: records a release transfer the task made but did not record (once).';

-- transfer.reversed: the reversals of a release transfer are those of the delivery's refunds; more than they account
-- for (while no refund is still being made) was reversed outside the platform: finance is alerted.
create or replace function app_private.apply_stripe_transfer_reversed(transfer jsonb)
returns text
language plpgsql volatile
set search_path = pg_catalog, public, pg_temp
as $$
declare
  v_escrow app_public.escrow_accounts;
  v_recorded bigint;
begin
  select e.* into v_escrow from app_public.escrow_accounts e
   where e.id::text = apply_stripe_transfer_reversed.transfer #>> '{metadata,escrow_id}';
  if v_escrow.id is null then
    return 'not a release transfer';
  end if;
  select coalesce(sum(r.reversal_amount), 0) into v_recorded from app_public.refunds r
   where r.payment_intent_id = v_escrow.payment_intent_id and r.status = 'succeeded';
  if (transfer ->> 'amount_reversed')::bigint <= v_recorded then
    return 'reversals recorded';
  end if;
  if exists (select 1 from app_public.refunds r where r.payment_intent_id = v_escrow.payment_intent_id and r.status = 'pending') then
    return 'reversal being recorded';
  end if;
  perform app_private.alert_admins('finance.read', 'transfer_reversed_alert',
    jsonb_build_object('transfer_id', transfer ->> 'id',
                       'delivery_number', (select d.delivery_number from app_public.deliveries d
                                            where d.id = v_escrow.delivery_id),
                       'amount', app_hidden.notification_amount((transfer ->> 'amount_reversed')::bigint),
                       'unrecorded_amount', app_hidden.notification_amount((transfer ->> 'amount_reversed')::bigint - v_recorded),
                       'currency', v_escrow.currency));
  return 'unrecorded reversal: finance alerted';
end;
$$;
comment on function app_private.apply_stripe_transfer_reversed(jsonb) is 'transfer.reversed: checks the reversals against the refunds recorded; alerts finance about one made outside the platform.';

-- charge.refunded: the charge's refunds are the payment's recorded ones; more than they account for (while no refund
-- is still being made) was refunded outside the platform: finance is alerted.
create or replace function app_private.apply_stripe_charge_refunded(charge jsonb)
returns text
language plpgsql volatile
set search_path = pg_catalog, public, pg_temp
as $$
declare
  v_intent app_public.payment_intents;
  v_refunded bigint := (charge ->> 'amount_refunded')::bigint
                       - ((charge ->> 'amount')::bigint - coalesce((charge ->> 'amount_captured')::bigint, 0));
begin
  select p.* into v_intent from app_public.payment_intents p
    join app_private.stripe_refs r on r.payment_intent_id = p.id and r.kind = 'charge'
   where r.stripe_id = apply_stripe_charge_refunded.charge ->> 'id';
  if v_intent.id is null then
    return 'unknown charge';
  end if;
  if v_refunded <= v_intent.refunded_amount then
    return 'refunds recorded';
  end if;
  if exists (select 1 from app_public.refunds r where r.payment_intent_id = v_intent.id and r.status = 'pending') then
    return 'refund being recorded';
  end if;
  perform app_private.alert_admins('finance.read', 'refund_outside_platform_alert',
    jsonb_build_object('charge_id', charge ->> 'id',
                       'delivery_number', (select d.delivery_number from app_public.deliveries d
                                            where d.id = v_intent.delivery_id),
                       'amount', app_hidden.notification_amount(v_refunded),
                       'unrecorded_amount', app_hidden.notification_amount(v_refunded - v_intent.refunded_amount),
                       'currency', v_intent.currency));
  return 'unrecorded refund: finance alerted';
end;
$$;
comment on function app_private.apply_stripe_charge_refunded(jsonb) is 'charge.refunded: checks the charge''s refunds against the payment''s recorded ones; alerts finance about one made outside the platform.';
