-- migrate:up
set local lock_timeout = '5s';
set local statement_timeout = '60s';

-- A refund after the transfer whose reversal Stripe refuses (the traveler's connected balance is short: the money was
-- paid out already) still refunds the customer; what could not be taken back becomes the traveler's receivable
-- (docs/payments.md, Cancellation and refunds).
alter table app_public.refunds
  add column receivable_amount bigint not null default 0
    constraint refunds_receivable_amount_range check (receivable_amount >= 0);
comment on column app_public.refunds.receivable_amount is 'Part of the traveler''s share refunded that could not be taken back from their transfer (their connected balance was short): owed by the traveler, minor units.';
comment on constraint refunds_receivable_amount_range on app_public.refunds is 'receivable_amount must be 0 or more';
alter table app_public.refunds
  -- squawk-ignore constraint-missing-not-valid
  add constraint refunds_taken_back_bounded check (reversal_amount + receivable_amount <= traveler_share_refund);
comment on constraint refunds_taken_back_bounded on app_public.refunds is 'reversal_amount + receivable_amount must be at most traveler_share_refund';

-- migrate:down
set local lock_timeout = '5s';
alter table app_public.refunds drop constraint refunds_taken_back_bounded;
alter table app_public.refunds drop column receivable_amount;
