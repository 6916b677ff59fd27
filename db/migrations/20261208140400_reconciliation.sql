-- migrate:up
set local lock_timeout = '5s';
set local statement_timeout = '60s';

-- The nightly reconciliation (docs/payments.md, Reconciliation): payments__reconcile compares the PaymentIntents,
-- transfers and refunds recorded lately with Stripe's objects and records each run with its differences here (finance
-- is emailed when there are any).
create table app_private.reconciliation_runs (
  id uuid primary key default gen_random_uuid(),
  since timestamptz not null,
  checked integer not null constraint reconciliation_runs_checked_range check (checked >= 0),
  differences jsonb not null default '[]'
    constraint reconciliation_runs_differences_array check (jsonb_typeof(differences) = 'array'),
  created_at timestamptz not null default now()
);
alter table app_private.reconciliation_runs enable row level security;
alter table app_private.reconciliation_runs force row level security;
-- squawk-ignore require-concurrent-index-creation
create index reconciliation_runs_created_at_idx on app_private.reconciliation_runs (created_at);
comment on table app_private.reconciliation_runs is 'Runs of the nightly reconciliation with Stripe: what was checked and the differences found.';
comment on constraint reconciliation_runs_pkey on app_private.reconciliation_runs is 'id is already taken';
comment on constraint reconciliation_runs_checked_range on app_private.reconciliation_runs is 'checked must be 0 or more';
comment on constraint reconciliation_runs_differences_array on app_private.reconciliation_runs is 'differences must be a JSON array';

-- The reconciliation's scans: money rows changed lately.
-- squawk-ignore require-concurrent-index-creation
create index payment_intents_updated_at_idx on app_public.payment_intents (updated_at);
-- squawk-ignore require-concurrent-index-creation
create index escrow_accounts_updated_at_idx on app_public.escrow_accounts (updated_at);
-- squawk-ignore require-concurrent-index-creation
create index refunds_updated_at_idx on app_public.refunds (updated_at);

-- migrate:down
set local lock_timeout = '5s';
drop index app_public.refunds_updated_at_idx;
drop index app_public.escrow_accounts_updated_at_idx;
drop index app_public.payment_intents_updated_at_idx;
drop table app_private.reconciliation_runs;
