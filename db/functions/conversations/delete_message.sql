-- The author deletes their message: it stays as a tombstone (deleted_at, no body, no attachment) so the thread
-- keeps its shape. The text stays with moderators (conversation_message_originals) until the conversation's
-- retention ends, as evidence should the message have been abusive.
create or replace function app_public.delete_message(message_id uuid)
returns app_public.conversation_messages
language plpgsql volatile security definer
set search_path = pg_catalog, public, pg_temp
as $$
declare
  v_user_id uuid := app_hidden.require_user('unverified', 'delete messages');
  v_message app_public.conversation_messages := app_hidden.own_live_message(delete_message.message_id, v_user_id);
begin
  if v_message.body is not null then
    insert into app_private.conversation_message_originals (message_id, body) values (v_message.id, v_message.body)
    on conflict on constraint conversation_message_originals_pkey do nothing;
  end if;
  update app_public.conversation_messages m set body = null, attachment_id = null, deleted_at = now()
   where m.id = v_message.id
  returning * into v_message;
  return v_message;
end;
$$;
comment on function app_public.delete_message(uuid) is E'@resultFieldName conversationMessage\nDeletes your message, leaving a tombstone in the conversation. Errors: LOGIN, NTFND (not your message), BADST (already deleted).';
grant execute on function app_public.delete_message(uuid) to app_user;
