-- The client secret of a delivery's PaymentIntent (docs/payments.md, Flow 2), for the customer's app to confirm the
-- payment with Stripe.js and their card: the only way it leaves app_private.stripe_refs. Only the customer, while
-- the delivery awaits pickup and the payment is neither captured nor cancelled; null while the PaymentIntent is
-- still being created (payments__create_intent runs right after acceptOffer: ask again in a moment).
create or replace function app_public.payment_client_secret(delivery_id uuid)
returns text
language plpgsql stable security definer
set search_path = pg_catalog, public, pg_temp
as $$
declare
  v_user_id uuid := app_hidden.require_user('unverified', 'pay for deliveries');
  v_delivery app_public.deliveries;
  v_intent app_public.payment_intents;
begin
  select * into v_delivery from app_public.deliveries d where d.id = payment_client_secret.delivery_id;
  if v_delivery.id is null or v_user_id not in (v_delivery.customer_id, v_delivery.traveler_id) then
    raise exception 'Delivery not found' using errcode = 'NTFND';
  end if;
  if v_user_id <> v_delivery.customer_id then
    raise exception 'Only the customer pays for a delivery' using errcode = 'DNIED';
  end if;
  select * into v_intent from app_public.payment_intents p where p.delivery_id = v_delivery.id;
  if v_delivery.status not in ('accepted', 'pickup_scheduled') or v_intent.status in ('succeeded', 'canceled') then
    raise exception 'This delivery''s payment is no longer open (delivery %, payment %)', v_delivery.status,
      coalesce(v_intent.status::text, 'none') using errcode = 'BADST';
  end if;
  return (select r.client_secret from app_private.stripe_refs r
           where r.payment_intent_id = v_intent.id and r.kind = 'payment_intent');
end;
$$;
comment on function app_public.payment_client_secret(uuid) is
  'The customer''s client secret of the delivery''s Stripe PaymentIntent, to confirm the payment with Stripe.js and a card. Null while the PaymentIntent is being created (ask again shortly). Errors: DNIED (a visitor: not granted; the traveler), LOGIN (the session ended), SUSPD, NTFND (not a party), BADST (the delivery no longer awaits pickup, or the payment was captured or cancelled).';
grant execute on function app_public.payment_client_secret(uuid) to app_user;
