-- migrate:up
set local lock_timeout = '5s';
set local statement_timeout = '60s';

-- Collecting the instant payout fee (docs/payments.md, Payouts): after the payout of net, an account debit (a Transfer
-- made on the connected account to the platform's) moves the fee to the platform, once per payout. Its Stripe id is
-- kept with the others (kind account_debit), the payout records when it was collected, and the ledger posts it to a
-- revenue account of its own.
alter table app_public.payouts add column fee_collected_at timestamptz;
comment on column app_public.payouts.fee_collected_at is 'When the fee of an instant payout reached the platform (null: not yet, or no fee).';
-- Stripe keeps the answer of a key, a refusal included: a retry after a refusal needs a new key (no money moved).
alter table app_public.payouts add column fee_debit_refusals integer not null default 0
  constraint payouts_fee_debit_refusals_range check (fee_debit_refusals >= 0);
comment on column app_public.payouts.fee_debit_refusals is 'How often Stripe refused to collect the fee of an instant payout (each retry after one uses a new key).';
comment on constraint payouts_fee_debit_refusals_range on app_public.payouts is 'fee_debit_refusals must not be negative';

-- The table (small, written by the worker only) is locked by this transaction already: checked at once.
alter table app_private.stripe_refs drop constraint stripe_refs_kind_known;
-- squawk-ignore constraint-missing-not-valid
alter table app_private.stripe_refs add constraint stripe_refs_kind_known
  check (kind in ('payment_intent', 'charge', 'transfer', 'refund', 'transfer_reversal', 'payout', 'account', 'dispute',
                  'account_debit'));
comment on constraint stripe_refs_kind_known on app_private.stripe_refs is 'kind must be a known kind of Stripe object';

alter table app_private.ledger_accounts drop constraint ledger_accounts_code_known;
-- squawk-ignore constraint-missing-not-valid
alter table app_private.ledger_accounts add constraint ledger_accounts_code_known
  check (code in ('platform_cash', 'escrow_liability', 'platform_fee_revenue', 'processing_fee_revenue',
                  'stripe_fee_expense', 'traveler_payable', 'traveler_receivable', 'promo_liability',
                  'promo_expense', 'dispute_losses', 'chargeback_funds', 'instant_payout_fee_revenue'));
comment on constraint ledger_accounts_code_known on app_private.ledger_accounts is 'code must be a known ledger account';

-- migrate:down
set local lock_timeout = '5s';
alter table app_private.ledger_accounts drop constraint ledger_accounts_code_known;
alter table app_private.ledger_accounts add constraint ledger_accounts_code_known
  check (code in ('platform_cash', 'escrow_liability', 'platform_fee_revenue', 'processing_fee_revenue',
                  'stripe_fee_expense', 'traveler_payable', 'traveler_receivable', 'promo_liability',
                  'promo_expense', 'dispute_losses', 'chargeback_funds'));
comment on constraint ledger_accounts_code_known on app_private.ledger_accounts is 'code must be a known ledger account';
alter table app_private.stripe_refs drop constraint stripe_refs_kind_known;
alter table app_private.stripe_refs add constraint stripe_refs_kind_known
  check (kind in ('payment_intent', 'charge', 'transfer', 'refund', 'transfer_reversal', 'payout', 'account', 'dispute'));
comment on constraint stripe_refs_kind_known on app_private.stripe_refs is 'kind must be a known kind of Stripe object';
alter table app_public.payouts drop column fee_debit_refusals cascade, drop column fee_collected_at cascade;
