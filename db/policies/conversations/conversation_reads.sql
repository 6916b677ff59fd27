-- Read positions: both parties of the conversation see both (read receipts), and moderators. Moved only by
-- markConversationRead and sendMessage.
drop policy if exists select_visible on app_public.conversation_reads;
create policy select_visible on app_public.conversation_reads for select to app_user
  using (conversation_id = any (array(select app_hidden.current_conversation_ids()))
         or (conversation_id between (select app_hidden.permitted_ids_from('content.moderate', 'disputes.read'))
                                 and (select app_hidden.permitted_ids_to('content.moderate', 'disputes.read'))
             and length(conversation_id::text) = 36));

revoke all on app_public.conversation_reads from app_anonymous, app_user;
grant select on app_public.conversation_reads to app_user;
