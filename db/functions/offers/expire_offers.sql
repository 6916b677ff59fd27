-- Every 5 minutes (workers/crontab) and in the daily cleanup: live threads past their version's validity expire, at
-- most retention.batch_size per call (the next call takes the rest).
create or replace function app_private.expire_offers()
returns integer
language sql volatile
set search_path = pg_catalog, public, pg_temp
as $$
  with expired as (
    update app_public.delivery_offers o set status = 'expired', closed_at = now()
     where o.id in (select p.id from app_public.delivery_offers p
                     where p.status = 'pending' and p.valid_until <= now()
                     limit (app_hidden.config_value('retention.batch_size'))::int)
    returning 1
  )
  select count(*)::integer from expired;
$$;
comment on function app_private.expire_offers() is 'Expires pending offer threads whose current version is past its validity, at most retention.batch_size; returns how many.';
