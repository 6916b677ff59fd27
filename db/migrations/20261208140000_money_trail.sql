-- migrate:up
set local lock_timeout = '5s';
set local statement_timeout = '60s';

-- "Where is my money" (docs/payments.md, Money trail): deliveryMoneyTrail lists what happened to a delivery's money,
-- step by step, from the payment to the release or the refunds.
create type app_public.money_step as enum ('payment_created', 'credits_applied', 'authorized', 'voided', 'captured',
  'held', 'released', 'refund_requested', 'refunded', 'refund_failed', 'transfer_reversed');
comment on type app_public.money_step is 'A step of a delivery''s money (deliveryMoneyTrail).';

create type app_public.money_trail_entry as (
  occurred_at timestamptz,
  step app_public.money_step,
  amount bigint,
  currency text,
  beneficiary text,
  until timestamptz,
  refund_id uuid
);
comment on type app_public.money_trail_entry is 'One step of a delivery''s money (deliveryMoneyTrail).';
comment on column app_public.money_trail_entry.occurred_at is 'When it happened.';
comment on column app_public.money_trail_entry.step is 'What happened.';
comment on column app_public.money_trail_entry.amount is 'The money concerned, minor units.';
comment on column app_public.money_trail_entry.currency is 'Currency of the amount.';
comment on column app_public.money_trail_entry.beneficiary is 'Whose money it now is: customer (authorised on or back to the card), platform (held in payment protection) or traveler.';
comment on column app_public.money_trail_entry.until is 'For held: until when at least (the end of the hold; release follows). Null otherwise.';
comment on column app_public.money_trail_entry.refund_id is 'The refund, for the refund steps and a transfer reversal.';

-- migrate:down
set local lock_timeout = '5s';
drop type app_public.money_trail_entry cascade;
drop type app_public.money_step cascade;
