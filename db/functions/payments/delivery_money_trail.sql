-- "Where is my money" (docs/payments.md, Money trail): the steps of a delivery's money in time order, from the
-- payment (created, credits, authorised, voided, captured) through the escrow (held until, released to the
-- traveler) to the refunds (requested, refunded or failed, with the traveler's transfer reversed first). Security
-- invoker: the policies of payment_intents, escrow_accounts and refunds decide (the delivery's two parties and
-- finance.read), so it shows exactly what those tables show the caller, and nothing (an empty list) to anyone else.
create or replace function app_public.delivery_money_trail(delivery_id uuid)
returns setof app_public.money_trail_entry
language sql stable
set search_path = pg_catalog, public, pg_temp
as $$
  with p as (
    select * from app_public.payment_intents p where p.delivery_id = delivery_money_trail.delivery_id
  ), e as (
    select * from app_public.escrow_accounts e where e.delivery_id = delivery_money_trail.delivery_id
  ), r as (
    select * from app_public.refunds r where r.delivery_id = delivery_money_trail.delivery_id
  ), steps as (
    select p.created_at as occurred_at, 'payment_created'::app_public.money_step as step, p.amount, p.currency,
           'customer' as beneficiary, null::timestamptz as until, null::uuid as refund_id, 1 as rank
      from p
    union all
    select p.created_at, 'credits_applied', p.credits_applied, p.currency, 'customer', null, null, 2
      from p where p.credits_applied > 0
    union all
    select p.authorized_at, 'authorized', p.amount, p.currency, 'customer', p.capture_before, null, 3
      from p where p.authorized_at is not null
    union all
    select p.canceled_at, 'voided', p.amount, p.currency, 'customer', null, null, 4
      from p where p.canceled_at is not null and p.captured_at is null
    union all
    select p.captured_at, 'captured', p.captured_amount, p.currency, 'platform', null, null, 5
      from p where p.captured_at is not null
    union all
    select e.held_at, 'held', e.amount, e.currency, 'platform', e.hold_until, null, 6
      from e where e.held_at is not null
    union all
    select e.released_at, 'released', e.released_amount, e.currency, 'traveler', null, null, 7
      from e where e.released_at is not null
    union all
    select r.created_at, 'refund_requested', r.amount, r.currency, 'customer', null, r.id, 8
      from r
    union all
    select r.updated_at, 'transfer_reversed', r.reversal_amount, r.currency, 'platform', null, r.id, 9
      from r where r.status = 'succeeded' and r.reversal_amount > 0
    union all
    select r.updated_at, case when r.status = 'succeeded' then 'refunded' else 'refund_failed' end::app_public.money_step,
           r.amount, r.currency, 'customer', null, r.id, 10
      from r where r.status in ('succeeded', 'failed', 'canceled')
  )
  select s.occurred_at, s.step, s.amount, s.currency, s.beneficiary, s.until, s.refund_id
    from steps s
   -- Stripe's times (an event's created) have whole seconds: within a second, the steps' own order.
   order by date_trunc('second', s.occurred_at), s.rank, s.occurred_at, s.refund_id;
$$;
comment on function app_public.delivery_money_trail(uuid) is E'@behavior -connection +list\n@listSuffix omit\nWhere the money of a delivery is: each step (payment created, credits, authorised, voided, captured, held until, released to the traveler, refund requested, transfer reversed, refunded or failed) with its amount, in time order. For the delivery''s parties and finance (finance.read); an empty list for anyone else. Errors: DNIED (visitors).';
grant execute on function app_public.delivery_money_trail(uuid) to app_user;
