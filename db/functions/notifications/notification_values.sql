-- How notification variables show money and instants, the same in every template: an amount in minor units as a
-- decimal with two places (as offers show prices), an instant as its UTC date and minute.
create or replace function app_hidden.notification_amount(amount bigint)
returns text
language sql stable
set search_path = pg_catalog, public, pg_temp
as $$
  select to_char(notification_amount.amount / 100.0, 'FM999999999990.00');
$$;
comment on function app_hidden.notification_amount(bigint) is 'An amount in minor units as notifications show it (12.50).';

create or replace function app_hidden.notification_time(at timestamptz)
returns text
language sql stable
set search_path = pg_catalog, public, pg_temp
as $$
  select to_char(notification_time.at at time zone 'UTC', 'YYYY-MM-DD HH24:MI "UTC"');
$$;
comment on function app_hidden.notification_time(timestamptz) is 'An instant as notifications show it (2026-12-11 09:30 UTC).';
