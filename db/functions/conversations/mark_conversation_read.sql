-- A party marks a conversation read up to now: their read receipt for the other party, their unread count back to
-- zero, and (for conversations.reading_seconds) the sign that they are reading, which holds back notifications of
-- new messages.
create or replace function app_public.mark_conversation_read(conversation_id uuid)
returns app_public.conversation_reads
language plpgsql volatile security definer
set search_path = pg_catalog, public, pg_temp
as $$
declare
  v_user_id uuid := app_hidden.require_not_suspended('read conversations');
  v_conversation app_public.conversations := app_hidden.conversation_of_party(mark_conversation_read.conversation_id, v_user_id);
  v_read app_public.conversation_reads;
begin
  insert into app_public.conversation_reads (conversation_id, user_id, last_read_at)
  values (v_conversation.id, v_user_id, now())
  on conflict on constraint conversation_reads_pkey do update set last_read_at = excluded.last_read_at
  returning * into v_read;
  return v_read;
end;
$$;
comment on function app_public.mark_conversation_read(uuid) is E'@resultFieldName conversationRead\nMarks the conversation read up to now (a read receipt for the other party). Errors: LOGIN, NTFND (not your conversation).';
grant execute on function app_public.mark_conversation_read(uuid) to app_user;
