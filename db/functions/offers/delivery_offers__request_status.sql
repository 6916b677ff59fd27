-- A request with a live thread shows matched, without one pending (docs/requests.md); only while it is open.
create or replace function app_hidden.tg_delivery_offers__request_status()
returns trigger
language plpgsql volatile
set search_path = pg_catalog, public, pg_temp
as $$
begin
  update app_public.delivery_requests r
     set status = case when exists (select 1 from app_public.delivery_offers o
                                     where o.request_id = r.id and o.status = 'pending')
                       then 'matched' else 'pending' end::app_public.delivery_request_status
   where r.id = NEW.request_id and r.status in ('pending', 'matched');
  return null;
end;
$$;
comment on function app_hidden.tg_delivery_offers__request_status() is 'Keeps an open request matched while it has a live offer thread, pending otherwise.';

create or replace trigger _500_request_status after insert or update of status on app_public.delivery_offers
  for each row execute function app_hidden.tg_delivery_offers__request_status();
