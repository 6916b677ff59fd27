-- Every offer thread opens its conversation (docs/conversations.md) in the transaction that creates it, whichever
-- path created it (submitOffer, inviteTraveler, the seed). Security definer: conversations take no direct writes.
create or replace function app_hidden.tg_delivery_offers__open_conversation()
returns trigger
language plpgsql volatile security definer
set search_path = pg_catalog, public, pg_temp
as $$
begin
  insert into app_public.conversations (kind, offer_id, customer_id, traveler_id)
  values ('offer', NEW.id, NEW.customer_id, NEW.traveler_id)
  on conflict (offer_id) do nothing;
  return null;
end;
$$;
comment on function app_hidden.tg_delivery_offers__open_conversation() is 'Opens the conversation of a new offer thread.';

drop trigger if exists _800_open_conversation on app_public.delivery_offers;
create trigger _800_open_conversation after insert on app_public.delivery_offers
  for each row execute function app_hidden.tg_delivery_offers__open_conversation();
