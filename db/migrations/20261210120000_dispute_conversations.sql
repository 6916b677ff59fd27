-- migrate:up
set local lock_timeout = '5s';
set local statement_timeout = '60s';

-- The dispute's conversation (docs/conversations.md, Disputes; docs/disputes.md, Messages): one conversation of kind
-- dispute per dispute, between the delivery's customer and traveler, with admins (disputes.write) posting in it as
-- staff. Party-visible dispute messages live there from now on; dispute_messages keeps the internal notes.

-- A new column is empty and conversations is small next to its messages: its constraints are checked at once.
-- squawk-ignore adding-foreign-key-constraint
alter table app_public.conversations add column dispute_id uuid references app_public.disputes (id) on delete cascade;
-- squawk-ignore constraint-missing-not-valid, disallowed-unique-constraint
alter table app_public.conversations add constraint conversations_dispute_id_key unique (dispute_id);
-- squawk-ignore constraint-missing-not-valid
alter table app_public.conversations add constraint conversations_dispute_id_check
  check ((kind = 'dispute') = (dispute_id is not null));
comment on column app_public.conversations.dispute_id is 'The dispute it belongs to (kind dispute).';
comment on constraint conversations_dispute_id_key on app_public.conversations is 'dispute_id already has a conversation';
comment on constraint conversations_dispute_id_fkey on app_public.conversations is 'dispute_id must name an existing dispute';
comment on constraint conversations_dispute_id_check on app_public.conversations is 'dispute_id is required for a dispute conversation, and only for one';
comment on table app_public.conversations is E'@behavior -insert -update -delete\nA conversation between the two parties of an offer thread (carried over to its delivery once accepted), or of a dispute (with admins taking part as staff). Read by its parties and by moderators (content.moderate, disputes.read); written through sendMessage and the other conversation mutations only.';

alter table app_public.conversation_messages add column from_staff boolean not null default false;
comment on column app_public.conversation_messages.from_staff is 'Written by an admin taking part in a dispute conversation, not by a party.';

-- Every dispute already open gets its conversation (new ones get theirs from a trigger, disputes domain), and its
-- party-visible messages move there; internal notes stay.
insert into app_public.conversations (kind, dispute_id, delivery_id, customer_id, traveler_id, created_at, last_message_at)
select 'dispute', s.id, d.id, d.customer_id, d.traveler_id, s.created_at,
       (select max(m.created_at) from app_public.dispute_messages m
         where m.dispute_id = s.id and not m.is_internal and m.author_id is not null)
  from app_public.disputes s
  join app_public.deliveries d on d.id = s.delivery_id;

insert into app_public.conversation_messages (conversation_id, author_id, body, from_staff, created_at)
select c.id, m.author_id, left(m.body, 2000), m.author_id not in (c.customer_id, c.traveler_id), m.created_at
  from app_public.dispute_messages m
  join app_public.conversations c on c.dispute_id = m.dispute_id
 where not m.is_internal and m.author_id is not null;

-- dispute_messages is append-only (a trigger of the canonical layer, absent on a fresh database).
alter table app_public.dispute_messages disable trigger user;
delete from app_public.dispute_messages m where not m.is_internal and m.author_id is not null;
alter table app_public.dispute_messages enable trigger user;

comment on table app_public.dispute_messages is E'@behavior -insert -update -delete\nInternal notes of a dispute (admins with disputes.read only), and the platform''s own notes. Posted through addDisputeNote; what the parties read is in the dispute''s conversation.';

drop function if exists app_public.post_dispute_message(uuid, text, boolean);
drop function if exists app_hidden.post_dispute_party_message(uuid, uuid, text);

-- migrate:down
drop function if exists app_public.post_dispute_message(uuid, text);
drop function if exists app_public.add_dispute_note(uuid, text);
drop function if exists app_hidden.post_dispute_party_message(uuid, uuid, text);
alter table app_public.dispute_messages disable trigger user;
insert into app_public.dispute_messages (dispute_id, author_id, body, is_internal, created_at)
select c.dispute_id, m.author_id, m.body, false, m.created_at
  from app_public.conversation_messages m
  join app_public.conversations c on c.id = m.conversation_id
 where c.kind = 'dispute' and m.body is not null;
alter table app_public.dispute_messages enable trigger user;
delete from app_public.conversations where kind = 'dispute';
alter table app_public.conversation_messages drop column from_staff cascade;
alter table app_public.conversations drop column dispute_id cascade;
