-- The nightly reconciliation (docs/payments.md, Reconciliation). payments__reconcile reads what the platform recorded
-- lately (reconciliation_items: PaymentIntents, release transfers and refunds changed since a time), fetches each
-- object from Stripe, compares the fields below, and records the run (record_reconciliation), emailing finance when
-- anything differs. It corrects nothing: a difference is for a person to look at.
--   payment_intent: status (failed is Stripe's requires_payment_method), amount, amount_received = captured_amount
--                   once captured;
--   transfer:       amount = what was released plus what reversals took back, amount_reversed = Σ reversals;
--   refund:         amount, status.
create or replace function app_private.reconciliation_items(since timestamptz, max_rows integer default 5000)
returns setof jsonb
language sql stable
set search_path = pg_catalog, public, pg_temp
as $$
  (select jsonb_build_object('kind', 'payment_intent', 'stripe_id', r.stripe_id, 'local_id', p.id,
            'expected', jsonb_build_object(
              'status', case p.status when 'failed' then 'requires_payment_method' else p.status::text end,
              'amount', p.amount,
              'amount_received', case when p.status = 'succeeded' then p.captured_amount end))
     from app_public.payment_intents p
     join app_private.stripe_refs r on r.payment_intent_id = p.id and r.kind = 'payment_intent'
    where p.updated_at >= reconciliation_items.since
    order by p.updated_at
    limit reconciliation_items.max_rows)
  union all
  (select jsonb_build_object('kind', 'transfer', 'stripe_id', r.stripe_id, 'local_id', e.id,
            'expected', jsonb_build_object('amount', e.released_amount + v.reversed + v.receivable,
                                           'amount_reversed', v.reversed))
     from app_public.escrow_accounts e
     join app_private.stripe_refs r on r.escrow_id = e.id and r.kind = 'transfer'
     -- A share refunded but not reversed (the traveler's receivable) left released_amount without leaving the transfer.
     cross join lateral (select coalesce(sum(f.reversal_amount), 0) as reversed,
                                coalesce(sum(f.receivable_amount), 0) as receivable from app_public.refunds f
                          where f.payment_intent_id = e.payment_intent_id and f.status = 'succeeded') v
    where e.updated_at >= reconciliation_items.since
    order by e.updated_at
    limit reconciliation_items.max_rows)
  union all
  (select jsonb_build_object('kind', 'refund', 'stripe_id', r.stripe_id, 'local_id', f.id,
            'expected', jsonb_build_object('amount', f.amount, 'status', f.status::text))
     from app_public.refunds f
     join app_private.stripe_refs r on r.refund_id = f.id and r.kind = 'refund'
    where f.updated_at >= reconciliation_items.since
    order by f.updated_at
    limit reconciliation_items.max_rows);
$$;
comment on function app_private.reconciliation_items(timestamptz, integer) is 'payments__reconcile: the PaymentIntents, release transfers and refunds changed since a time, with what Stripe should show for each.';

-- Records a reconciliation run; emails finance when it found differences. Returns the run's id.
create or replace function app_private.record_reconciliation(since timestamptz, checked integer, differences jsonb)
returns uuid
language plpgsql volatile
set search_path = pg_catalog, public, pg_temp
as $$
declare
  v_id uuid;
begin
  insert into app_private.reconciliation_runs (since, checked, differences)
  values (record_reconciliation.since, record_reconciliation.checked, record_reconciliation.differences)
  returning id into v_id;
  if jsonb_array_length(record_reconciliation.differences) > 0 then
    perform app_private.alert_admins('finance.read', 'reconciliation_differences_alert',
      jsonb_build_object('differences', jsonb_array_length(record_reconciliation.differences),
                         'checked', record_reconciliation.checked,
                         'since', app_hidden.notification_time(record_reconciliation.since), 'run_id', v_id,
                         'details', left(jsonb_pretty(record_reconciliation.differences), 5000)));
  end if;
  return v_id;
end;
$$;
comment on function app_private.record_reconciliation(timestamptz, integer, jsonb) is 'Records a reconciliation run with its differences; emails finance when there are any.';
