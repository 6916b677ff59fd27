-- Every dispute opens its conversation (docs/conversations.md, Disputes) in the transaction that creates it, whichever
-- path created it (openDispute, a chargeback): the delivery's customer and traveler are its parties. Security
-- definer: conversations take no direct writes.
create or replace function app_hidden.tg_disputes__open_conversation()
returns trigger
language plpgsql volatile security definer
set search_path = pg_catalog, public, pg_temp
as $$
begin
  insert into app_public.conversations (kind, dispute_id, delivery_id, customer_id, traveler_id)
  select 'dispute', NEW.id, d.id, d.customer_id, d.traveler_id from app_public.deliveries d where d.id = NEW.delivery_id
  on conflict (dispute_id) do nothing;
  return null;
end;
$$;
comment on function app_hidden.tg_disputes__open_conversation() is 'Opens the conversation of a new dispute.';

drop trigger if exists _800_open_conversation on app_public.disputes;
create trigger _800_open_conversation after insert on app_public.disputes
  for each row execute function app_hidden.tg_disputes__open_conversation();
