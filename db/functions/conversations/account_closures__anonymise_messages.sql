-- Messages of a deleted account are anonymised, not removed (docs/conversations.md, Retention): when
-- app_private.anonymise_deleted_users scrubs an account (anonymised_at set on its closure), the author's messages
-- keep their place and their text, with contact details masked for good, and the originals kept for moderators
-- are deleted. The author appears as "Deleted" like everywhere else (the user row). The other party's history stays
-- readable.
create or replace function app_hidden.tg_account_closures__anonymise_messages()
returns trigger
language plpgsql volatile security definer
set search_path = pg_catalog, public, pg_temp
as $$
begin
  delete from app_private.conversation_message_originals o
   using app_public.conversation_messages m
   where o.message_id = m.id and m.author_id = NEW.user_id;
  update app_public.conversation_messages m
     set body = app_hidden.mask_contact_details(m.body), masked = true
   where m.author_id = NEW.user_id and m.body is distinct from app_hidden.mask_contact_details(m.body);
  return null;
end;
$$;
comment on function app_hidden.tg_account_closures__anonymise_messages() is 'Masks the contact details in a scrubbed account''s messages and forgets their originals.';

drop trigger if exists _500_anonymise_messages on app_private.account_closures;
create trigger _500_anonymise_messages after update of anonymised_at on app_private.account_closures
  for each row when (OLD.anonymised_at is null and NEW.anonymised_at is not null)
  execute function app_hidden.tg_account_closures__anonymise_messages();
