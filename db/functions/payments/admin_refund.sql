-- An admin's refund (docs/payments.md, Admin money operations): the "damaged or partial" row of the cancellation
-- table, decided by an admin with finance.refund in a two-factor session. customer_refund goes back to the customer;
-- traveler_compensation is what the traveler keeps of the share not yet refunded (the remainder, released as usual,
-- or left with them when it was already transferred: the rest is reversed first); the platform's fee is refunded
-- pro rata of the share refunded unless platform_fee_refund says how much; the processing fee makes up the rest
-- (customer_refund − platform_fee_refund − the share refunded, within what remains of it). Σ refunds ≤ captured
-- (INVAL). The split is app_private.decide_refund's (refunds.sql, shared with dispute resolutions); the refund is
-- made by payments__refund (app_private.request_refund) and audited.
create or replace function app_public.admin_refund(
  delivery_id uuid,
  customer_refund bigint,
  traveler_compensation bigint,
  reason app_public.refund_reason,
  platform_fee_refund bigint default null,
  note text default null
)
returns app_public.refunds
language plpgsql volatile security definer
set search_path = pg_catalog, public, pg_temp
as $$
declare
  v_admin uuid := app_private.require_money_admin('finance.refund', 'refund customers');
  v_intent app_public.payment_intents;
  v_refund app_public.refunds;
begin
  select * into v_intent from app_public.payment_intents p where p.delivery_id = admin_refund.delivery_id for update;
  if v_intent.id is null then
    raise exception 'Delivery % has no payment', admin_refund.delivery_id using errcode = 'NTFND';
  end if;
  v_refund := app_private.decide_refund(v_intent.id, admin_refund.customer_refund, admin_refund.traveler_compensation,
                                        admin_refund.platform_fee_refund, admin_refund.reason, v_admin);
  perform app_private.audit_money_action(v_admin, 'refund', v_intent.delivery_id, admin_refund.customer_refund,
    v_intent.currency, coalesce(admin_refund.note, admin_refund.reason::text),
    jsonb_build_object('refund_id', v_refund.id, 'reason', admin_refund.reason,
                       'platform_fee_refund', v_refund.platform_fee_refund,
                       'traveler_share_refund', v_refund.traveler_share_refund,
                       'traveler_compensation', admin_refund.traveler_compensation));
  return v_refund;
end;
$$;
comment on function app_public.admin_refund(uuid, bigint, bigint, app_public.refund_reason, bigint, text) is E'@resultFieldName refund\nRefunds a delivery''s captured payment as an admin decides (damaged or partial deliveries): customerRefund back to the customer, travelerCompensation kept by the traveler of their share left (the rest of the share is refunded, reversed from their transfer if it was made), the platform fee refunded pro rata unless platformFeeRefund says how much, the processing fee making up the rest. Needs finance.refund and a two-factor session; audited. Errors: LOGIN, DNIED, NTFND (no payment), BADST (not captured), INVAL (amounts out of range, or more than captured).';
grant execute on function app_public.admin_refund(uuid, bigint, bigint, app_public.refund_reason, bigint, text) to app_user;
