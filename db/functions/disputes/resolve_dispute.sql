-- Resolving a dispute (docs/disputes.md, Resolution): an admin with disputes.write, plus finance.write when money
-- moves (a captured payment with something left to settle), in a two-factor session. In one transaction, under the
-- dispute's lock (a second admin waits, then finds it resolved: BADST) and guarded by the unique settlement row of
-- its round (app_private.dispute_settlements), so the money is settled exactly once:
--   - a platform dispute: customer_refund > 0 requests one refund through the payments domain's split
--     (app_private.decide_refund, reason dispute_resolution; the transfer reversed first when the share was already
--     released); traveler_compensation is what the traveler keeps of their share left, released by payments__release
--     (condition dispute_resolved) once no refund is pending. Nothing refunded: the traveler keeps the whole share.
--   - a chargeback the bank decided against the platform: the customer already has their money back, so nothing is
--     refunded; what the traveler does not keep of the share is clawed back from the escrow to dispute losses (the
--     ledger), the rest of the loss is the platform's (platform_loss).
-- The delivery's outcome: a disputed delivery ends delivered (the admin found it was) or cancelled
-- (app_hidden.cancel_delivery_as: capacity, offer and request follow; payments__cancel leaves a payment a dispute
-- settled alone). Both parties are told; the resolution is audited (high) in the admin activity log.
create or replace function app_public.resolve_dispute(
  dispute_id uuid,
  resolution app_public.dispute_resolution,
  outcome app_public.delivery_status default null,
  customer_refund bigint default 0,
  platform_fee_refund bigint default null,
  traveler_compensation bigint default null,
  note text default null
)
returns app_public.disputes
language plpgsql volatile security definer
set search_path = pg_catalog, public, pg_temp
as $$
declare
  v_admin uuid := app_private.require_admin('disputes.write', 'resolve disputes');
  v_dispute app_public.disputes;
  v_delivery app_public.deliveries;
  v_intent app_public.payment_intents;
  v_escrow app_public.escrow_accounts;
  v_outcome app_public.delivery_status;
  v_share_left bigint := 0;
  v_customer_refund bigint := coalesce(resolve_dispute.customer_refund, 0);
  v_compensation bigint;
  v_clawback bigint := 0;
  v_refund app_public.refunds;
  v_moves_money boolean;
  v_chargeback_lost boolean;
begin
  select * into v_dispute from app_public.disputes s where s.id = resolve_dispute.dispute_id for update;
  if v_dispute.id is null then
    raise exception 'Dispute not found' using errcode = 'NTFND';
  end if;
  if not app_hidden.dispute_status_open(v_dispute.status) then
    raise exception 'Only an open dispute can be resolved (this one is %)', v_dispute.status using errcode = 'BADST';
  end if;
  if resolve_dispute.resolution is null then
    raise exception 'resolution is required' using errcode = 'INVAL';
  end if;
  if resolve_dispute.note is not null and length(trim(resolve_dispute.note)) not between 1 and 2000 then
    raise exception 'note must have 1 to 2000 characters' using errcode = 'INVAL';
  end if;
  select * into v_delivery from app_public.deliveries d where d.id = v_dispute.delivery_id for update;
  if v_delivery.status = 'disputed' then
    if resolve_dispute.outcome is null or resolve_dispute.outcome not in ('delivered', 'cancelled') then
      raise exception 'outcome must be delivered or cancelled' using errcode = 'INVAL';
    end if;
    v_outcome := resolve_dispute.outcome;
  elsif resolve_dispute.outcome is not null and resolve_dispute.outcome <> v_delivery.status then
    raise exception 'outcome: the delivery is already %', v_delivery.status using errcode = 'INVAL';
  end if;

  select * into v_intent from app_public.payment_intents p where p.delivery_id = v_delivery.id for update;
  select * into v_escrow from app_public.escrow_accounts e where e.payment_intent_id = v_intent.id for update;
  if v_intent.status = 'succeeded' then
    -- What the traveler's share still holds: neither refunded (pending refunds count) nor clawed back.
    v_share_left := v_escrow.amount - v_escrow.refunded_amount
      - coalesce((select sum(r.traveler_share_refund) from app_public.refunds r
                   where r.payment_intent_id = v_intent.id and r.status = 'pending'), 0);
  end if;
  v_compensation := coalesce(resolve_dispute.traveler_compensation,
                             case when v_customer_refund = 0 then v_share_left else 0 end);
  -- Money moves when something is refunded or taken from the traveler, or a share not yet transferred is released.
  v_moves_money := v_intent.status = 'succeeded'
    and (v_customer_refund > 0 or v_compensation <> v_share_left or v_share_left - v_escrow.released_amount > 0);
  if v_moves_money and not app_hidden.current_user_has_permission('finance.write') then
    raise exception 'Only admins with finance.write may settle a dispute''s money' using errcode = 'DNIED';
  end if;
  if v_intent.status is distinct from 'succeeded' and (v_customer_refund > 0 or v_compensation > 0) then
    raise exception 'customer_refund and traveler_compensation must be 0: this delivery''s payment holds nothing to settle'
      using errcode = 'INVAL';
  end if;

  if v_intent.status = 'succeeded' then
    if v_compensation < 0 or v_compensation > v_share_left then
      raise exception 'traveler_compensation must be between 0 and the traveler''s share left (%)', v_share_left
        using errcode = 'INVAL';
    end if;
    if v_dispute.source = 'chargeback' then
      select t.id is not null into v_chargeback_lost from app_private.stripe_refs sr
        left join app_private.ledger_transactions t on t.idempotency_key = 'chargeback_lost:' || sr.stripe_id
       where sr.dispute_id = v_dispute.id and sr.kind = 'dispute';
      if not coalesce(v_chargeback_lost, false) then
        raise exception 'A chargeback is resolved once the bank decided it (a won one resolves itself)' using errcode = 'BADST';
      end if;
      if v_customer_refund <> 0 then
        raise exception 'customer_refund must be 0: the bank already returned the charge to the customer' using errcode = 'INVAL';
      end if;
      v_clawback := v_share_left - v_compensation;
      if v_clawback > 0 and v_escrow.released_amount > 0 then
        raise exception 'The traveler''s share was already transferred: recovering it from them is not supported yet'
          using errcode = 'BADST';
      end if;
    elsif v_customer_refund > 0 then
      v_refund := app_private.decide_refund(v_intent.id, v_customer_refund, v_compensation,
                                            resolve_dispute.platform_fee_refund, 'dispute_resolution', v_admin);
    elsif v_compensation <> v_share_left then
      raise exception 'traveler_compensation must be the traveler''s share left (%) when nothing is refunded', v_share_left
        using errcode = 'INVAL';
    end if;
  end if;

  -- The guard of exactly once: one settlement per round, whatever happened to the status.
  insert into app_private.dispute_settlements (dispute_id, round, refund_id, customer_refund, traveler_compensation,
                                               clawback, decided_by)
  values (v_dispute.id, case when v_dispute.appealed_at is null then 1 else 2 end, v_refund.id, v_customer_refund,
          v_compensation, v_clawback, v_admin);
  if v_clawback > 0 then
    update app_public.escrow_accounts e
       set refunded_amount = e.refunded_amount + v_clawback,
           status = (case when e.refunded_amount + v_clawback >= e.amount then 'refunded' else 'partially_refunded' end)::app_public.escrow_status
     where e.id = v_escrow.id;
    perform app_private.post_ledger_transaction('chargeback', format('clawback:%s:%s', v_dispute.id,
        case when v_dispute.appealed_at is null then 1 else 2 end), v_delivery.id, v_escrow.currency,
      jsonb_build_array(jsonb_build_object('code', 'escrow_liability', 'amount', v_clawback),
                        jsonb_build_object('code', 'dispute_losses', 'amount', -v_clawback)),
      format('The traveler''s share of delivery %s bears %s of lost chargeback %s', v_delivery.id, v_clawback, v_dispute.case_number));
  end if;

  update app_public.disputes s
     set status = 'resolved', resolution = resolve_dispute.resolution,
         delivery_outcome = coalesce(v_outcome, s.delivery_outcome,
                                     case when v_delivery.status in ('delivered', 'cancelled') then v_delivery.status end),
         customer_refund = coalesce(s.customer_refund, 0) + v_customer_refund,
         platform_fee_refund = coalesce(s.platform_fee_refund, 0) + coalesce(v_refund.platform_fee_refund, 0),
         traveler_compensation = v_compensation,
         platform_loss = case when s.source = 'chargeback' then greatest(s.amount - v_clawback, 0) else s.platform_loss end,
         resolution_note = nullif(trim(resolve_dispute.note), ''),
         resolved_by = v_admin, resolved_at = now(), closed_at = null,
         first_response_at = coalesce(s.first_response_at, now())
   where s.id = v_dispute.id
  returning * into v_dispute;

  if v_outcome = 'delivered' then
    perform app_hidden.transition_delivery(v_delivery.id, 'delivered', 'admin', v_admin,
                                           'dispute ' || v_dispute.case_number || ' resolved');
  elsif v_outcome = 'cancelled' then
    perform app_hidden.cancel_delivery_as(v_delivery.id, 'admin', v_admin, 'admin_decision',
                                          'dispute ' || v_dispute.case_number || ' resolved');
  end if;
  -- Audited whether or not money moved (high: it decides the delivery's outcome and, maybe, money).
  perform app_hidden.log_admin_action('resolve_dispute', 'dispute', v_dispute.id::text, 'high', null,
    jsonb_build_object('delivery_id', v_delivery.id, 'case_number', v_dispute.case_number,
                       'amount', v_customer_refund, 'currency', coalesce(v_intent.currency, v_delivery.currency),
                       'resolution', resolve_dispute.resolution, 'outcome', v_outcome, 'refund_id', v_refund.id,
                       'platform_fee_refund', v_refund.platform_fee_refund, 'traveler_compensation', v_compensation,
                       'clawback', v_clawback),
    coalesce(v_dispute.resolution_note, resolve_dispute.resolution::text));
  perform app_hidden.notify(u.id, 'dispute_resolved',
    jsonb_build_object('delivery_number', v_delivery.delivery_number,
                       'resolution', replace(resolve_dispute.resolution::text, '_', ' ')), 'high', v_delivery.id)
    from unnest(array[v_dispute.complainant_id, v_dispute.respondent_id]) as u(id);
  return v_dispute;
end;
$$;
comment on function app_public.resolve_dispute(uuid, app_public.dispute_resolution, app_public.delivery_status, bigint, bigint, bigint, text) is
  E'@resultFieldName dispute\nResolves an open dispute and settles its money once: customerRefund back to the customer (the platform fee pro rata of the share refunded unless platformFeeRefund says how much), travelerCompensation kept by the traveler of their share left (default: all of it when nothing is refunded), the rest of the share refunded; a lost chargeback refunds nothing and claws back from the traveler''s share what they do not keep. outcome ends a disputed delivery: delivered or cancelled. Needs disputes.write, plus finance.write when money moves, in a two-factor session. Errors: LOGIN, DNIED, NTFND, BADST (not open; a chargeback the bank has not decided), INVAL (amounts, outcome), EXIST (already settled).';
grant execute on function app_public.resolve_dispute(uuid, app_public.dispute_resolution, app_public.delivery_status, bigint, bigint, bigint, text) to app_user;
