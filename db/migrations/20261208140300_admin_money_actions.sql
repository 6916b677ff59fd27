-- migrate:up
set local lock_timeout = '5s';
set local statement_timeout = '60s';

-- Admin money operations (docs/payments.md, Admin money operations): no admin audit log exists yet, so each money
-- operation of an admin is recorded here, append-only, in the transaction that decides it.
create table app_private.admin_money_actions (
  id uuid primary key default gen_random_uuid(),
  admin_id uuid not null references app_public.users (id) on delete restrict,
  action text not null constraint admin_money_actions_action_known check (action in ('refund', 'release_escrow')),
  delivery_id uuid references app_public.deliveries (id) on delete restrict,
  amount bigint constraint admin_money_actions_amount_range check (amount >= 0),
  currency text constraint admin_money_actions_currency_format check (currency ~ '^[A-Z]{3}$'),
  reason text constraint admin_money_actions_reason_length check (length(reason) between 1 and 1000),
  details jsonb not null default '{}' constraint admin_money_actions_details_object check (jsonb_typeof(details) = 'object'),
  created_at timestamptz not null default now()
);
alter table app_private.admin_money_actions enable row level security;
alter table app_private.admin_money_actions force row level security;
-- squawk-ignore require-concurrent-index-creation
create index admin_money_actions_admin_id_idx on app_private.admin_money_actions (admin_id, created_at);
-- squawk-ignore require-concurrent-index-creation
create index admin_money_actions_delivery_id_idx on app_private.admin_money_actions (delivery_id);
comment on table app_private.admin_money_actions is 'Audit of admins'' money operations (refunds, manual escrow releases): who, what, how much, why. Append-only.';
comment on constraint admin_money_actions_pkey on app_private.admin_money_actions is 'id is already taken';
comment on constraint admin_money_actions_admin_id_fkey on app_private.admin_money_actions is 'admin_id must name an existing user';
comment on constraint admin_money_actions_delivery_id_fkey on app_private.admin_money_actions is 'delivery_id must name an existing delivery';
comment on constraint admin_money_actions_action_known on app_private.admin_money_actions is 'action must be a known money operation';
comment on constraint admin_money_actions_amount_range on app_private.admin_money_actions is 'amount must be 0 or more';
comment on constraint admin_money_actions_currency_format on app_private.admin_money_actions is 'currency must be three capital letters';
comment on constraint admin_money_actions_reason_length on app_private.admin_money_actions is 'reason must have 1 to 1000 characters';
comment on constraint admin_money_actions_details_object on app_private.admin_money_actions is 'details must be a JSON object';

-- migrate:down
set local lock_timeout = '5s';
drop table app_private.admin_money_actions;
