-- Conversation.closedReason: why no message can be sent (blocked, offer_closed, delivery_ended, dispute_closed), null while open.
create or replace function app_public.conversations_closed_reason(conversation app_public.conversations)
returns text
language sql stable
set search_path = pg_catalog, public, pg_temp
as $$
  select app_hidden.conversation_closed_reason(conversations_closed_reason.conversation);
$$;
comment on function app_public.conversations_closed_reason(app_public.conversations) is 'Why the conversation takes no new message: blocked, offer_closed, delivery_ended or dispute_closed; null while it is open.';
grant execute on function app_public.conversations_closed_reason(app_public.conversations) to app_user;
