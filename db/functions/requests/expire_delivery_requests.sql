-- Daily maintenance (app_private.cleanup_expired_data): open requests past expires_at become expired. The
-- marketplace already hides them from the moment they expire (listed_delivery_requests checks expires_at), so the
-- sweep only makes the status tell the truth. Idempotent; uses delivery_requests_open_idx; at most
-- retention.batch_size requests per call (the cleanup job calls again while work is left).
create or replace function app_private.expire_delivery_requests()
returns integer
language sql volatile
set search_path = pg_catalog, public, pg_temp
as $$
  with expired as (
    update app_public.delivery_requests r
       set status = 'expired'
     where r.id in (select o.id from app_public.delivery_requests o
                     where o.status in ('pending', 'matched') and o.expires_at <= now()
                     limit (app_hidden.config_value('retention.batch_size'))::int)
    returning r.id
  ), offers as (
    -- Their live offers end with them (offer versions never outlive their request anyway).
    update app_public.delivery_offers o set status = 'expired', closed_at = now()
      from expired e
     where o.request_id = e.id and o.status = 'pending'
  )
  select count(*)::integer from expired;
$$;
comment on function app_private.expire_delivery_requests() is 'Marks pending and matched requests past their expiry as expired, at most retention.batch_size; returns how many.';
