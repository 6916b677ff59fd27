-- The rules of conversations (docs/conversations.md), shared by their functions and policies: who takes part,
-- whether a conversation is open for new messages, whether contact details are masked, and the masking itself.

-- The conversations the signed-in user is a party to: a small set per caller, read once per statement by the
-- policies of conversation_messages and conversation_reads. Security definer to read conversations without their
-- own policy (a policy must not query its own table); it only ever answers about the caller.
create or replace function app_hidden.current_conversation_ids()
returns setof uuid
language sql stable security definer
set search_path = pg_catalog, public, pg_temp
as $$
  select c.id from app_public.conversations c where c.customer_id = app_public.current_user_id()
  union all
  select c.id from app_public.conversations c where c.traveler_id = app_public.current_user_id();
$$;
comment on function app_hidden.current_conversation_ids() is 'The conversations the signed-in user is a party to.';
grant execute on function app_hidden.current_conversation_ids() to app_user;

-- Whether messages written now are shown as written: from the offer's acceptance for as long as the delivery's
-- contacts window is open (deliveries.contacts_after_hours after delivery, never once cancelled: the rule of
-- deliveryContacts, app_hidden.contacts_open). Before a deal, and after the window, contact details are masked so
-- that the platform's payment protection cannot be bypassed. A dispute's conversation is never masked: the deal is
-- made, admins read along, and a contact detail may be what the dispute is about.
create or replace function app_hidden.conversation_contacts_open(conversation app_public.conversations)
returns boolean
language sql stable
set search_path = pg_catalog, public, pg_temp
as $$
  select conversation_contacts_open.conversation.kind = 'dispute'
      or coalesce((select app_hidden.contacts_open(d.status, d.delivered_at)
                     from app_public.deliveries d where d.id = conversation_contacts_open.conversation.delivery_id),
                  false);
$$;
comment on function app_hidden.conversation_contacts_open(app_public.conversations) is 'Whether contact details written now in the conversation are shown unmasked (its delivery''s contacts window is open).';

-- Why a conversation takes no new message, or null when it does: a dispute's conversation is open until the dispute
-- is closed, blocks notwithstanding (a dispute must stay resolvable); a block between the parties closes any other
-- for both; an offer conversation is open while its thread is pending, and once accepted while its delivery is live or within
-- deliveries.dispute_window_hours of its end.
create or replace function app_hidden.conversation_closed_reason(conversation app_public.conversations)
returns text
language plpgsql stable security definer
set search_path = pg_catalog, public, pg_temp
as $$
declare
  v_offer_status app_public.offer_status;
  v_delivery app_public.deliveries;
begin
  if conversation.kind = 'dispute' then
    return case when (select s.status from app_public.disputes s where s.id = conversation.dispute_id) = 'closed'
                then 'dispute_closed' end;
  end if;
  if app_hidden.users_blocked(conversation.customer_id, conversation.traveler_id) then
    return 'blocked';
  end if;
  if conversation.kind = 'offer' then
    select o.status into v_offer_status from app_public.delivery_offers o where o.id = conversation.offer_id;
    if v_offer_status = 'pending' then
      return null;
    end if;
    select * into v_delivery from app_public.deliveries d where d.id = conversation.delivery_id;
    if v_delivery.id is null then
      return 'offer_closed';
    end if;
    if v_delivery.status in ('delivered', 'cancelled')
       and coalesce(v_delivery.delivered_at, v_delivery.cancelled_at)
           < now() - make_interval(hours => (app_hidden.config_value('deliveries.dispute_window_hours'))::int) then
      return 'delivery_ended';
    end if;
  end if;
  return null;
end;
$$;
comment on function app_hidden.conversation_closed_reason(app_public.conversations) is 'Why the conversation takes no new message (blocked, offer_closed, delivery_ended, dispute_closed), or null when it is open.';
grant execute on function app_hidden.conversation_closed_reason(app_public.conversations) to app_user;

-- Refuses a message (or an edit) in a closed conversation: DNIED across a block, BADST otherwise.
create or replace function app_hidden.assert_conversation_open(conversation app_public.conversations)
returns void
language plpgsql stable
set search_path = pg_catalog, public, pg_temp
as $$
declare
  v_reason text := app_hidden.conversation_closed_reason(assert_conversation_open.conversation);
begin
  if v_reason = 'blocked' then
    raise exception 'This conversation is closed: one of you blocked the other' using errcode = 'DNIED';
  elsif v_reason = 'offer_closed' then
    raise exception 'This conversation is closed: its offer is no longer open' using errcode = 'BADST';
  elsif v_reason = 'dispute_closed' then
    raise exception 'This conversation is closed: its dispute is closed' using errcode = 'BADST';
  elsif v_reason is not null then
    raise exception 'This conversation is closed: its delivery ended' using errcode = 'BADST';
  end if;
end;
$$;
comment on function app_hidden.assert_conversation_open(app_public.conversations) is 'Raises DNIED (blocked) or BADST (offer closed, delivery ended, dispute closed) when the conversation takes no new message.';

-- The conversation a participant acts on, locked (so that messages, edits and read positions of one conversation
-- are serialised): its two parties, and for a dispute's conversation the admins with disputes.write (a two-factor
-- session, app_private.require_admin). A dispute's conversation locks its dispute first, the order
-- postDisputeMessage takes, since a message there moves the dispute's status. NTFND for anybody else.
create or replace function app_hidden.conversation_of_party(conversation_id uuid, user_id uuid)
returns app_public.conversations
language plpgsql volatile security definer
set search_path = pg_catalog, public, pg_temp
as $$
declare
  v_conversation app_public.conversations;
begin
  select * into v_conversation from app_public.conversations c where c.id = conversation_of_party.conversation_id;
  if v_conversation.kind = 'dispute' then
    perform from app_public.disputes s where s.id = v_conversation.dispute_id for update;
  end if;
  select * into v_conversation from app_public.conversations c
   where c.id = conversation_of_party.conversation_id for update;
  if v_conversation.id is null then
    raise exception 'Conversation not found' using errcode = 'NTFND';
  end if;
  if conversation_of_party.user_id in (v_conversation.customer_id, v_conversation.traveler_id) then
    return v_conversation;
  end if;
  if v_conversation.kind = 'dispute' and conversation_of_party.user_id = app_public.current_user_id()
     and app_hidden.current_user_has_permission('disputes.write') then
    perform app_private.require_admin('disputes.write', 'take part in dispute conversations');
    return v_conversation;
  end if;
  raise exception 'Conversation not found' using errcode = 'NTFND';
end;
$$;
comment on function app_hidden.conversation_of_party(uuid, uuid) is 'The conversation, locked, when the user is one of its parties (or, for a dispute''s, an admin with disputes.write); NTFND otherwise.';

-- The author's own live message, locked with its conversation; NTFND for anyone else's or an unknown one, BADST once
-- deleted or hidden.
create or replace function app_hidden.own_live_message(message_id uuid, user_id uuid)
returns app_public.conversation_messages
language plpgsql volatile security definer
set search_path = pg_catalog, public, pg_temp
as $$
declare
  v_message app_public.conversation_messages;
begin
  select * into v_message from app_public.conversation_messages m where m.id = own_live_message.message_id;
  if v_message.id is null or v_message.author_id <> own_live_message.user_id then
    raise exception 'Message not found' using errcode = 'NTFND';
  end if;
  perform app_hidden.conversation_of_party(v_message.conversation_id, own_live_message.user_id);
  select * into v_message from app_public.conversation_messages m where m.id = own_live_message.message_id for update;
  if v_message.deleted_at is not null or v_message.hidden_at is not null then
    raise exception 'This message was deleted' using errcode = 'BADST';
  end if;
  return v_message;
end;
$$;
comment on function app_hidden.own_live_message(uuid, uuid) is 'The user''s own message, locked, if it is neither deleted nor hidden (NTFND, BADST).';

-- Contact details masked out of a text (docs/conversations.md, Masking): email addresses, also written out
-- ("ann at example dot com", "ann (at) example (dot) com", "ann @ example . com"); links and bare web addresses
-- (https://…, www.…, example.com/…) and @handles; phone numbers in any layout: 7 or more digits in one run of
-- digits and separators (spaces, dots, dashes, slashes, brackets, a leading +), unless the run is a date
-- (12.12.2026) or follows a letter or a dash (DEL-00001234, a delivery number); and 7 or more digits spelled out in
-- English or French words. Each becomes a bracketed placeholder. Immutable: the same text always masks the same.
create or replace function app_hidden.mask_contact_details(body text)
returns text
language plpgsql immutable
set search_path = pg_catalog, public, pg_temp
as $$
declare
  v_text text := mask_contact_details.body;
  v_digit_word constant text :=
    '(zero|oh|one|two|three|four|five|six|seven|eight|nine|z[eé]ro|un|deux|trois|quatre|cinq|sept|huit|neuf)';
  v_tld constant text :=
    '(com|net|org|io|co|me|info|biz|fr|de|uk|es|it|nl|be|ch|eu|us|ly|gl|app|link|to|gg|tv|ru|pl|pt|at|xyz|site|online)';
  -- Written-out addresses end in a common mail domain ending that is not also a word ("at 5. Then" is no address).
  v_mail_tld constant text := '(com|net|org|io|info|biz|fr|de|uk|es|nl|ch|eu|ru|pl|pt|xyz|online|site|app)';
  v_match text;
begin
  if v_text is null then
    return null;
  end if;
  -- Email addresses, then their written-out forms: "<name> at|arobase|(at)|@ <domain> dot|point|(dot)|. <tld>".
  v_text := regexp_replace(v_text, '[[:alnum:]._%+-]+@[[:alnum:].-]+\.[[:alpha:]]{2,}', '[email hidden]', 'g');
  v_text := regexp_replace(v_text,
    '[[:alnum:]._%+-]+(\s*[\(\[\{]\s*(at|arobase)\s*[\)\]\}]\s*|\s+(at|arobase)\s+|\s*@\s*)'
    || '[[:alnum:]-]+((\s*[\(\[\{]\s*(dot|point)\s*[\)\]\}]\s*|\s+(dot|point)\s+|\s*\.\s*)[[:alnum:]-]+)*'
    || '(\s*[\(\[\{]\s*(dot|point)\s*[\)\]\}]\s*|\s+(dot|point)\s+|\s?\.\s?)' || v_mail_tld || '\M',
    '[email hidden]', 'gi');
  -- Links, web addresses and handles.
  v_text := regexp_replace(v_text, '(https?://|www\.)[^[:space:]]+', '[link hidden]', 'gi');
  v_text := regexp_replace(v_text, '\m[[:alnum:]][[:alnum:]-]*(\.[[:alnum:]-]+)*\.' || v_tld || '\M(/[^[:space:]]*)?',
    '[link hidden]', 'gi');
  v_text := regexp_replace(v_text, '(^|[[:space:]])@[[:alnum:]_.]{3,}', '\1[link hidden]', 'g');
  -- Phone numbers written in digits.
  for v_match in
    select m[2] from regexp_matches(v_text, '(^|[^[:alnum:](+-])(\+?\(?[0-9][0-9[:space:]().\-/]{5,}[0-9]\)?)', 'g') as m
  loop
    if length(regexp_replace(v_match, '[^0-9]', '', 'g')) >= 7
       and v_match !~ '^[0-9]{1,2}[./-][0-9]{1,2}[./-][0-9]{2,4}$' then
      v_text := replace(v_text, v_match, '[phone hidden]');
    end if;
  end loop;
  -- Phone numbers spelled out, digit by digit.
  v_text := regexp_replace(v_text,
    '\m' || v_digit_word || '\M([[:space:],.-]+' || v_digit_word || '\M){6,}', '[phone hidden]', 'gi');
  return v_text;
end;
$$;
comment on function app_hidden.mask_contact_details(text) is 'The text with email addresses, links and phone numbers (in digits or words) replaced by placeholders.';
grant execute on function app_hidden.mask_contact_details(text) to app_user;

-- Timestamps of the conversations tables (attachments: files/file_attachment_rules.sql).
create or replace trigger _100_timestamps before update on app_public.conversations
  for each row execute function app_hidden.tg__set_updated_at();
create or replace trigger _100_timestamps before update on app_public.conversation_reads
  for each row execute function app_hidden.tg__set_updated_at();


-- The files attached to live messages of the signed-in user's conversations, which the other party may read (the
-- files policy, db/policies/files/files.sql). Security definer to read messages without their policy; it only ever
-- answers about the caller's conversations. Deleted and hidden messages have no attachment.
create or replace function app_hidden.current_conversation_file_ids()
returns setof uuid
language sql stable security definer
set search_path = pg_catalog, public, pg_temp
as $$
  select m.attachment_id
    from app_public.conversation_messages m
   where m.conversation_id in (select app_hidden.current_conversation_ids())
     and m.attachment_id is not null;
$$;
comment on function app_hidden.current_conversation_file_ids() is 'Files attached to messages of the signed-in user''s conversations.';
grant execute on function app_hidden.current_conversation_file_ids() to app_user;
