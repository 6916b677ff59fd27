-- Sends a message in a conversation (docs/conversations.md): by one of its two parties, while it is open (a block
-- closes it for both: DNIED; a closed offer or an ended delivery: BADST), within conversations.messages_per_minute
-- over all of the sender's conversations (LIMIT; app_hidden.rate_limit_take serialises one sender's parallel
-- sends). Before a deal, and after the delivery's contacts window, contact details are masked in the body and the
-- original is kept for moderators only. The sender's first message in a conversation where the other party wrote
-- first is an answer: it feeds their response_time_minutes. The other party is notified (app_hidden.notify, which
-- applies their preferences and quiet hours) unless they are reading the conversation (their read position moved
-- within conversations.reading_seconds) or were already notified since they last read it. In a dispute's
-- conversation an admin with disputes.write writes too, as staff (from_staff), and both parties are told; the
-- dispute's status follows the exchange (app_hidden.dispute_message_posted).
create or replace function app_public.send_message(conversation_id uuid, body text default null,
                                                   attachment_id uuid default null)
returns app_public.conversation_messages
language plpgsql volatile security definer
set search_path = pg_catalog, public, pg_temp
as $$
declare
  v_user_id uuid := app_hidden.require_user('unverified', 'send messages');
  v_conversation app_public.conversations;
  v_other_id uuid;
  v_from_staff boolean;
  v_shown text := send_message.body;
  v_message app_public.conversation_messages;
  v_asked_at timestamptz;
  v_seconds bigint;
  v_read app_public.conversation_reads;
begin
  v_conversation := app_hidden.conversation_of_party(send_message.conversation_id, v_user_id);
  perform app_hidden.assert_conversation_open(v_conversation);
  if not app_hidden.rate_limit_take('conversation_message', v_user_id::text,
                                    (app_hidden.config_value('conversations.messages_per_minute'))::int,
                                    interval '1 minute') then
    raise exception 'You are sending messages too fast; wait a minute' using errcode = 'LIMIT';
  end if;
  v_from_staff := v_user_id not in (v_conversation.customer_id, v_conversation.traveler_id);
  if not app_hidden.conversation_contacts_open(v_conversation) then
    v_shown := app_hidden.mask_contact_details(send_message.body);
  end if;

  -- The sender's first message answers the other party's first one (offer threads: how fast a party deals).
  v_other_id := case v_user_id when v_conversation.customer_id then v_conversation.traveler_id
                               else v_conversation.customer_id end;
  if v_conversation.kind = 'offer' and not exists (select 1 from app_public.conversation_messages m
                  where m.conversation_id = v_conversation.id and m.author_id = v_user_id) then
    select min(m.created_at) into v_asked_at from app_public.conversation_messages m
     where m.conversation_id = v_conversation.id and m.author_id = v_other_id;
    if v_asked_at is not null then
      v_seconds := greatest(0, floor(extract(epoch from now() - v_asked_at)))::bigint;
      update app_public.user_statistics s
         set offer_answers = s.offer_answers + 1,
             offer_answer_seconds = s.offer_answer_seconds + v_seconds,
             response_time_minutes = round((s.offer_answer_seconds + v_seconds) / 60.0 / (s.offer_answers + 1))::integer
       where s.user_id = v_user_id;
    end if;
  end if;

  insert into app_public.conversation_messages (conversation_id, author_id, body, attachment_id, masked, from_staff)
  values (v_conversation.id, v_user_id, v_shown, send_message.attachment_id,
          v_shown is distinct from send_message.body, v_from_staff)
  returning * into v_message;
  if v_message.masked then
    insert into app_private.conversation_message_originals (message_id, body) values (v_message.id, send_message.body);
  end if;
  if v_conversation.kind = 'dispute' then
    perform app_hidden.dispute_message_posted(v_conversation.dispute_id, v_from_staff);
  end if;
  update app_public.conversations c set last_message_at = v_message.created_at where c.id = v_conversation.id;
  -- What one writes, one has read.
  insert into app_public.conversation_reads (conversation_id, user_id, last_read_at)
  values (v_conversation.id, v_user_id, v_message.created_at)
  on conflict on constraint conversation_reads_pkey do update set last_read_at = excluded.last_read_at;

  -- The parties other than the sender (both of them when staff writes in a dispute's conversation).
  foreach v_other_id in array array[v_conversation.customer_id, v_conversation.traveler_id] loop
    continue when v_other_id = v_user_id;
    select * into v_read from app_public.conversation_reads r
     where r.conversation_id = v_conversation.id and r.user_id = v_other_id;
    if coalesce(v_read.last_read_at, '-infinity') <= now() - make_interval(secs => (app_hidden.config_value('conversations.reading_seconds'))::int)
       and (v_read.notified_at is null or v_read.notified_at <= coalesce(v_read.last_read_at, '-infinity')) then
      perform app_hidden.notify(v_other_id, 'conversation_message',
        jsonb_build_object('sender_name', (select u.display_name from app_public.users u where u.id = v_user_id),
                           'request_title', (select r.title from app_public.delivery_requests r
                                              where r.id = coalesce(
                                                (select o.request_id from app_public.delivery_offers o where o.id = v_conversation.offer_id),
                                                (select d.request_id from app_public.deliveries d where d.id = v_conversation.delivery_id)))),
        'normal', v_conversation.delivery_id);
      insert into app_public.conversation_reads (conversation_id, user_id, notified_at)
      values (v_conversation.id, v_other_id, now())
      on conflict on constraint conversation_reads_pkey do update set notified_at = excluded.notified_at;
    end if;
  end loop;
  return v_message;
end;
$$;
comment on function app_public.send_message(uuid, text, uuid) is E'@resultFieldName conversationMessage\nSends a message (body of 1 to 2000 characters and/or one of your ready item photos) to the other party of a conversation (in a dispute''s conversation, as an admin with disputes.write: to both parties, as staff; never masked). Before a deal, phone numbers, email addresses and links are masked. Errors: LOGIN, NTFND (not your conversation), DNIED (a block closes it), BADST (the offer was closed or the delivery ended), LIMIT (conversations.messages_per_minute), INVAL.';
grant execute on function app_public.send_message(uuid, text, uuid) to app_user;
