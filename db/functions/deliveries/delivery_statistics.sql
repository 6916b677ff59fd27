-- User statistics of ended deliveries (docs/deliveries.md): counted once, in the transaction that ends the delivery.
--   delivered: both parties' totals and successes; the traveler's deliveries as traveler; the traveler earns the
--              final price (net: the fee is the customer's) and the customer spends price + platform fee.
--   cancelled: both totals and cancellations; cancelled_as_traveler when the traveler cancelled (a refused pickup,
--              the customer's item being at fault, carries no penalty).
-- A delivered delivery cancelled after a dispute moves from success to cancellation without counting twice; its
-- money stays counted (the dispute's settlement, with its refunds, belongs to the payments issue).
-- user_earnings has a row per user and currency, created by the first delivered delivery in that currency: nothing
-- in another currency is dropped.

-- What the customer was charged for a delivery, in its currency: the one place that says so. The payment's full
-- charge (final price + platform fee + processing fee, app_hidden.charge_amounts: 2000 → 2294) less the credits it
-- used, or, for a delivery without a payment row, the charge its price makes.
create or replace function app_hidden.customer_charge(delivery app_public.deliveries)
returns bigint
language sql stable
set search_path = pg_catalog, public, pg_temp
as $$
  select coalesce((select p.amount from app_public.payment_intents p where p.delivery_id = (customer_charge.delivery).id),
                  (select c.amount from app_hidden.charge_amounts((customer_charge.delivery).final_price) c));
$$;
comment on function app_hidden.customer_charge(app_public.deliveries) is 'What the customer paid for a delivery: the payment''s amount (price + platform and processing fees − credits), or the charge its price makes.';

-- Whether a cancelled delivery counts against its traveler: they cancelled it, and not because the customer's item
-- was at fault (a refused pickup carries no penalty). The statistics below and the moderation flag of travelers who
-- cancel often (admin/deliveries__flag_frequent_cancellations.sql) both count these.
create or replace function app_hidden.traveler_cancelled(delivery app_public.deliveries)
returns boolean
language sql immutable
set search_path = pg_catalog, public, pg_temp
as $$
  select traveler_cancelled.delivery.status = 'cancelled'
     and traveler_cancelled.delivery.cancelled_by is not distinct from traveler_cancelled.delivery.traveler_id
     and traveler_cancelled.delivery.cancellation_reason not in ('item_not_as_described', 'cannot_inspect', 'prohibited_item');
$$;
comment on function app_hidden.traveler_cancelled(app_public.deliveries) is 'Whether a delivery is cancelled at its traveler''s fault.';

create or replace function app_hidden.count_delivery_outcome(old_row app_public.deliveries, new_row app_public.deliveries)
returns void
language plpgsql volatile
set search_path = pg_catalog, public, pg_temp
as $$
declare
  v_was_delivered boolean := old_row.delivered_at is not null;
  v_traveler_at_fault boolean := app_hidden.traveler_cancelled(new_row);
begin
  if new_row.status = 'delivered' and not v_was_delivered then
    update app_public.user_statistics s
       set total_deliveries = s.total_deliveries + 1,
           successful_deliveries = s.successful_deliveries + 1,
           deliveries_as_traveler = s.deliveries_as_traveler + (s.user_id = new_row.traveler_id)::int,
           successful_as_traveler = s.successful_as_traveler + (s.user_id = new_row.traveler_id)::int,
           updated_at = now()
     where s.user_id in (new_row.customer_id, new_row.traveler_id);
    -- The traveler's row first, then the customer's (a fixed order for the two row locks).
    insert into app_public.user_earnings as e (user_id, currency, total_earnings, total_spent)
    values (new_row.traveler_id, new_row.currency, new_row.final_price, 0),
           (new_row.customer_id, new_row.currency, 0, app_hidden.customer_charge(new_row))
    on conflict (user_id, currency) do update
       set total_earnings = e.total_earnings + excluded.total_earnings,
           total_spent = e.total_spent + excluded.total_spent;
  elsif new_row.status = 'cancelled' and v_was_delivered then
    update app_public.user_statistics s
       set successful_deliveries = s.successful_deliveries - 1,
           cancelled_deliveries = s.cancelled_deliveries + 1,
           successful_as_traveler = s.successful_as_traveler - (s.user_id = new_row.traveler_id)::int,
           updated_at = now()
     where s.user_id in (new_row.customer_id, new_row.traveler_id);
  elsif new_row.status = 'cancelled' then
    update app_public.user_statistics s
       set total_deliveries = s.total_deliveries + 1,
           cancelled_deliveries = s.cancelled_deliveries + 1,
           deliveries_as_traveler = s.deliveries_as_traveler + (s.user_id = new_row.traveler_id)::int,
           cancelled_as_traveler = s.cancelled_as_traveler + (s.user_id = new_row.traveler_id and v_traveler_at_fault)::int,
           updated_at = now()
     where s.user_id in (new_row.customer_id, new_row.traveler_id);
  end if;
end;
$$;
comment on function app_hidden.count_delivery_outcome(app_public.deliveries, app_public.deliveries) is 'Counts a delivery that ended (delivered or cancelled) in both parties'' statistics and earnings.';
