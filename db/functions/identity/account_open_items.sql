-- What keeps an account from being deleted (docs/domain.md §1: an open delivery, escrow, dispute or balance). One
-- row per open item, in words the user can act on. Later domains add their branches here (deliveries, escrow,
-- disputes, payout balance); for now an active admin role is the only one: the last super admin must not vanish,
-- and admin rights are removed by another admin, not by closing the account.
create or replace function app_hidden.account_open_items(user_id uuid)
returns setof text
language sql stable
set search_path = pg_catalog, public, pg_temp
as $$
  select 'an active admin role (another admin must remove it first)'
   where exists (select 1 from app_private.admin_users a
                  where a.user_id = account_open_items.user_id and a.is_active);
$$;
comment on function app_hidden.account_open_items(uuid) is 'Open items that refuse the deletion of the account, one description per row.';
