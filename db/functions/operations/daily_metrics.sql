-- The platform's numbers of one UTC day (docs/operations.md, Metrics), upserted by metrics__daily at 00:30 UTC for
-- the day before (any day on demand): an 'activity' row and one 'money' row per currency that moved. Re-running a
-- day replaces its numbers, so a late payment or a fixed bug is one call away from right.
create or replace function app_private.compute_daily_metrics(day date)
returns integer
language plpgsql volatile
set search_path = pg_catalog, public, pg_temp
as $$
declare
  v_from timestamptz := (compute_daily_metrics.day::timestamp at time zone 'UTC');
  v_to timestamptz := ((compute_daily_metrics.day + 1)::timestamp at time zone 'UTC');
  v_rows integer;
begin
  with deliveries as (
    select count(*) filter (where d.accepted_at >= v_from and d.accepted_at < v_to) as matches,
           count(*) filter (where d.delivered_at >= v_from and d.delivered_at < v_to) as completions,
           count(*) filter (where d.cancelled_at >= v_from and d.cancelled_at < v_to) as cancellations
      from app_public.deliveries d
     where (d.accepted_at >= v_from and d.accepted_at < v_to) or (d.delivered_at >= v_from and d.delivered_at < v_to)
        or (d.cancelled_at >= v_from and d.cancelled_at < v_to))
  insert into app_public.daily_metrics as m (metric_date, metric_type, currency, new_users, active_users, deleted_users,
                                             requests, matches, completions, cancellations, success_rate, computed_at)
  select compute_daily_metrics.day, 'activity', null,
         (select count(*) from app_public.users u where u.created_at >= v_from and u.created_at < v_to),
         (select count(distinct s.user_id) from app_private.sessions s where s.created_at >= v_from and s.created_at < v_to),
         (select count(*) from app_private.account_closures c
           where c.kind = 'deleted' and c.created_at >= v_from and c.created_at < v_to),
         (select count(*) from app_public.delivery_requests r where r.created_at >= v_from and r.created_at < v_to),
         d.matches, d.completions, d.cancellations,
         case when d.completions + d.cancellations > 0
              then round(d.completions::numeric / (d.completions + d.cancellations), 4) end,
         now()
    from deliveries d
  on conflict (metric_date, metric_type, currency) do update
     set new_users = excluded.new_users, active_users = excluded.active_users, deleted_users = excluded.deleted_users,
         requests = excluded.requests, matches = excluded.matches, completions = excluded.completions,
         cancellations = excluded.cancellations, success_rate = excluded.success_rate, computed_at = excluded.computed_at;

  -- Money: what was captured (revenue, of which the platform's fees) and refunded that day, per currency; a currency
  -- that moved on an earlier run but not now is set back to zero rather than left stale.
  with captured as (
    select p.currency, sum(p.captured_amount) as revenue, sum(p.platform_fee) as fees
      from app_public.payment_intents p
     where p.captured_at >= v_from and p.captured_at < v_to
     group by p.currency),
  refunded as (
    select r.currency, sum(r.amount) as refunds
      from app_public.refunds r
     where r.status = 'succeeded' and r.updated_at >= v_from and r.updated_at < v_to
     group by r.currency),
  completed as (
    select d.currency, count(*) as completions
      from app_public.deliveries d
     where d.delivered_at >= v_from and d.delivered_at < v_to
     group by d.currency),
  currencies as (
    select currency from captured union select currency from refunded union select currency from completed
    union select m.currency from app_public.daily_metrics m
     where m.metric_date = compute_daily_metrics.day and m.metric_type = 'money')
  insert into app_public.daily_metrics as m (metric_date, metric_type, currency, completions, revenue, fees, refunds,
                                             computed_at)
  select compute_daily_metrics.day, 'money', c.currency, coalesce(k.completions, 0), coalesce(p.revenue, 0),
         coalesce(p.fees, 0), coalesce(r.refunds, 0), now()
    from currencies c
    left join captured p on p.currency = c.currency
    left join refunded r on r.currency = c.currency
    left join completed k on k.currency = c.currency
  on conflict (metric_date, metric_type, currency) do update
     set completions = excluded.completions, revenue = excluded.revenue, fees = excluded.fees,
         refunds = excluded.refunds, computed_at = excluded.computed_at;
  get diagnostics v_rows = row_count;
  return v_rows + 1;
end;
$$;
comment on function app_private.compute_daily_metrics(date) is 'Upserts the daily_metrics rows of a UTC day; returns how many rows it wrote.';
