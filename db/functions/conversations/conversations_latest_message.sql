-- Conversation.latestMessage: its newest message (a tombstone included), for lists of conversations.
create or replace function app_public.conversations_latest_message(conversation app_public.conversations)
returns app_public.conversation_messages
language sql stable
set search_path = pg_catalog, public, pg_temp
as $$
  select m.* from app_public.conversation_messages m
   where m.conversation_id = conversations_latest_message.conversation.id
   order by m.created_at desc, m.id desc
   limit 1;
$$;
comment on function app_public.conversations_latest_message(app_public.conversations) is 'The newest message of the conversation.';
grant execute on function app_public.conversations_latest_message(app_public.conversations) to app_user;
