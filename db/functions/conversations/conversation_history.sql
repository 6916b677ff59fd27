-- conversationHistory: a conversation's messages, newest first, as a keyset: `before` names the oldest message the client holds, and
-- the page continues below it along the (conversation_id, created_at desc, id desc) index, however many messages
-- arrive meanwhile. Runs as the caller: a conversation they are no party to (nor a moderator of) has no rows.
create or replace function app_public.conversation_history(conversation_id uuid, before uuid default null)
returns setof app_public.conversation_messages
language sql stable
set search_path = pg_catalog, public, pg_temp
as $$
  select m.* from app_public.conversation_messages m
   where m.conversation_id = conversation_history.conversation_id
     and (conversation_history.before is null
          or (m.created_at, m.id) < (select b.created_at, b.id from app_public.conversation_messages b
                                       where b.id = conversation_history.before
                                         and b.conversation_id = conversation_history.conversation_id))
   order by m.created_at desc, m.id desc;
$$;
comment on function app_public.conversation_history(uuid, uuid) is 'The messages of a conversation, newest first; pass the oldest message you hold as before for the previous page. Empty for a conversation that is not yours.';
grant execute on function app_public.conversation_history(uuid, uuid) to app_user;
