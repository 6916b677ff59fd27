-- ConversationMessage.originalBody: the text as written — before masking, before a moderator hid it, before its
-- author deleted it — for moderators (content.moderate, disputes.read) only; null for everyone else. Security
-- definer to read app_private; the permission check comes first.
create or replace function app_public.conversation_messages_original_body(message app_public.conversation_messages)
returns text
language sql stable security definer
set search_path = pg_catalog, public, pg_temp
as $$
  select case when app_hidden.current_user_has_permission('content.moderate')
                or app_hidden.current_user_has_permission('disputes.read')
              then coalesce((select o.body from app_private.conversation_message_originals o
                              where o.message_id = conversation_messages_original_body.message.id),
                            conversation_messages_original_body.message.body) end;
$$;
comment on function app_public.conversation_messages_original_body(app_public.conversation_messages) is 'The message as written, unmasked (moderators only; null for others).';
grant execute on function app_public.conversation_messages_original_body(app_public.conversation_messages) to app_user;
