-- migrate:up
set local lock_timeout = '5s';
set local statement_timeout = '60s';

-- Payments and escrow (docs/payments.md): Stripe Connect with separate charges and transfers. The customer's money
-- is authorised at acceptance (payment_intents), captured at pickup into the platform's balance (escrow_accounts
-- hold the traveler's share), and transferred to the traveler's connected account after the hold. Refunds and
-- payouts have their tables; their flows come later. Stripe's ids live only in app_private.stripe_refs; every
-- money movement is a balanced transaction of the double-entry ledger (app_private.ledger_*). Nobody writes these
-- tables directly: the worker records what Stripe did through app_private functions.

create type app_public.payment_status as enum ('requires_payment_method', 'requires_confirmation', 'requires_action',
  'processing', 'requires_capture', 'succeeded', 'canceled', 'failed');
comment on type app_public.payment_status is 'State of a payment (Stripe''s PaymentIntent statuses, plus failed after a declined attempt).';
create type app_public.escrow_status as enum ('pending', 'held', 'released', 'disputed', 'refunded',
  'partially_refunded', 'cancelled');
comment on type app_public.escrow_status is 'State of the traveler''s share: pending until captured, held, then released, refunded or cancelled.';
create type app_public.release_condition as enum ('delivery_confirmed', 'hold_expired', 'dispute_resolved', 'manual_release');
comment on type app_public.release_condition is 'Why an escrow was released to the traveler.';
create type app_public.payout_account_status as enum ('pending', 'active', 'restricted', 'inactive');
comment on type app_public.payout_account_status is 'State of a traveler''s payout (connected) account.';
create type app_public.payout_type as enum ('standard', 'instant');
comment on type app_public.payout_type is 'Speed of a payout.';
create type app_public.payout_status as enum ('pending', 'in_transit', 'paid', 'failed', 'canceled');
comment on type app_public.payout_status is 'State of a payout to a traveler''s bank.';
create type app_public.refund_reason as enum ('delivery_cancelled', 'item_damaged', 'service_not_provided',
  'customer_request', 'dispute_resolution', 'duplicate');
comment on type app_public.refund_reason is 'Why money went back to the customer.';
create type app_public.refund_status as enum ('pending', 'succeeded', 'failed', 'canceled');
comment on type app_public.refund_status is 'State of a refund.';

create table app_public.payment_intents (
  id uuid primary key default gen_random_uuid(),
  delivery_id uuid not null references app_public.deliveries (id) on delete restrict,
  customer_id uuid not null references app_public.users (id) on delete restrict,
  traveler_id uuid not null references app_public.users (id) on delete restrict,
  traveler_amount bigint not null constraint payment_intents_traveler_amount_positive check (traveler_amount > 0),
  platform_fee bigint not null constraint payment_intents_platform_fee_range check (platform_fee >= 0),
  processing_fee bigint not null constraint payment_intents_processing_fee_range check (processing_fee >= 0),
  credits_applied bigint not null default 0 constraint payment_intents_credits_applied_range check (credits_applied >= 0),
  amount bigint not null constraint payment_intents_amount_positive check (amount > 0),
  currency text not null constraint payment_intents_currency_format check (currency ~ '^[A-Z]{3}$'),
  status app_public.payment_status not null default 'requires_payment_method',
  captured_amount bigint not null default 0,
  refunded_amount bigint not null default 0,
  capture_before timestamptz,
  idempotency_key text not null constraint payment_intents_idempotency_key_format
    check (idempotency_key ~ '^pi-create:[0-9a-f-]{36}$'),
  failure_code text constraint payment_intents_failure_code_length check (length(failure_code) between 1 and 100),
  failure_message text constraint payment_intents_failure_message_length check (length(failure_message) between 1 and 1000),
  authorized_at timestamptz,
  captured_at timestamptz,
  canceled_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  constraint payment_intents_delivery_id_key unique (delivery_id),
  constraint payment_intents_idempotency_key_key unique (idempotency_key),
  constraint payment_intents_amount_sum
    check (amount = traveler_amount + platform_fee + processing_fee - credits_applied),
  constraint payment_intents_amounts_ordered
    check (refunded_amount >= 0 and refunded_amount <= captured_amount and captured_amount <= amount),
  constraint payment_intents_captured check ((status = 'succeeded') <= (captured_at is not null))
);
alter table app_public.payment_intents enable row level security;
alter table app_public.payment_intents force row level security;
-- squawk-ignore require-concurrent-index-creation
create index payment_intents_customer_id_idx on app_public.payment_intents (customer_id, created_at);
-- squawk-ignore require-concurrent-index-creation
create index payment_intents_traveler_id_idx on app_public.payment_intents (traveler_id, created_at);
-- The authorisation deadline's scan: intents still waiting for the customer's card.
-- squawk-ignore require-concurrent-index-creation
create index payment_intents_unauthorized_idx on app_public.payment_intents (created_at)
  where status in ('requires_payment_method', 'requires_confirmation', 'requires_action', 'processing', 'failed');
comment on table app_public.payment_intents is E'@behavior -insert -update -delete\nThe customer''s payment for a delivery (one per delivery): what is charged (the traveler''s price, the platform and processing fees, less credits), how far Stripe got (authorised, captured, cancelled) and how much was refunded. Visible to both parties and to finance.';
comment on column app_public.payment_intents.id is 'Identifier of the payment.';
comment on column app_public.payment_intents.delivery_id is 'The delivery paid for.';
comment on column app_public.payment_intents.customer_id is 'The customer who pays.';
comment on column app_public.payment_intents.traveler_id is 'The traveler paid from it.';
comment on column app_public.payment_intents.traveler_amount is 'The traveler''s price (the delivery''s final price), minor units.';
comment on column app_public.payment_intents.platform_fee is 'Platform fee charged to the customer, minor units.';
comment on column app_public.payment_intents.processing_fee is 'Card processing fee charged to the customer, minor units.';
comment on column app_public.payment_intents.credits_applied is 'Promotional credits spent on this payment, minor units.';
comment on column app_public.payment_intents.amount is 'What the customer is charged: traveler_amount + fees − credits, minor units.';
comment on column app_public.payment_intents.currency is 'Currency of every amount of the payment.';
comment on column app_public.payment_intents.status is 'Where the payment stands (moves only forward).';
comment on column app_public.payment_intents.captured_amount is 'Amount captured from the authorisation, minor units.';
comment on column app_public.payment_intents.refunded_amount is 'Amount refunded to the customer so far, minor units.';
comment on column app_public.payment_intents.capture_before is 'When the card authorisation lapses unless captured.';
comment on column app_public.payment_intents.idempotency_key is 'Idempotency key of the Stripe call that created it (pi-create:<delivery id>).';
comment on column app_public.payment_intents.failure_code is 'Decline code of the last failed attempt.';
comment on column app_public.payment_intents.failure_message is 'Message of the last failed attempt.';
comment on column app_public.payment_intents.authorized_at is 'When the card was authorised.';
comment on column app_public.payment_intents.captured_at is 'When the money was captured (at pickup).';
comment on column app_public.payment_intents.canceled_at is 'When the authorisation was cancelled.';
comment on column app_public.payment_intents.created_at is 'When the payment was created.';
comment on column app_public.payment_intents.updated_at is 'When the payment last changed.';
comment on constraint payment_intents_pkey on app_public.payment_intents is 'id is already taken';
comment on constraint payment_intents_delivery_id_fkey on app_public.payment_intents is 'delivery_id must name an existing delivery';
comment on constraint payment_intents_customer_id_fkey on app_public.payment_intents is 'customer_id must name an existing user';
comment on constraint payment_intents_traveler_id_fkey on app_public.payment_intents is 'traveler_id must name an existing user';
comment on constraint payment_intents_traveler_amount_positive on app_public.payment_intents is 'traveler_amount must be more than 0';
comment on constraint payment_intents_platform_fee_range on app_public.payment_intents is 'platform_fee must be 0 or more';
comment on constraint payment_intents_processing_fee_range on app_public.payment_intents is 'processing_fee must be 0 or more';
comment on constraint payment_intents_credits_applied_range on app_public.payment_intents is 'credits_applied must be 0 or more';
comment on constraint payment_intents_amount_positive on app_public.payment_intents is 'amount must be more than 0';
comment on constraint payment_intents_currency_format on app_public.payment_intents is 'currency must be three capital letters';
comment on constraint payment_intents_idempotency_key_format on app_public.payment_intents is 'idempotency_key must be pi-create: and the delivery id';
comment on constraint payment_intents_failure_code_length on app_public.payment_intents is 'failure_code must have 1 to 100 characters';
comment on constraint payment_intents_failure_message_length on app_public.payment_intents is 'failure_message must have 1 to 1000 characters';
comment on constraint payment_intents_delivery_id_key on app_public.payment_intents is 'delivery_id already has a payment';
comment on constraint payment_intents_idempotency_key_key on app_public.payment_intents is 'idempotency_key is already taken';
comment on constraint payment_intents_amount_sum on app_public.payment_intents is 'amount must be traveler_amount + platform_fee + processing_fee − credits_applied';
comment on constraint payment_intents_amounts_ordered on app_public.payment_intents is 'refunded_amount must be at most captured_amount, and captured_amount at most amount';
comment on constraint payment_intents_captured on app_public.payment_intents is 'captured_at must be set once the payment succeeded';

create table app_public.escrow_accounts (
  id uuid primary key default gen_random_uuid(),
  payment_intent_id uuid not null references app_public.payment_intents (id) on delete restrict,
  delivery_id uuid not null references app_public.deliveries (id) on delete restrict,
  customer_id uuid not null references app_public.users (id) on delete restrict,
  traveler_id uuid not null references app_public.users (id) on delete restrict,
  amount bigint not null constraint escrow_accounts_amount_positive check (amount > 0),
  currency text not null constraint escrow_accounts_currency_format check (currency ~ '^[A-Z]{3}$'),
  status app_public.escrow_status not null default 'pending',
  held_at timestamptz,
  hold_until timestamptz,
  released_amount bigint not null default 0,
  refunded_amount bigint not null default 0,
  release_condition app_public.release_condition,
  released_at timestamptz,
  review_required boolean not null default false,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  constraint escrow_accounts_payment_intent_id_key unique (payment_intent_id),
  constraint escrow_accounts_delivery_id_key unique (delivery_id),
  constraint escrow_accounts_amounts_bounded
    check (released_amount >= 0 and refunded_amount >= 0 and released_amount + refunded_amount <= amount),
  constraint escrow_accounts_released
    check ((status = 'released') <= (released_at is not null and release_condition is not null))
);
alter table app_public.escrow_accounts enable row level security;
alter table app_public.escrow_accounts force row level security;
-- squawk-ignore require-concurrent-index-creation
create index escrow_accounts_customer_id_idx on app_public.escrow_accounts (customer_id, created_at);
-- squawk-ignore require-concurrent-index-creation
create index escrow_accounts_traveler_id_idx on app_public.escrow_accounts (traveler_id, created_at);
-- The release job's scan: held escrows.
-- squawk-ignore require-concurrent-index-creation
create index escrow_accounts_held_idx on app_public.escrow_accounts (hold_until) where status = 'held';
comment on table app_public.escrow_accounts is E'@behavior -insert -update -delete\nThe traveler''s share of a captured payment, held on the platform''s balance from pickup until released (transferred to the traveler) after the hold, or refunded. Visible to both parties and to finance.';
comment on column app_public.escrow_accounts.id is 'Identifier of the escrow.';
comment on column app_public.escrow_accounts.payment_intent_id is 'The payment it holds part of.';
comment on column app_public.escrow_accounts.delivery_id is 'The delivery.';
comment on column app_public.escrow_accounts.customer_id is 'The customer who paid.';
comment on column app_public.escrow_accounts.traveler_id is 'The traveler it is owed to.';
comment on column app_public.escrow_accounts.amount is 'The traveler''s share, minor units.';
comment on column app_public.escrow_accounts.currency is 'Currency of the amounts.';
comment on column app_public.escrow_accounts.status is 'Where the money stands.';
comment on column app_public.escrow_accounts.held_at is 'When the payment was captured and the share held.';
comment on column app_public.escrow_accounts.hold_until is 'End of the hold after delivery (the dispute window); release follows.';
comment on column app_public.escrow_accounts.released_amount is 'Amount transferred to the traveler, minor units.';
comment on column app_public.escrow_accounts.refunded_amount is 'Amount of the share refunded to the customer, minor units.';
comment on column app_public.escrow_accounts.release_condition is 'Why it was released.';
comment on column app_public.escrow_accounts.released_at is 'When it was released.';
comment on column app_public.escrow_accounts.review_required is 'Whether an admin must review the handover before release.';
comment on column app_public.escrow_accounts.created_at is 'When the escrow was created.';
comment on column app_public.escrow_accounts.updated_at is 'When the escrow last changed.';
comment on constraint escrow_accounts_pkey on app_public.escrow_accounts is 'id is already taken';
comment on constraint escrow_accounts_payment_intent_id_fkey on app_public.escrow_accounts is 'payment_intent_id must name an existing payment';
comment on constraint escrow_accounts_delivery_id_fkey on app_public.escrow_accounts is 'delivery_id must name an existing delivery';
comment on constraint escrow_accounts_customer_id_fkey on app_public.escrow_accounts is 'customer_id must name an existing user';
comment on constraint escrow_accounts_traveler_id_fkey on app_public.escrow_accounts is 'traveler_id must name an existing user';
comment on constraint escrow_accounts_amount_positive on app_public.escrow_accounts is 'amount must be more than 0';
comment on constraint escrow_accounts_currency_format on app_public.escrow_accounts is 'currency must be three capital letters';
comment on constraint escrow_accounts_payment_intent_id_key on app_public.escrow_accounts is 'payment_intent_id already has an escrow';
comment on constraint escrow_accounts_delivery_id_key on app_public.escrow_accounts is 'delivery_id already has an escrow';
comment on constraint escrow_accounts_amounts_bounded on app_public.escrow_accounts is 'released_amount + refunded_amount must be at most amount (and neither below 0)';
comment on constraint escrow_accounts_released on app_public.escrow_accounts is 'released_at and release_condition must be set once released';

create table app_public.refunds (
  id uuid primary key default gen_random_uuid(),
  payment_intent_id uuid not null references app_public.payment_intents (id) on delete restrict,
  delivery_id uuid not null references app_public.deliveries (id) on delete restrict,
  customer_id uuid not null references app_public.users (id) on delete restrict,
  traveler_id uuid not null references app_public.users (id) on delete restrict,
  amount bigint not null constraint refunds_amount_positive check (amount > 0),
  platform_fee_refund bigint not null default 0 constraint refunds_platform_fee_refund_range check (platform_fee_refund >= 0),
  traveler_compensation bigint not null default 0
    constraint refunds_traveler_compensation_range check (traveler_compensation >= 0),
  currency text not null constraint refunds_currency_format check (currency ~ '^[A-Z]{3}$'),
  reason app_public.refund_reason not null,
  status app_public.refund_status not null default 'pending',
  idempotency_key text not null,
  created_by uuid references app_public.users (id) on delete set null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  constraint refunds_idempotency_key_key unique (idempotency_key),
  constraint refunds_split_bounded check (platform_fee_refund <= amount)
);
alter table app_public.refunds enable row level security;
alter table app_public.refunds force row level security;
-- squawk-ignore require-concurrent-index-creation
create index refunds_payment_intent_id_idx on app_public.refunds (payment_intent_id);
-- squawk-ignore require-concurrent-index-creation
create index refunds_delivery_id_idx on app_public.refunds (delivery_id);
-- squawk-ignore require-concurrent-index-creation
create index refunds_customer_id_idx on app_public.refunds (customer_id, created_at);
-- squawk-ignore require-concurrent-index-creation
create index refunds_traveler_id_idx on app_public.refunds (traveler_id, created_at);
-- squawk-ignore require-concurrent-index-creation
create index refunds_created_by_idx on app_public.refunds (created_by);
comment on table app_public.refunds is E'@behavior -insert -update -delete\nMoney given back to the customer from a captured payment, with how it splits between the platform''s fee and the traveler''s share. Visible to both parties and to finance.';
comment on column app_public.refunds.id is 'Identifier of the refund.';
comment on column app_public.refunds.payment_intent_id is 'The payment refunded.';
comment on column app_public.refunds.delivery_id is 'The delivery.';
comment on column app_public.refunds.customer_id is 'The customer refunded.';
comment on column app_public.refunds.traveler_id is 'The delivery''s traveler.';
comment on column app_public.refunds.amount is 'What the customer gets back, minor units.';
comment on column app_public.refunds.platform_fee_refund is 'Part of the amount taken from the platform''s fee, minor units.';
comment on column app_public.refunds.traveler_compensation is 'What the traveler keeps despite the refund, minor units.';
comment on column app_public.refunds.currency is 'Currency of the amounts.';
comment on column app_public.refunds.reason is 'Why the money went back.';
comment on column app_public.refunds.status is 'Where the refund stands.';
comment on column app_public.refunds.idempotency_key is 'Idempotency key of the Stripe refund call.';
comment on column app_public.refunds.created_by is 'The admin who decided it (NULL: the platform).';
comment on column app_public.refunds.created_at is 'When the refund was decided.';
comment on column app_public.refunds.updated_at is 'When the refund last changed.';
comment on constraint refunds_pkey on app_public.refunds is 'id is already taken';
comment on constraint refunds_payment_intent_id_fkey on app_public.refunds is 'payment_intent_id must name an existing payment';
comment on constraint refunds_delivery_id_fkey on app_public.refunds is 'delivery_id must name an existing delivery';
comment on constraint refunds_customer_id_fkey on app_public.refunds is 'customer_id must name an existing user';
comment on constraint refunds_traveler_id_fkey on app_public.refunds is 'traveler_id must name an existing user';
comment on constraint refunds_created_by_fkey on app_public.refunds is 'created_by must name an existing user';
comment on constraint refunds_amount_positive on app_public.refunds is 'amount must be more than 0';
comment on constraint refunds_platform_fee_refund_range on app_public.refunds is 'platform_fee_refund must be 0 or more';
comment on constraint refunds_traveler_compensation_range on app_public.refunds is 'traveler_compensation must be 0 or more';
comment on constraint refunds_currency_format on app_public.refunds is 'currency must be three capital letters';
comment on constraint refunds_idempotency_key_key on app_public.refunds is 'idempotency_key is already taken';
comment on constraint refunds_split_bounded on app_public.refunds is 'platform_fee_refund must be at most amount';

create table app_public.payout_accounts (
  id uuid primary key default gen_random_uuid(),
  user_id uuid not null references app_public.users (id) on delete restrict,
  status app_public.payout_account_status not null default 'pending',
  payouts_enabled boolean not null default false,
  country text constraint payout_accounts_country_format check (country ~ '^[A-Z]{2}$'),
  default_currency text constraint payout_accounts_default_currency_format check (default_currency ~ '^[A-Z]{3}$'),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  constraint payout_accounts_user_id_key unique (user_id)
);
alter table app_public.payout_accounts enable row level security;
alter table app_public.payout_accounts force row level security;
comment on table app_public.payout_accounts is E'@behavior -insert -update -delete\nA traveler''s payout account (a Stripe Express connected account): released escrows are transferred to it. Visible to its owner and to finance.';
comment on column app_public.payout_accounts.id is 'Identifier of the payout account.';
comment on column app_public.payout_accounts.user_id is 'The traveler who owns it.';
comment on column app_public.payout_accounts.status is 'Whether transfers may go to it (active) or not yet or no longer.';
comment on column app_public.payout_accounts.payouts_enabled is 'Whether Stripe lets the account pay out to a bank.';
comment on column app_public.payout_accounts.country is 'Country of the account (ISO 3166-1 alpha-2).';
comment on column app_public.payout_accounts.default_currency is 'Currency the account is paid out in.';
comment on column app_public.payout_accounts.created_at is 'When the account was created.';
comment on column app_public.payout_accounts.updated_at is 'When the account last changed.';
comment on constraint payout_accounts_pkey on app_public.payout_accounts is 'id is already taken';
comment on constraint payout_accounts_user_id_fkey on app_public.payout_accounts is 'user_id must name an existing user';
comment on constraint payout_accounts_user_id_key on app_public.payout_accounts is 'user_id already has a payout account';
comment on constraint payout_accounts_country_format on app_public.payout_accounts is 'country must be two capital letters';
comment on constraint payout_accounts_default_currency_format on app_public.payout_accounts is 'default_currency must be three capital letters';

create table app_public.payouts (
  id uuid primary key default gen_random_uuid(),
  user_id uuid not null references app_public.users (id) on delete restrict,
  payout_account_id uuid not null references app_public.payout_accounts (id) on delete restrict,
  amount bigint not null constraint payouts_amount_positive check (amount > 0),
  fee bigint not null default 0 constraint payouts_fee_range check (fee >= 0),
  net bigint not null,
  currency text not null constraint payouts_currency_format check (currency ~ '^[A-Z]{3}$'),
  type app_public.payout_type not null default 'standard',
  status app_public.payout_status not null default 'pending',
  arrival_date date,
  failure_message text constraint payouts_failure_message_length check (length(failure_message) between 1 and 1000),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  constraint payouts_net_sum check (net = amount - fee)
);
alter table app_public.payouts enable row level security;
alter table app_public.payouts force row level security;
-- squawk-ignore require-concurrent-index-creation
create index payouts_user_id_idx on app_public.payouts (user_id, created_at);
-- squawk-ignore require-concurrent-index-creation
create index payouts_payout_account_id_idx on app_public.payouts (payout_account_id);
comment on table app_public.payouts is E'@behavior -insert -update -delete\nMoney paid out from a traveler''s payout account to their bank (mirrored from Stripe). Visible to its owner and to finance.';
comment on column app_public.payouts.id is 'Identifier of the payout.';
comment on column app_public.payouts.user_id is 'The traveler paid.';
comment on column app_public.payouts.payout_account_id is 'The payout account it left.';
comment on column app_public.payouts.amount is 'Amount paid out, minor units.';
comment on column app_public.payouts.fee is 'Fee of the payout (instant payouts), minor units.';
comment on column app_public.payouts.net is 'What reaches the bank: amount − fee, minor units.';
comment on column app_public.payouts.currency is 'Currency of the amounts.';
comment on column app_public.payouts.type is 'standard or instant.';
comment on column app_public.payouts.status is 'Where the payout stands.';
comment on column app_public.payouts.arrival_date is 'When the money is expected at the bank.';
comment on column app_public.payouts.failure_message is 'Why the payout failed.';
comment on column app_public.payouts.created_at is 'When the payout was created.';
comment on column app_public.payouts.updated_at is 'When the payout last changed.';
comment on constraint payouts_pkey on app_public.payouts is 'id is already taken';
comment on constraint payouts_user_id_fkey on app_public.payouts is 'user_id must name an existing user';
comment on constraint payouts_payout_account_id_fkey on app_public.payouts is 'payout_account_id must name an existing payout account';
comment on constraint payouts_amount_positive on app_public.payouts is 'amount must be more than 0';
comment on constraint payouts_fee_range on app_public.payouts is 'fee must be 0 or more';
comment on constraint payouts_currency_format on app_public.payouts is 'currency must be three capital letters';
comment on constraint payouts_failure_message_length on app_public.payouts is 'failure_message must have 1 to 1000 characters';
comment on constraint payouts_net_sum on app_public.payouts is 'net must be amount − fee';

-- Stripe's ids, each tied to exactly one local row. Nothing in app_public carries them; the client secret of a
-- PaymentIntent is here too.
create table app_private.stripe_refs (
  stripe_id text primary key constraint stripe_refs_stripe_id_format check (stripe_id ~ '^[a-z]+_[A-Za-z0-9_]+$'),
  kind text not null constraint stripe_refs_kind_known
    check (kind in ('payment_intent', 'charge', 'transfer', 'refund', 'transfer_reversal', 'payout', 'account')),
  payment_intent_id uuid references app_public.payment_intents (id) on delete restrict,
  escrow_id uuid references app_public.escrow_accounts (id) on delete restrict,
  refund_id uuid references app_public.refunds (id) on delete restrict,
  payout_id uuid references app_public.payouts (id) on delete restrict,
  payout_account_id uuid references app_public.payout_accounts (id) on delete restrict,
  client_secret text constraint stripe_refs_client_secret_kind check (client_secret is null or kind = 'payment_intent'),
  created_at timestamptz not null default now(),
  constraint stripe_refs_one_owner check (num_nonnulls(payment_intent_id, escrow_id, refund_id, payout_id, payout_account_id) = 1),
  -- One Stripe object of each kind per local row (a PaymentIntent and its charge per payment, a transfer per escrow…).
  constraint stripe_refs_payment_intent_id_kind_key unique (payment_intent_id, kind),
  constraint stripe_refs_escrow_id_kind_key unique (escrow_id, kind),
  constraint stripe_refs_refund_id_kind_key unique (refund_id, kind),
  constraint stripe_refs_payout_id_kind_key unique (payout_id, kind),
  constraint stripe_refs_payout_account_id_kind_key unique (payout_account_id, kind)
);
alter table app_private.stripe_refs enable row level security;
alter table app_private.stripe_refs force row level security;
comment on table app_private.stripe_refs is 'Stripe ids (PaymentIntents, charges, transfers, refunds, payouts, connected accounts), each tied to one local row; the PaymentIntent''s client secret.';
comment on constraint stripe_refs_pkey on app_private.stripe_refs is 'stripe_id is already recorded';
comment on constraint stripe_refs_stripe_id_format on app_private.stripe_refs is 'stripe_id must be a Stripe id (prefix_ and letters)';
comment on constraint stripe_refs_kind_known on app_private.stripe_refs is 'kind must be a known kind of Stripe object';
comment on constraint stripe_refs_client_secret_kind on app_private.stripe_refs is 'client_secret belongs to a payment_intent only';
comment on constraint stripe_refs_one_owner on app_private.stripe_refs is 'payment_intent_id, escrow_id, refund_id, payout_id or payout_account_id: exactly one must be set';
comment on constraint stripe_refs_payment_intent_id_fkey on app_private.stripe_refs is 'payment_intent_id must name an existing payment';
comment on constraint stripe_refs_escrow_id_fkey on app_private.stripe_refs is 'escrow_id must name an existing escrow';
comment on constraint stripe_refs_refund_id_fkey on app_private.stripe_refs is 'refund_id must name an existing refund';
comment on constraint stripe_refs_payout_id_fkey on app_private.stripe_refs is 'payout_id must name an existing payout';
comment on constraint stripe_refs_payout_account_id_fkey on app_private.stripe_refs is 'payout_account_id must name an existing payout account';
comment on constraint stripe_refs_payment_intent_id_kind_key on app_private.stripe_refs is 'payment_intent_id already has a Stripe object of this kind';
comment on constraint stripe_refs_escrow_id_kind_key on app_private.stripe_refs is 'escrow_id already has a Stripe object of this kind';
comment on constraint stripe_refs_refund_id_kind_key on app_private.stripe_refs is 'refund_id already has a Stripe object of this kind';
comment on constraint stripe_refs_payout_id_kind_key on app_private.stripe_refs is 'payout_id already has a Stripe object of this kind';
comment on constraint stripe_refs_payout_account_id_kind_key on app_private.stripe_refs is 'payout_account_id already has a Stripe object of this kind';

-- The webhook inbox: every verified event once, by Stripe's id; processed_at once its effect is applied.
create table app_private.stripe_events (
  id text primary key constraint stripe_events_id_format check (id ~ '^evt_[A-Za-z0-9_]+$'),
  type text not null constraint stripe_events_type_format check (type ~ '^[a-z_]+(\.[a-z_]+)+$'),
  body jsonb not null constraint stripe_events_body_object check (jsonb_typeof(body) = 'object'),
  outcome text constraint stripe_events_outcome_length check (length(outcome) between 1 and 200),
  received_at timestamptz not null default now(),
  processed_at timestamptz
);
alter table app_private.stripe_events enable row level security;
alter table app_private.stripe_events force row level security;
-- Retention (retention.stripe_events_days) deletes processed events by age.
-- squawk-ignore require-concurrent-index-creation
create index stripe_events_received_at_idx on app_private.stripe_events (received_at);
comment on table app_private.stripe_events is 'Stripe webhook events as received (verified), once per event id, and when their effect was applied.';
comment on constraint stripe_events_pkey on app_private.stripe_events is 'id is already recorded';
comment on constraint stripe_events_id_format on app_private.stripe_events is 'id must be a Stripe event id (evt_…)';
comment on constraint stripe_events_type_format on app_private.stripe_events is 'type must be a Stripe event type such as payment_intent.succeeded';
comment on constraint stripe_events_body_object on app_private.stripe_events is 'body must be a JSON object';
comment on constraint stripe_events_outcome_length on app_private.stripe_events is 'outcome must have 1 to 200 characters';

-- The double-entry ledger. Amounts are signed: a debit is positive, a credit negative; every transaction's entries
-- sum to zero per currency (a deferred constraint trigger, db/functions/payments/ledger.sql). Append-only.
create table app_private.ledger_accounts (
  id uuid primary key default gen_random_uuid(),
  code text not null constraint ledger_accounts_code_known
    check (code in ('platform_cash', 'escrow_liability', 'platform_fee_revenue', 'processing_fee_revenue',
                    'stripe_fee_expense', 'traveler_payable', 'traveler_receivable', 'promo_liability',
                    'promo_expense', 'dispute_losses')),
  user_id uuid references app_public.users (id) on delete restrict,
  currency text not null constraint ledger_accounts_currency_format check (currency ~ '^[A-Z]{3}$'),
  created_at timestamptz not null default now(),
  constraint ledger_accounts_per_traveler
    check ((user_id is not null) = (code in ('traveler_payable', 'traveler_receivable'))),
  constraint ledger_accounts_code_user_id_currency_key unique nulls not distinct (code, user_id, currency),
  constraint ledger_accounts_id_currency_key unique (id, currency)
);
alter table app_private.ledger_accounts enable row level security;
alter table app_private.ledger_accounts force row level security;
-- squawk-ignore require-concurrent-index-creation
create index ledger_accounts_user_id_idx on app_private.ledger_accounts (user_id);
comment on table app_private.ledger_accounts is 'Accounts of the ledger: the platform''s (cash, escrow liability, revenues, expenses) per currency, and each traveler''s payable and receivable.';
comment on constraint ledger_accounts_pkey on app_private.ledger_accounts is 'id is already taken';
comment on constraint ledger_accounts_code_known on app_private.ledger_accounts is 'code must be a known ledger account';
comment on constraint ledger_accounts_user_id_fkey on app_private.ledger_accounts is 'user_id must name an existing user';
comment on constraint ledger_accounts_currency_format on app_private.ledger_accounts is 'currency must be three capital letters';
comment on constraint ledger_accounts_per_traveler on app_private.ledger_accounts is 'user_id is set exactly for traveler_payable and traveler_receivable';
comment on constraint ledger_accounts_code_user_id_currency_key on app_private.ledger_accounts is 'code already has an account for this user_id and currency';
comment on constraint ledger_accounts_id_currency_key on app_private.ledger_accounts is 'id is already taken';

create table app_private.ledger_transactions (
  id uuid primary key default gen_random_uuid(),
  kind text not null constraint ledger_transactions_kind_known
    check (kind in ('capture', 'release', 'refund', 'reversal', 'payout', 'credit', 'adjustment')),
  idempotency_key text not null constraint ledger_transactions_idempotency_key_length
    check (length(idempotency_key) between 1 and 200),
  delivery_id uuid references app_public.deliveries (id) on delete restrict,
  description text constraint ledger_transactions_description_length check (length(description) between 1 and 500),
  created_at timestamptz not null default now(),
  constraint ledger_transactions_idempotency_key_key unique (idempotency_key)
);
alter table app_private.ledger_transactions enable row level security;
alter table app_private.ledger_transactions force row level security;
-- squawk-ignore require-concurrent-index-creation
create index ledger_transactions_delivery_id_idx on app_private.ledger_transactions (delivery_id);
comment on table app_private.ledger_transactions is 'One money movement of the ledger (a capture, a release …), once per idempotency key; its entries balance.';
comment on constraint ledger_transactions_pkey on app_private.ledger_transactions is 'id is already taken';
comment on constraint ledger_transactions_kind_known on app_private.ledger_transactions is 'kind must be a known kind of ledger transaction';
comment on constraint ledger_transactions_idempotency_key_length on app_private.ledger_transactions is 'idempotency_key must have 1 to 200 characters';
comment on constraint ledger_transactions_delivery_id_fkey on app_private.ledger_transactions is 'delivery_id must name an existing delivery';
comment on constraint ledger_transactions_description_length on app_private.ledger_transactions is 'description must have 1 to 500 characters';
comment on constraint ledger_transactions_idempotency_key_key on app_private.ledger_transactions is 'idempotency_key was already posted';

create table app_private.ledger_entries (
  id uuid primary key default gen_random_uuid(),
  transaction_id uuid not null references app_private.ledger_transactions (id) on delete restrict,
  account_id uuid not null,
  currency text not null,
  amount bigint not null constraint ledger_entries_amount_nonzero check (amount <> 0),
  created_at timestamptz not null default now(),
  -- The entry's currency is its account's.
  constraint ledger_entries_account_id_currency_fkey foreign key (account_id, currency)
    references app_private.ledger_accounts (id, currency) on delete restrict
);
alter table app_private.ledger_entries enable row level security;
alter table app_private.ledger_entries force row level security;
-- squawk-ignore require-concurrent-index-creation
create index ledger_entries_transaction_id_idx on app_private.ledger_entries (transaction_id);
-- squawk-ignore require-concurrent-index-creation
create index ledger_entries_account_id_idx on app_private.ledger_entries (account_id, currency);
comment on table app_private.ledger_entries is 'Lines of ledger transactions: an account and a signed amount (debit positive, credit negative).';
comment on constraint ledger_entries_pkey on app_private.ledger_entries is 'id is already taken';
comment on constraint ledger_entries_transaction_id_fkey on app_private.ledger_entries is 'transaction_id must name an existing ledger transaction';
comment on constraint ledger_entries_account_id_currency_fkey on app_private.ledger_entries is 'account_id must name an existing ledger account of the entry''s currency';
comment on constraint ledger_entries_amount_nonzero on app_private.ledger_entries is 'amount must not be 0';

-- migrate:down
-- cascade: canonical functions, triggers and policies using these go too; db:migrate restores them.
drop table app_private.ledger_entries cascade;
drop table app_private.ledger_transactions cascade;
drop table app_private.ledger_accounts cascade;
drop table app_private.stripe_events cascade;
drop table app_private.stripe_refs cascade;
drop table app_public.payouts cascade;
drop table app_public.payout_accounts cascade;
drop table app_public.refunds cascade;
drop table app_public.escrow_accounts cascade;
drop table app_public.payment_intents cascade;
drop type app_public.refund_status cascade;
drop type app_public.refund_reason cascade;
drop type app_public.payout_status cascade;
drop type app_public.payout_type cascade;
drop type app_public.payout_account_status cascade;
drop type app_public.release_condition cascade;
drop type app_public.escrow_status cascade;
drop type app_public.payment_status cascade;
