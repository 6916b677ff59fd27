-- What keeps an account from being deleted (docs/identity.md: refused while a delivery, escrow, dispute or balance
-- is open). One row per open item, in words the user can act on; delete_account lists them all in its refusal.
-- Each domain that can hold something open adds ONE branch below (union all), under a comment naming its domain.
-- Still to come, with their issues:
--   payments: money held for or owed by the user: an escrow not yet released or refunded, a payout balance,
--                  a traveler receivable;
--   disputes: a dispute the user is a party to that is not resolved or closed.
-- Pending delivery requests and upcoming trips are not listed: they are only announcements, and delete_account
-- cancels them with the account.
create or replace function app_hidden.account_open_items(user_id uuid)
returns setof text
language sql stable
set search_path = pg_catalog, public, pg_temp
as $$
  -- platform: admin rights are removed by another admin (the last super admin must not vanish with an account).
  select 'an active admin role (another admin must remove it first)'
   where exists (select 1 from app_private.admin_users a
                  where a.user_id = account_open_items.user_id and a.is_active)
  union all
  -- deliveries (docs/deliveries.md): a live delivery as customer or traveler; a delivered one stays open for as long as it may be
  -- disputed (deliveries.dispute_window_hours), since its money is not settled before.
  select format('delivery %s (%s, as %s%s)', d.delivery_number, replace(d.status::text, '_', ' '),
                case when d.customer_id = account_open_items.user_id then 'customer' else 'traveler' end,
                case when d.status = 'delivered'
                     then '; disputes possible until ' || to_char((d.delivered_at + w.window_length) at time zone 'UTC',
                                                                  'YYYY-MM-DD HH24:MI "UTC"')
                     else '' end)
    from app_public.deliveries d
   cross join (select make_interval(hours => (app_hidden.config_value('deliveries.dispute_window_hours'))::int)
                        as window_length) w
   where (d.customer_id = account_open_items.user_id or d.traveler_id = account_open_items.user_id)
     and (d.status not in ('delivered', 'cancelled')
          or (d.status = 'delivered' and d.delivered_at + w.window_length > now()))
  union all
  -- offers (docs/offers.md): a pending offer thread, the user's own as traveler or one on the user's request.
  select case when o.traveler_id = account_open_items.user_id
              then format('a pending offer of yours on "%s"', r.title)
              else format('a pending offer on your request "%s"', r.title) end
    from app_public.delivery_offers o
    join app_public.delivery_requests r on r.id = o.request_id
   where o.status = 'pending'
     and (o.traveler_id = account_open_items.user_id or o.customer_id = account_open_items.user_id);
$$;
comment on function app_hidden.account_open_items(uuid) is 'Open items that refuse the deletion of the account, one description per row.';
