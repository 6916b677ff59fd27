-- migrate:up
set local lock_timeout = '5s';
set local statement_timeout = '60s';

-- Promotional credits (docs/payments.md, Credits): money the platform gives a user to spend on their next payments.
-- Granted (a referral after the referee's first delivery, or an admin), spent oldest first at payment time (the part
-- of a credit not needed is re-issued as a new credit), restored by a void or a full refund (re-issued too). A credit
-- is never edited after it is spent: each re-issue is a new row naming the credit it comes from.
create type app_public.credit_type as enum ('referral_bonus', 'first_delivery_bonus', 'loyalty_reward', 'compensation',
  'promotional');
comment on type app_public.credit_type is 'Why a promotional credit was given.';

create table app_public.promotional_credits (
  id uuid primary key default gen_random_uuid(),
  user_id uuid not null references app_public.users (id) on delete cascade,
  type app_public.credit_type not null,
  amount bigint not null constraint promotional_credits_amount_positive check (amount > 0),
  currency text not null constraint promotional_credits_currency_format check (currency ~ '^[A-Z]{3}$'),
  expires_at timestamptz not null,
  used_at timestamptz,
  used_amount bigint,
  used_for_delivery_id uuid references app_public.deliveries (id) on delete restrict,
  payment_intent_id uuid references app_public.payment_intents (id) on delete restrict,
  reissue_of_id uuid references app_public.promotional_credits (id) on delete restrict,
  reissue_reason text constraint promotional_credits_reissue_reason_known check (reissue_reason in ('remainder', 'restored')),
  referee_id uuid references app_public.users (id) on delete set null,
  granted_by uuid references app_public.users (id) on delete set null,
  note text constraint promotional_credits_note_length check (length(note) between 1 and 500),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  constraint promotional_credits_used check (
    (used_at is null and used_amount is null and used_for_delivery_id is null and payment_intent_id is null)
    or (used_at is not null and used_amount between 1 and amount and used_for_delivery_id is not null
        and payment_intent_id is not null)),
  constraint promotional_credits_reissue check ((reissue_of_id is null) = (reissue_reason is null))
);
alter table app_public.promotional_credits enable row level security;
alter table app_public.promotional_credits force row level security;
-- The owner's credits (RLS, the list), and the spendable ones in spending order (oldest expiry first).
-- squawk-ignore require-concurrent-index-creation
create index promotional_credits_user_id_idx on app_public.promotional_credits (user_id, created_at);
-- squawk-ignore require-concurrent-index-creation
create index promotional_credits_spendable_idx on app_public.promotional_credits (user_id, currency, expires_at, created_at)
  where used_at is null;
-- squawk-ignore require-concurrent-index-creation
create index promotional_credits_used_for_delivery_id_idx on app_public.promotional_credits (used_for_delivery_id);
-- squawk-ignore require-concurrent-index-creation
create index promotional_credits_payment_intent_id_idx on app_public.promotional_credits (payment_intent_id);
-- squawk-ignore require-concurrent-index-creation
create index promotional_credits_granted_by_idx on app_public.promotional_credits (granted_by);
-- squawk-ignore require-concurrent-index-creation
create index promotional_credits_referee_id_idx on app_public.promotional_credits (referee_id);
-- A credit is re-issued at most once per reason (its remainder, its restoration).
-- squawk-ignore require-concurrent-index-creation
create unique index promotional_credits_reissue_key on app_public.promotional_credits (reissue_of_id, reissue_reason);
-- A referral pays each party once: one referral bonus per user and referee.
-- squawk-ignore require-concurrent-index-creation
create unique index promotional_credits_referral_key on app_public.promotional_credits (referee_id, user_id)
  where type = 'referral_bonus' and reissue_of_id is null;
comment on table app_public.promotional_credits is E'@behavior -insert -update -delete\nCredits the platform gave a user, spent oldest first on their next payments in the same currency (never below the minimum charge). Visible to their owner and to finance.';
comment on column app_public.promotional_credits.id is 'Identifier of the credit.';
comment on column app_public.promotional_credits.user_id is 'Whose credit it is.';
comment on column app_public.promotional_credits.type is 'Why it was given.';
comment on column app_public.promotional_credits.amount is 'Its value, minor units.';
comment on column app_public.promotional_credits.currency is 'Its currency: it is spent on payments in this currency only.';
comment on column app_public.promotional_credits.expires_at is 'When it can no longer be spent.';
comment on column app_public.promotional_credits.used_at is 'When it was spent (null while spendable).';
comment on column app_public.promotional_credits.used_amount is 'How much of it the payment took (the rest was re-issued as a new credit).';
comment on column app_public.promotional_credits.used_for_delivery_id is 'The delivery it was spent on.';
comment on column app_public.promotional_credits.payment_intent_id is 'The payment it was spent on.';
comment on column app_public.promotional_credits.reissue_of_id is 'The credit this one re-issues: the unused remainder of a spent credit, or a credit restored when its payment was voided or refunded in full.';
comment on column app_public.promotional_credits.reissue_reason is 'remainder or restored, with reissue_of_id.';
comment on column app_public.promotional_credits.referee_id is 'For a referral bonus: the referred user whose first delivery earned it.';
comment on column app_public.promotional_credits.granted_by is 'The admin who granted it (adminGrantCredit).';
comment on column app_public.promotional_credits.note is 'Why an admin granted it.';
comment on column app_public.promotional_credits.created_at is 'When it was given.';
comment on column app_public.promotional_credits.updated_at is 'When it last changed (spent).';
comment on constraint promotional_credits_pkey on app_public.promotional_credits is 'id is already taken';
comment on constraint promotional_credits_user_id_fkey on app_public.promotional_credits is 'user_id must name an existing user';
comment on constraint promotional_credits_amount_positive on app_public.promotional_credits is 'amount must be more than 0';
comment on constraint promotional_credits_currency_format on app_public.promotional_credits is 'currency must be three capital letters';
comment on constraint promotional_credits_used_for_delivery_id_fkey on app_public.promotional_credits is 'used_for_delivery_id must name an existing delivery';
comment on constraint promotional_credits_payment_intent_id_fkey on app_public.promotional_credits is 'payment_intent_id must name an existing payment';
comment on constraint promotional_credits_reissue_of_id_fkey on app_public.promotional_credits is 'reissue_of_id must name an existing credit';
comment on constraint promotional_credits_reissue_reason_known on app_public.promotional_credits is 'reissue_reason must be remainder or restored';
comment on constraint promotional_credits_referee_id_fkey on app_public.promotional_credits is 'referee_id must name an existing user';
comment on constraint promotional_credits_granted_by_fkey on app_public.promotional_credits is 'granted_by must name an existing user';
comment on constraint promotional_credits_note_length on app_public.promotional_credits is 'note must have 1 to 500 characters';
comment on constraint promotional_credits_used on app_public.promotional_credits is 'used_at, used_amount (1 to amount), used_for_delivery_id and payment_intent_id are set together, once spent';
comment on constraint promotional_credits_reissue on app_public.promotional_credits is 'reissue_of_id and reissue_reason are set together';
comment on index app_public.promotional_credits_reissue_key is 'reissue_of_id was already re-issued for this reason';
comment on index app_public.promotional_credits_referral_key is 'referee_id already earned user_id a referral bonus';

-- A full refund gives back the credits the payment used (credits_restored): the refund's parts (platform fee,
-- traveler's share, processing fee) then add up to the money returned plus the credits restored.
alter table app_public.refunds
  add column credits_restored bigint not null default 0 constraint refunds_credits_restored_range check (credits_restored >= 0);
comment on column app_public.refunds.credits_restored is 'Credits the payment used that this refund (a full one) gave back as new credits, minor units.';
comment on constraint refunds_credits_restored_range on app_public.refunds is 'credits_restored must be 0 or more';
alter table app_public.refunds drop constraint refunds_split_bounded;
alter table app_public.refunds
  -- squawk-ignore constraint-missing-not-valid
  add constraint refunds_split_bounded check (platform_fee_refund + traveler_share_refund <= amount + credits_restored);
comment on constraint refunds_split_bounded on app_public.refunds is 'platform_fee_refund + traveler_share_refund must be at most amount (plus credits_restored)';

-- The audit of admin money operations takes credit grants and pricing factors.
alter table app_private.admin_money_actions drop constraint admin_money_actions_action_known;
-- squawk-ignore constraint-missing-not-valid
alter table app_private.admin_money_actions add constraint admin_money_actions_action_known
  check (action in ('refund', 'release_escrow', 'grant_credit', 'set_pricing_factor'));
comment on constraint admin_money_actions_action_known on app_private.admin_money_actions is 'action must be a known money operation';

-- migrate:down
set local lock_timeout = '5s';
alter table app_private.admin_money_actions drop constraint admin_money_actions_action_known;
alter table app_private.admin_money_actions add constraint admin_money_actions_action_known
  check (action in ('refund', 'release_escrow'));
comment on constraint admin_money_actions_action_known on app_private.admin_money_actions is 'action must be a known money operation';
alter table app_public.refunds drop constraint refunds_split_bounded;
alter table app_public.refunds drop column credits_restored;
alter table app_public.refunds add constraint refunds_split_bounded check (platform_fee_refund + traveler_share_refund <= amount);
comment on constraint refunds_split_bounded on app_public.refunds is 'platform_fee_refund + traveler_share_refund must be at most amount';
drop table app_public.promotional_credits cascade;
drop type app_public.credit_type;
