-- The signed-in user's conversations, the most recently active first (then the newest); each shows its latest
-- message (latestMessage) and how many messages of the other party are unread (unreadCount). Runs as the caller:
-- the conversations policy shows only their own, and both arms are index scans.
create or replace function app_public.my_conversations()
returns setof app_public.conversations
language sql stable
set search_path = pg_catalog, public, pg_temp
as $$
  select c.* from app_public.conversations c
   where c.customer_id = (select app_public.current_user_id()) or c.traveler_id = (select app_public.current_user_id())
   order by coalesce(c.last_message_at, c.created_at) desc, c.id desc;
$$;
comment on function app_public.my_conversations() is 'Your conversations, the most recently active first, each with its latest message and unread count.';
grant execute on function app_public.my_conversations() to app_user;
