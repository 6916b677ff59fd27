-- migrate:up
set local lock_timeout = '5s';
set local statement_timeout = '60s';

-- Refunds and cancellations of payments (docs/payments.md, Cancellation and refunds). A refund now says how it splits
-- what the customer gets back: the platform's fee (platform_fee_refund), the traveler's share (traveler_share_refund,
-- taken back from the escrow, or from the traveler's transfer by a reversal of reversal_amount once released) and
-- the processing fee (the rest). Its Stripe idempotency key is refund:<its id>. A payment has at most one refund for a
-- cancellation. The authorisation deadline's job finds deliveries awaiting pickup by their acceptance time.

-- squawk-ignore adding-field-with-default
alter table app_public.refunds
  add column traveler_share_refund bigint not null default 0,
  add column reversal_amount bigint not null default 0;
comment on column app_public.refunds.traveler_share_refund is 'Part of the amount taken back from the traveler''s share (the escrow), minor units.';
comment on column app_public.refunds.reversal_amount is 'Part of the traveler''s share taken back from their transfer (a transfer reversal), minor units.';

-- The table has no rows outside tests yet (refunds were not built): the checks are validated at once.
alter table app_public.refunds
  drop constraint refunds_split_bounded,
  -- squawk-ignore constraint-missing-not-valid
  add constraint refunds_split_bounded check (platform_fee_refund + traveler_share_refund <= amount),
  -- squawk-ignore constraint-missing-not-valid
  add constraint refunds_traveler_share_refund_range check (traveler_share_refund >= 0),
  -- squawk-ignore constraint-missing-not-valid
  add constraint refunds_reversal_amount_range check (reversal_amount >= 0 and reversal_amount <= traveler_share_refund),
  -- squawk-ignore constraint-missing-not-valid
  add constraint refunds_idempotency_key_format check (idempotency_key = 'refund:' || id::text);
comment on constraint refunds_split_bounded on app_public.refunds is 'platform_fee_refund + traveler_share_refund must be at most amount';
comment on constraint refunds_traveler_share_refund_range on app_public.refunds is 'traveler_share_refund must be 0 or more';
comment on constraint refunds_reversal_amount_range on app_public.refunds is 'reversal_amount must be between 0 and traveler_share_refund';
comment on constraint refunds_idempotency_key_format on app_public.refunds is 'idempotency_key must be refund: and the refund''s id';

-- squawk-ignore require-concurrent-index-creation
create unique index refunds_cancellation_key on app_public.refunds (payment_intent_id) where reason = 'delivery_cancelled';
comment on index app_public.refunds_cancellation_key is 'payment_intent_id already has its cancellation refund';

-- The authorisation deadline's scan (app_private.cancel_unpaid_deliveries): deliveries awaiting pickup, oldest first.
-- squawk-ignore require-concurrent-index-creation
create index deliveries_awaiting_pickup_idx on app_public.deliveries (accepted_at)
  where status in ('accepted', 'pickup_scheduled');

-- migrate:down
drop index app_public.deliveries_awaiting_pickup_idx;
drop index app_public.refunds_cancellation_key;
alter table app_public.refunds
  drop constraint refunds_idempotency_key_format,
  drop constraint refunds_reversal_amount_range,
  drop constraint refunds_traveler_share_refund_range,
  drop constraint refunds_split_bounded,
  drop column reversal_amount,
  drop column traveler_share_refund;
alter table app_public.refunds add constraint refunds_split_bounded check (platform_fee_refund <= amount);
comment on constraint refunds_split_bounded on app_public.refunds is 'platform_fee_refund must be at most amount';
