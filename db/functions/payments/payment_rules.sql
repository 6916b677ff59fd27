-- Shared rules of the payment tables (docs/payments.md): the forward-only order of payment states, and the tables'
-- timestamps.

-- Stripe delivers events in no guaranteed order and retries them, so a state is applied only when it moves the
-- payment forward: requires_payment_method → failed (a declined attempt) → requires_confirmation / requires_action →
-- processing → requires_capture → succeeded, and canceled from anything not yet captured. A failed attempt may be
-- followed by a new one, so failed is passed again by any later state.
create or replace function app_hidden.payment_status_advances(
  from_status app_public.payment_status,
  to_status app_public.payment_status
)
returns boolean
language sql immutable
set search_path = pg_catalog, public, pg_temp
as $$
  select case
           when payment_status_advances.from_status in ('succeeded', 'canceled') then false
           when payment_status_advances.to_status = 'canceled' then true
           when payment_status_advances.to_status = 'failed'
             then payment_status_advances.from_status in ('requires_payment_method', 'requires_confirmation',
                                                          'requires_action', 'processing')
           else app_hidden.payment_status_rank(payment_status_advances.to_status)
                > app_hidden.payment_status_rank(payment_status_advances.from_status)
         end;
$$;
comment on function app_hidden.payment_status_advances(app_public.payment_status, app_public.payment_status) is
  'Whether a payment may move from one status to another (forward only; canceled from any state before capture).';

create or replace function app_hidden.payment_status_rank(status app_public.payment_status)
returns integer
language sql immutable
set search_path = pg_catalog, public, pg_temp
as $$
  select case payment_status_rank.status
           when 'requires_payment_method' then 0
           when 'failed' then 1
           when 'requires_confirmation' then 2
           when 'requires_action' then 2
           when 'processing' then 3
           when 'requires_capture' then 4
           when 'succeeded' then 5
           when 'canceled' then 6
         end;
$$;
comment on function app_hidden.payment_status_rank(app_public.payment_status) is 'Position of a payment status in the forward order.';

create or replace trigger _100_timestamps before update on app_public.payment_intents
  for each row execute function app_hidden.tg__set_updated_at();
create or replace trigger _100_timestamps before update on app_public.escrow_accounts
  for each row execute function app_hidden.tg__set_updated_at();
create or replace trigger _100_timestamps before update on app_public.refunds
  for each row execute function app_hidden.tg__set_updated_at();
create or replace trigger _100_timestamps before update on app_public.payout_accounts
  for each row execute function app_hidden.tg__set_updated_at();
create or replace trigger _100_timestamps before update on app_public.payouts
  for each row execute function app_hidden.tg__set_updated_at();
create or replace trigger _100_timestamps before update on app_public.promotional_credits
  for each row execute function app_hidden.tg__set_updated_at();

-- The caller check of admin money operations: the one of every admin act (app_private.require_admin: the
-- permission, in a session that passed the second factor). Returns the admin's id; DNIED otherwise.
create or replace function app_private.require_money_admin(permission text, action text)
returns uuid
language sql stable
set search_path = pg_catalog, public, pg_temp
as $$
  select app_private.require_admin(require_money_admin.permission, require_money_admin.action);
$$;
comment on function app_private.require_money_admin(text, text) is 'Caller check of admin money operations: the permission and a two-factor session; DNIED otherwise.';

-- Records an admin's money operation in the admin activity log (docs/admin.md, Audit), high: the delivery, the act,
-- the amount and currency, and the operation's details.
create or replace function app_private.audit_money_action(admin_id uuid, action text, delivery_id uuid, amount bigint,
                                                          currency text, reason text, details jsonb)
returns void
language sql volatile
set search_path = pg_catalog, public, pg_temp
as $$
  select null::void from app_hidden.log_admin_action('admin_' || audit_money_action.action, 'delivery',
    audit_money_action.delivery_id::text, 'high', null,
    jsonb_build_object('amount', audit_money_action.amount, 'currency', audit_money_action.currency)
      || coalesce(audit_money_action.details, '{}'),
    audit_money_action.reason);
$$;
comment on function app_private.audit_money_action(uuid, text, uuid, bigint, text, text, jsonb) is 'Logs an admin money operation in admin_activity_log (high).';
