-- Live conversation events for the websocket subscription myConversationEvents (server/plugins/conversationEvents.ts):
-- a NOTIFY on each party's own channel, conversations:<user id>, when a message is sent, edited, deleted or hidden,
-- and when a party's read position moves (a read receipt). The payload holds keys only ({"event",
-- "conversation_id", "message_id", "user_id"}); the server reads the rows back under the subscriber's row level
-- security. NOTIFY is transactional: nothing is announced unless the change commits.
create or replace function app_hidden.announce_conversation_event(conversation_id uuid, event text, message_id uuid,
                                                                  user_id uuid)
returns void
language plpgsql volatile security definer
set search_path = pg_catalog, public, pg_temp
as $$
declare
  v_party uuid;
  v_payload text := json_build_object('event', announce_conversation_event.event,
    'conversation_id', announce_conversation_event.conversation_id,
    'message_id', announce_conversation_event.message_id, 'user_id', announce_conversation_event.user_id)::text;
begin
  for v_party in
    select unnest(array[c.customer_id, c.traveler_id]) from app_public.conversations c
     where c.id = announce_conversation_event.conversation_id
  loop
    perform pg_notify('conversations:' || v_party, v_payload);
  end loop;
end;
$$;
comment on function app_hidden.announce_conversation_event(uuid, text, uuid, uuid) is 'Announces a conversation event to both parties, on their channels conversations:<user id>, keys only.';

create or replace function app_hidden.tg_conversation_messages__events()
returns trigger
language plpgsql volatile security definer
set search_path = pg_catalog, public, pg_temp
as $$
begin
  perform app_hidden.announce_conversation_event(NEW.conversation_id,
    case when TG_OP = 'INSERT' then 'created'
         when NEW.hidden_at is not null and OLD.hidden_at is null then 'hidden'
         when NEW.deleted_at is not null and OLD.deleted_at is null then 'deleted'
         else 'edited' end,
    NEW.id, NEW.author_id);
  return null;
end;
$$;
comment on function app_hidden.tg_conversation_messages__events() is 'Announces sent, edited, deleted and hidden messages to both parties.';

drop trigger if exists _900_events on app_public.conversation_messages;
create trigger _900_events after insert or update of body, deleted_at, hidden_at on app_public.conversation_messages
  for each row execute function app_hidden.tg_conversation_messages__events();

create or replace function app_hidden.tg_conversation_reads__events()
returns trigger
language plpgsql volatile security definer
set search_path = pg_catalog, public, pg_temp
as $$
begin
  perform app_hidden.announce_conversation_event(NEW.conversation_id, 'read', null, NEW.user_id);
  return null;
end;
$$;
comment on function app_hidden.tg_conversation_reads__events() is 'Announces a moved read position (a read receipt) to both parties.';

drop trigger if exists _900_events on app_public.conversation_reads;
create trigger _900_events after insert or update of last_read_at on app_public.conversation_reads
  for each row when (NEW.last_read_at is not null)
  execute function app_hidden.tg_conversation_reads__events();
