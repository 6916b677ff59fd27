-- Conversation.unreadCount: the other party's live messages sent after the signed-in user's read position.
create or replace function app_public.conversations_unread_count(conversation app_public.conversations)
returns integer
language sql stable
set search_path = pg_catalog, public, pg_temp
as $$
  select count(*)::int from app_public.conversation_messages m
   where m.conversation_id = conversations_unread_count.conversation.id
     and m.author_id <> (select app_public.current_user_id())
     and m.deleted_at is null
     and m.created_at > coalesce((select r.last_read_at from app_public.conversation_reads r
                                   where r.conversation_id = conversations_unread_count.conversation.id
                                     and r.user_id = (select app_public.current_user_id())), '-infinity');
$$;
comment on function app_public.conversations_unread_count(app_public.conversations) is 'How many of the other party''s messages you have not read.';
grant execute on function app_public.conversations_unread_count(app_public.conversations) to app_user;
