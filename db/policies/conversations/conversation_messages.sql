-- Messages: the parties of their conversation (app_hidden.current_conversation_ids, a small set per caller) and
-- moderators (content.moderate, disputes.read). Writes only through sendMessage, editMessage, deleteMessage and
-- moderateMessage.
drop policy if exists select_visible on app_public.conversation_messages;
create policy select_visible on app_public.conversation_messages for select to app_user
  using (conversation_id = any (array(select app_hidden.current_conversation_ids()))
         or (id between (select app_hidden.permitted_ids_from('content.moderate', 'disputes.read'))
                        and (select app_hidden.permitted_ids_to('content.moderate', 'disputes.read'))
             and length(id::text) = 36));

revoke all on app_public.conversation_messages from app_anonymous, app_user;
grant select on app_public.conversation_messages to app_user;
