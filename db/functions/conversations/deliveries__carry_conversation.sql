-- An accepted offer's conversation carries over to its delivery (docs/conversations.md): the delivery is recorded on
-- it in the accepting transaction, which from then on decides masking (the contacts window) and retention.
create or replace function app_hidden.tg_deliveries__carry_conversation()
returns trigger
language plpgsql volatile security definer
set search_path = pg_catalog, public, pg_temp
as $$
begin
  update app_public.conversations c set delivery_id = NEW.id where c.offer_id = NEW.offer_id;
  return null;
end;
$$;
comment on function app_hidden.tg_deliveries__carry_conversation() is 'Records a new delivery on its offer''s conversation.';

drop trigger if exists _800_carry_conversation on app_public.deliveries;
create trigger _800_carry_conversation after insert on app_public.deliveries
  for each row execute function app_hidden.tg_deliveries__carry_conversation();
