-- Daily maintenance (app_private.cleanup_expired_data): open requests past expires_at become expired. The
-- marketplace already hides them from the moment they expire (listed_delivery_requests checks expires_at), so the
-- sweep only makes the status tell the truth. Idempotent; uses delivery_requests_open_idx.
create or replace function app_hidden.expire_delivery_requests()
returns integer
language sql volatile
as $$
  with expired as (
    update app_public.delivery_requests r
       set status = 'expired'
     where r.status in ('pending', 'matched') and r.expires_at <= now()
    returning r.id
  ), offers as (
    -- Their live offers end with them (offer versions never outlive their request anyway).
    update app_public.delivery_offers o set status = 'expired', closed_at = now()
      from expired e
     where o.request_id = e.id and o.status = 'pending'
  )
  select count(*)::integer from expired;
$$;
comment on function app_hidden.expire_delivery_requests() is 'Marks pending and matched requests past their expiry as expired; returns how many.';
