-- Chargebacks (docs/disputes.md, Chargebacks): Stripe's charge.dispute.* events, applied by stripe__process_event
-- (app_private.process_stripe_event) once per event.
--   created: a dispute with source chargeback (complainant the customer, respondent the traveler, high priority), or
--     the delivery's open dispute when there is one, gets the Stripe dispute id (app_private.stripe_refs) and the
--     delivery's custody evidence bundle as evidence, for finance to submit; the open dispute freezes the escrow.
--     Stripe takes the disputed amount from the platform's balance: ledger chargeback:<du> Dr chargeback_funds /
--     Cr platform_cash. Finance and the dispute admins are told.
--   closed, won: the funds come back (chargeback_won:<du> Dr platform_cash / Cr chargeback_funds) and a chargeback
--     dispute resolves itself (no action): the traveler keeps their share, released as usual (dispute_resolved).
--   closed, lost: the funds are gone (chargeback_lost:<du> Dr dispute_losses / Cr chargeback_funds); the dispute
--     waits under review, urgent, for an admin to decide who bears the loss (resolveDispute: what the traveler keeps
--     of their share; the rest is clawed back to dispute losses).
--   updated: nothing changes (the evidence deadline and status live at Stripe).
-- Events of a Stripe dispute not known yet (closed before created arrived) open it first, so order does not matter.
create or replace function app_private.apply_stripe_dispute(object jsonb, event_type text)
returns text
language plpgsql volatile
set search_path = pg_catalog, public, pg_temp
as $$
declare
  v_stripe_id text := apply_stripe_dispute.object ->> 'id';
  v_amount bigint := (apply_stripe_dispute.object ->> 'amount')::bigint;
  v_currency text := upper(apply_stripe_dispute.object ->> 'currency');
  v_intent app_public.payment_intents;
  v_delivery app_public.deliveries;
  v_dispute app_public.disputes;
  v_bundle jsonb;
  v_outcome text := 'applied';
begin
  select s.* into v_dispute from app_private.stripe_refs r join app_public.disputes s on s.id = r.dispute_id
   where r.stripe_id = v_stripe_id and r.kind = 'dispute';
  if v_dispute.id is null then
    select p.* into v_intent from app_private.stripe_refs r join app_public.payment_intents p on p.id = r.payment_intent_id
     where r.stripe_id = apply_stripe_dispute.object ->> 'charge' and r.kind = 'charge';
    if v_intent.id is null then
      perform app_private.alert_admins('finance.read', 'chargeback_unknown_charge_alert',
        jsonb_build_object('stripe_dispute_id', v_stripe_id, 'charge_id', apply_stripe_dispute.object ->> 'charge'));
      return 'unknown charge';
    end if;
    select * into v_delivery from app_public.deliveries d where d.id = v_intent.delivery_id for update;
    select * into v_dispute from app_public.disputes s
     where s.delivery_id = v_delivery.id and app_hidden.dispute_status_open(s.status) for update;
    if v_dispute.id is null then
      insert into app_public.disputes (source, delivery_id, payment_intent_id, category, description, priority,
                                       complainant_id, respondent_id, amount, currency, response_due_at, due_date)
      values ('chargeback', v_delivery.id, v_intent.id,
              case apply_stripe_dispute.object ->> 'reason'
                when 'fraudulent' then 'unauthorized_charge'
                when 'product_not_received' then 'item_not_delivered'
                when 'product_unacceptable' then 'service_not_as_described'
                when 'duplicate' then 'payment_issue'
                else 'other' end::app_public.dispute_category,
              format('Chargeback from the customer''s bank (reason: %s).',
                     coalesce(apply_stripe_dispute.object ->> 'reason', 'unknown')),
              'high', v_delivery.customer_id, v_delivery.traveler_id, v_amount, v_currency,
              now() + make_interval(hours => (app_hidden.config_value('disputes.first_response_hours'))::int),
              app_hidden.add_business_days(now(), (app_hidden.config_value('disputes.resolve_business_days'))::int))
      returning * into v_dispute;
    else
      update app_public.disputes s set priority = 'urgent' where s.id = v_dispute.id returning * into v_dispute;
    end if;
    insert into app_private.stripe_refs (stripe_id, kind, dispute_id) values (v_stripe_id, 'dispute', v_dispute.id);
    v_bundle := app_public.custody_evidence_bundle(v_delivery.id);
    insert into app_public.dispute_evidence (dispute_id, submitted_by, type, content, sha256, description)
    values (v_dispute.id, null, 'document', v_bundle, encode(sha256(convert_to(v_bundle::text, 'UTF8')), 'hex'),
            format('Custody evidence bundle of delivery %s for chargeback %s', v_delivery.delivery_number, v_stripe_id));
    perform app_private.post_ledger_transaction('chargeback', 'chargeback:' || v_stripe_id, v_delivery.id, v_currency,
      jsonb_build_array(jsonb_build_object('code', 'chargeback_funds', 'amount', v_amount),
                        jsonb_build_object('code', 'platform_cash', 'amount', -v_amount)),
      format('Funds withdrawn by chargeback %s (dispute %s)', v_stripe_id, v_dispute.case_number));
    perform app_private.alert_admins('finance.read', 'chargeback_received_alert',
      jsonb_build_object('case_number', v_dispute.case_number, 'delivery_number', v_delivery.delivery_number,
                         'amount', app_hidden.notification_amount(v_amount), 'currency', v_currency,
                         'reason', apply_stripe_dispute.object ->> 'reason',
                         'share_transferred', exists (select 1 from app_public.escrow_accounts e
                                                       where e.delivery_id = v_delivery.id and e.released_amount > 0)));
    perform app_private.alert_admins('disputes.read', 'chargeback_opened_alert',
      jsonb_build_object('case_number', v_dispute.case_number, 'delivery_number', v_delivery.delivery_number));
    v_outcome := 'dispute opened';
  end if;

  if apply_stripe_dispute.event_type = 'charge.dispute.closed' then
    if apply_stripe_dispute.object ->> 'status' = 'won' then
      perform app_private.post_ledger_transaction('chargeback', 'chargeback_won:' || v_stripe_id, v_dispute.delivery_id,
        v_currency,
        jsonb_build_array(jsonb_build_object('code', 'platform_cash', 'amount', v_amount),
                          jsonb_build_object('code', 'chargeback_funds', 'amount', -v_amount)),
        format('Funds reinstated: chargeback %s won (dispute %s)', v_stripe_id, v_dispute.case_number));
      if v_dispute.source = 'chargeback' and app_hidden.dispute_status_open(v_dispute.status) then
        update app_public.disputes s
           set status = 'resolved', resolution = 'no_action', customer_refund = 0, platform_loss = 0,
               traveler_compensation = (select e.amount - e.refunded_amount from app_public.escrow_accounts e
                                         where e.payment_intent_id = s.payment_intent_id),
               resolution_note = 'The bank decided the chargeback for the platform.', resolved_at = now()
         where s.id = v_dispute.id;
      end if;
      v_outcome := 'chargeback won';
    elsif apply_stripe_dispute.object ->> 'status' = 'lost' then
      perform app_private.post_ledger_transaction('chargeback', 'chargeback_lost:' || v_stripe_id, v_dispute.delivery_id,
        v_currency,
        jsonb_build_array(jsonb_build_object('code', 'dispute_losses', 'amount', v_amount),
                          jsonb_build_object('code', 'chargeback_funds', 'amount', -v_amount)),
        format('Funds lost: chargeback %s lost (dispute %s)', v_stripe_id, v_dispute.case_number));
      update app_public.disputes s
         set status = case when s.status = 'open' then 'under_review' else s.status end, priority = 'urgent',
             platform_loss = s.amount
       where s.id = v_dispute.id and app_hidden.dispute_status_open(s.status);
      perform app_private.alert_admins('disputes.read', 'chargeback_lost_alert',
        jsonb_build_object('case_number', v_dispute.case_number));
      v_outcome := 'chargeback lost';
    else
      v_outcome := 'chargeback closed ' || coalesce(apply_stripe_dispute.object ->> 'status', '');
    end if;
  end if;
  return v_outcome;
end;
$$;
comment on function app_private.apply_stripe_dispute(jsonb, text) is
  'stripe__process_event: applies charge.dispute.created|updated|closed: opens the chargeback dispute with the custody evidence bundle, books the funds withdrawn, reinstated (won: resolved) or lost (waits for an admin).';
