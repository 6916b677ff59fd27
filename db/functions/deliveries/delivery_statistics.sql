-- User statistics of ended deliveries (docs/domain.md §7): counted once, in the transaction that ends the delivery.
--   delivered: both parties' totals and successes; the traveler's deliveries as traveler; the traveler earns the
--              final price (net: the fee is the customer's) and the customer spends price + platform fee.
--   cancelled: both totals and cancellations; cancelled_as_traveler when the traveler cancelled (a refused pickup,
--              the customer's item being at fault, carries no penalty).
-- A delivered delivery cancelled after a dispute moves from success to cancellation without counting twice.
-- user_earnings keeps one currency: a row that holds no money yet takes the currency of the user's first delivery;
-- money in another currency is not added there (the payments issue's ledger holds money in every currency).
create or replace function app_hidden.count_delivery_outcome(old_row app_public.deliveries, new_row app_public.deliveries)
returns void
language plpgsql volatile
set search_path = pg_catalog, public, pg_temp
as $$
declare
  v_was_delivered boolean := old_row.delivered_at is not null;
  v_traveler_at_fault boolean := new_row.status = 'cancelled' and new_row.cancelled_by = new_row.traveler_id
    and new_row.cancellation_reason not in ('item_not_as_described', 'cannot_inspect', 'prohibited_item');
begin
  if new_row.status = 'delivered' and not v_was_delivered then
    update app_public.user_statistics s
       set total_deliveries = s.total_deliveries + 1,
           successful_deliveries = s.successful_deliveries + 1,
           deliveries_as_traveler = s.deliveries_as_traveler + (s.user_id = new_row.traveler_id)::int,
           successful_as_traveler = s.successful_as_traveler + (s.user_id = new_row.traveler_id)::int,
           updated_at = now()
     where s.user_id in (new_row.customer_id, new_row.traveler_id);
    update app_public.user_earnings e
       set currency = new_row.currency,
           total_earnings = e.total_earnings + case when e.user_id = new_row.traveler_id then new_row.final_price else 0 end,
           total_spent = e.total_spent
             + case when e.user_id = new_row.customer_id then new_row.final_price + new_row.platform_fee else 0 end,
           updated_at = now()
     where e.user_id in (new_row.customer_id, new_row.traveler_id)
       and (e.currency = new_row.currency or (e.total_earnings = 0 and e.total_spent = 0));
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
