-- The author edits their message within conversations.edit_minutes of sending it (EXPRD after), while the
-- conversation is open; the new text is masked by the same rule as a new message.
create or replace function app_public.edit_message(message_id uuid, body text)
returns app_public.conversation_messages
language plpgsql volatile security definer
set search_path = pg_catalog, public, pg_temp
as $$
declare
  v_user_id uuid := app_hidden.require_user('unverified', 'edit messages');
  v_message app_public.conversation_messages := app_hidden.own_live_message(edit_message.message_id, v_user_id);
  v_conversation app_public.conversations;
  v_shown text := edit_message.body;
begin
  select * into v_conversation from app_public.conversations c where c.id = v_message.conversation_id;
  perform app_hidden.assert_conversation_open(v_conversation);
  if v_message.created_at < now() - make_interval(mins => (app_hidden.config_value('conversations.edit_minutes'))::int) then
    raise exception 'A message can be edited only within % minutes of sending it',
      app_hidden.config_value('conversations.edit_minutes') using errcode = 'EXPRD';
  end if;
  if not app_hidden.conversation_contacts_open(v_conversation) then
    v_shown := app_hidden.mask_contact_details(edit_message.body);
  end if;
  update app_public.conversation_messages m
     set body = v_shown, masked = v_shown is distinct from edit_message.body, edited_at = now()
   where m.id = v_message.id
  returning * into v_message;
  delete from app_private.conversation_message_originals o where o.message_id = v_message.id;
  if v_message.masked then
    insert into app_private.conversation_message_originals (message_id, body) values (v_message.id, edit_message.body);
  end if;
  return v_message;
end;
$$;
comment on function app_public.edit_message(uuid, text) is E'@resultFieldName conversationMessage\nReplaces the text of your message, within 5 minutes (conversations.edit_minutes) of sending it. Errors: LOGIN, NTFND (not your message), BADST (deleted), DNIED or BADST (conversation closed), EXPRD, INVAL.';
grant execute on function app_public.edit_message(uuid, text) to app_user;
