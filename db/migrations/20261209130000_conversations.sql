-- migrate:up
set local lock_timeout = '5s';
set local statement_timeout = '60s';

-- Conversations (docs/conversations.md): the two parties of an offer thread talk in the app, and keep talking on
-- the delivery once the offer is accepted. One conversation per subject: today an offer thread (kind offer,
-- offer_id, and delivery_id once accepted). A disputes issue adds kind 'dispute' rows with a nullable dispute_id
-- column of its own (unique) and admins as authors; nothing here needs reshaping for it (docs/conversations.md,
-- "Disputes").

create type app_public.conversation_kind as enum ('offer', 'dispute');
comment on type app_public.conversation_kind is 'What a conversation is about: an offer thread (carried over to its delivery), or a dispute (with admin participation; added by the disputes issue).';

create table app_public.conversations (
  id uuid primary key default gen_random_uuid(),
  kind app_public.conversation_kind not null default 'offer',
  offer_id uuid references app_public.delivery_offers (id) on delete cascade,
  delivery_id uuid references app_public.deliveries (id) on delete set null,
  customer_id uuid not null references app_public.users (id) on delete cascade,
  traveler_id uuid not null references app_public.users (id) on delete cascade,
  last_message_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  constraint conversations_offer_id_key unique (offer_id),
  constraint conversations_parties_check check (customer_id <> traveler_id),
  constraint conversations_offer_id_check check ((kind = 'offer') = (offer_id is not null))
);
create index conversations_customer_id_idx on app_public.conversations (customer_id, last_message_at desc nulls last, id);
create index conversations_traveler_id_idx on app_public.conversations (traveler_id, last_message_at desc nulls last, id);
create index conversations_delivery_id_idx on app_public.conversations (delivery_id);
alter table app_public.conversations enable row level security;
alter table app_public.conversations force row level security;
comment on table app_public.conversations is E'@behavior -insert -update -delete\nA conversation between the two parties of an offer thread, carried over to its delivery once accepted. Read by its parties and by moderators (content.moderate, disputes.read); written through sendMessage and the other conversation mutations only.';
comment on column app_public.conversations.id is 'The conversation''s id.';
comment on column app_public.conversations.kind is 'What it is about: offer (an offer thread and its delivery) or dispute.';
comment on column app_public.conversations.offer_id is 'The offer thread it belongs to (kind offer).';
comment on column app_public.conversations.delivery_id is 'The delivery the offer became, once accepted.';
comment on column app_public.conversations.customer_id is 'The customer party.';
comment on column app_public.conversations.traveler_id is 'The traveler party.';
comment on column app_public.conversations.last_message_at is 'When the latest message was sent (null before the first).';
comment on column app_public.conversations.created_at is 'When the conversation was opened (with its offer thread).';
comment on column app_public.conversations.updated_at is 'When the conversation last changed.';
comment on constraint conversations_pkey on app_public.conversations is 'id is already taken';
comment on constraint conversations_offer_id_key on app_public.conversations is 'offer_id already has a conversation';
comment on constraint conversations_offer_id_fkey on app_public.conversations is 'offer_id must name an existing offer';
comment on constraint conversations_delivery_id_fkey on app_public.conversations is 'delivery_id must name an existing delivery';
comment on constraint conversations_customer_id_fkey on app_public.conversations is 'customer_id must name an existing user';
comment on constraint conversations_traveler_id_fkey on app_public.conversations is 'traveler_id must name an existing user';
comment on constraint conversations_parties_check on app_public.conversations is 'customer_id and traveler_id must be two different users';
comment on constraint conversations_offer_id_check on app_public.conversations is 'offer_id is required for an offer conversation, and only for one';

-- Messages. body is what the parties read: masked when it was written before a deal (the original is in
-- app_private.conversation_message_originals, for moderators), null once deleted (a tombstone) or hidden by a
-- moderator.
create table app_public.conversation_messages (
  id uuid primary key default gen_random_uuid(),
  conversation_id uuid not null references app_public.conversations (id) on delete cascade,
  author_id uuid not null references app_public.users (id) on delete cascade,
  body text,
  attachment_id uuid references app_public.files (id) on delete set null,
  masked boolean not null default false,
  created_at timestamptz not null default now(),
  edited_at timestamptz,
  deleted_at timestamptz,
  hidden_at timestamptz,
  hidden_by uuid references app_public.users (id) on delete set null,
  constraint conversation_messages_body_check check (char_length(body) between 1 and 2000),
  constraint conversation_messages_content_check check (
    deleted_at is not null or hidden_at is not null or body is not null or attachment_id is not null),
  constraint conversation_messages_tombstone_check check (
    (deleted_at is null and hidden_at is null) or (body is null and attachment_id is null))
);
-- A conversation's messages newest first (conversationHistory, keyset on (created_at, id)).
create index conversation_messages_conversation_id_idx
  on app_public.conversation_messages (conversation_id, created_at desc, id desc);
create index conversation_messages_author_id_idx on app_public.conversation_messages (author_id);
create index conversation_messages_attachment_id_idx on app_public.conversation_messages (attachment_id);
create index conversation_messages_hidden_by_idx on app_public.conversation_messages (hidden_by);
alter table app_public.conversation_messages enable row level security;
alter table app_public.conversation_messages force row level security;
comment on table app_public.conversation_messages is E'@behavior -insert -update -delete -query:resource:list -query:resource:connection\nMessages of a conversation, read with conversationHistory(conversationId) (newest first) by its parties and moderators. Contact details written before a deal are masked.';
comment on column app_public.conversation_messages.id is 'The message''s id.';
comment on column app_public.conversation_messages.conversation_id is 'The conversation it belongs to.';
comment on column app_public.conversation_messages.author_id is 'Who wrote it.';
comment on column app_public.conversation_messages.body is 'The text (at most 2000 characters), contact details masked when written before a deal; null once deleted or hidden.';
comment on column app_public.conversation_messages.attachment_id is 'An attached file (one of the author''s item photos), if any.';
comment on column app_public.conversation_messages.masked is 'Whether contact details (phones, emails, links) were masked in the body.';
comment on column app_public.conversation_messages.created_at is 'When it was sent.';
comment on column app_public.conversation_messages.edited_at is 'When its author last edited it (within 5 minutes of sending).';
comment on column app_public.conversation_messages.deleted_at is 'When its author deleted it (the row stays as a tombstone).';
comment on column app_public.conversation_messages.hidden_at is 'When a moderator hid it.';
comment on column app_public.conversation_messages.hidden_by is 'The moderator who hid it.';
comment on constraint conversation_messages_pkey on app_public.conversation_messages is 'id is already taken';
comment on constraint conversation_messages_conversation_id_fkey on app_public.conversation_messages is 'conversation_id must name an existing conversation';
comment on constraint conversation_messages_author_id_fkey on app_public.conversation_messages is 'author_id must name an existing user';
comment on constraint conversation_messages_attachment_id_fkey on app_public.conversation_messages is 'attachment_id must name an existing file';
comment on constraint conversation_messages_hidden_by_fkey on app_public.conversation_messages is 'hidden_by must name an existing user';
comment on constraint conversation_messages_body_check on app_public.conversation_messages is 'body must have 1 to 2000 characters';
comment on constraint conversation_messages_content_check on app_public.conversation_messages is 'body or attachment_id is required';
comment on constraint conversation_messages_tombstone_check on app_public.conversation_messages is 'body and attachment_id must be empty once a message is deleted or hidden';

-- The text as written, for moderators only: kept when the body was masked, or when a moderator hid the message.
create table app_private.conversation_message_originals (
  message_id uuid primary key references app_public.conversation_messages (id) on delete cascade,
  body text not null,
  created_at timestamptz not null default now(),
  constraint conversation_message_originals_body_check check (char_length(body) between 1 and 2000)
);
alter table app_private.conversation_message_originals enable row level security;
alter table app_private.conversation_message_originals force row level security;
comment on table app_private.conversation_message_originals is 'The original text of masked or hidden messages; read by moderators through ConversationMessage.originalBody.';
comment on constraint conversation_message_originals_pkey on app_private.conversation_message_originals is 'message_id already has its original';
comment on constraint conversation_message_originals_message_id_fkey on app_private.conversation_message_originals is 'message_id must name an existing message';
comment on constraint conversation_message_originals_body_check on app_private.conversation_message_originals is 'body must have 1 to 2000 characters';

-- Each participant's read position (read receipts, unread counts) and the last time they were notified of a new
-- message (one notification per unread streak).
create table app_public.conversation_reads (
  conversation_id uuid not null references app_public.conversations (id) on delete cascade,
  user_id uuid not null references app_public.users (id) on delete cascade,
  last_read_at timestamptz,
  notified_at timestamptz,
  updated_at timestamptz not null default now(),
  constraint conversation_reads_pkey primary key (conversation_id, user_id)
);
create index conversation_reads_user_id_idx on app_public.conversation_reads (user_id);
alter table app_public.conversation_reads enable row level security;
alter table app_public.conversation_reads force row level security;
comment on table app_public.conversation_reads is E'@behavior -insert -update -delete\nHow far each participant has read a conversation (read receipts): read by both parties and moderators, moved by markConversationRead.';
comment on column app_public.conversation_reads.conversation_id is 'The conversation.';
comment on column app_public.conversation_reads.user_id is 'The participant.';
comment on column app_public.conversation_reads.last_read_at is 'Messages sent up to this time are read by the participant.';
comment on column app_public.conversation_reads.notified_at is E'@behavior -*\nWhen the participant was last notified of a new message here.';
comment on column app_public.conversation_reads.updated_at is 'When the read position last moved.';
comment on constraint conversation_reads_pkey on app_public.conversation_reads is 'user_id already has a read position in this conversation';
comment on constraint conversation_reads_conversation_id_fkey on app_public.conversation_reads is 'conversation_id must name an existing conversation';
comment on constraint conversation_reads_user_id_fkey on app_public.conversation_reads is 'user_id must name an existing user';

-- Reports of messages by the other party, handled by moderators (content.moderate).
create table app_public.conversation_message_reports (
  id uuid primary key default gen_random_uuid(),
  message_id uuid not null references app_public.conversation_messages (id) on delete cascade,
  reporter_id uuid not null references app_public.users (id) on delete cascade,
  reason app_public.report_reason not null,
  note text,
  status app_public.report_status not null default 'pending',
  handled_by uuid references app_public.users (id) on delete set null,
  handled_at timestamptz,
  created_at timestamptz not null default now(),
  constraint conversation_message_reports_pair_key unique (message_id, reporter_id),
  constraint conversation_message_reports_note_check check (char_length(note) between 1 and 1000)
);
create index conversation_message_reports_reporter_id_idx on app_public.conversation_message_reports (reporter_id, created_at);
create index conversation_message_reports_handled_by_idx on app_public.conversation_message_reports (handled_by);
create index conversation_message_reports_pending_idx on app_public.conversation_message_reports (created_at) where status = 'pending';
alter table app_public.conversation_message_reports enable row level security;
alter table app_public.conversation_message_reports force row level security;
comment on table app_public.conversation_message_reports is E'@behavior -insert -update -delete\nReports of conversation messages: read by the reporter and moderators (content.moderate), made with reportMessage, handled with moderateMessage.';
comment on column app_public.conversation_message_reports.id is 'The report''s id.';
comment on column app_public.conversation_message_reports.message_id is 'The message reported.';
comment on column app_public.conversation_message_reports.reporter_id is 'Who reported it.';
comment on column app_public.conversation_message_reports.reason is 'Why.';
comment on column app_public.conversation_message_reports.note is 'What the reporter added.';
comment on column app_public.conversation_message_reports.status is 'pending until a moderator handles it: resolved (hidden) or dismissed.';
comment on column app_public.conversation_message_reports.handled_by is 'The moderator who handled it.';
comment on column app_public.conversation_message_reports.handled_at is 'When it was handled.';
comment on column app_public.conversation_message_reports.created_at is 'When it was reported.';
comment on constraint conversation_message_reports_pkey on app_public.conversation_message_reports is 'id is already taken';
comment on constraint conversation_message_reports_pair_key on app_public.conversation_message_reports is 'message_id was already reported by you';
comment on constraint conversation_message_reports_message_id_fkey on app_public.conversation_message_reports is 'message_id must name an existing message';
comment on constraint conversation_message_reports_reporter_id_fkey on app_public.conversation_message_reports is 'reporter_id must name an existing user';
comment on constraint conversation_message_reports_handled_by_fkey on app_public.conversation_message_reports is 'handled_by must name an existing user';
comment on constraint conversation_message_reports_note_check on app_public.conversation_message_reports is 'note must have 1 to 1000 characters';
comment on index app_public.conversation_message_reports_pending_idx is 'The moderators'' queue of pending reports.';

insert into app_public.system_configuration (category, key, value, data_type, validation, is_sensitive, is_public, description) values
  ('conversations', 'messages_per_minute', '20', 'integer', '{"min": 1, "max": 600}', false, true,
   'Messages a user may send per minute, over all their conversations (LIMIT beyond).'),
  ('conversations', 'edit_minutes', '5', 'integer', '{"min": 0, "max": 1440}', false, true,
   'Minutes after sending during which the author may edit a message.'),
  ('conversations', 'reading_seconds', '60', 'integer', '{"min": 0, "max": 3600}', false, false,
   'A participant whose read position moved within this many seconds is reading the conversation: new messages do not notify them.'),
  ('conversations', 'retention_days', '365', 'integer', '{"min": 1, "max": 3650}', false, false,
   'Days the conversations of ended deliveries are kept after the dispute window (deliveries.dispute_window_hours); then the daily cleanup deletes them.');

comment on column app_public.user_statistics.response_time_minutes is 'Typical time the user takes to answer: the mean, in whole minutes (rounded), of the time between an offer version awaiting them and their answer to it (a counter-offer, an acceptance or a decline of their own), and between the other party''s first message in a conversation and their first reply there, over all their answers; null before the first. Expiry, auto-accept and declines by the platform are not answers.';

-- Every offer thread already open gets its conversation (new ones get theirs from a trigger, conversations domain).
insert into app_public.conversations (offer_id, delivery_id, customer_id, traveler_id, created_at)
select o.id, d.id, o.customer_id, o.traveler_id, o.created_at
  from app_public.delivery_offers o
  left join app_public.deliveries d on d.offer_id = o.id;

-- The notification of a new message (app_hidden.notify, template conversation_message): who wrote, about what.
insert into app_public.notification_templates (name, category, variables) values
  ('conversation_message', 'delivery_update', '[{"name": "first_name", "required": true}, {"name": "sender_name", "required": true}, {"name": "request_title", "required": true}]');
insert into app_public.notification_template_bodies (template_id, locale, push_title, push_body, email_subject, email_text, email_html, in_app_title, in_app_body)
select t.id, b.locale, b.title, b.body, b.title, b.greeting || E'\n\n' || b.body || E'\n\nP2P Delivery\n',
       '<p>' || b.greeting || E'</p>\n<p>' || b.body || E'</p>\n<p>P2P Delivery</p>', b.title, b.body
  from (values
    ('en', 'Hello {{first_name}},', 'New message from {{sender_name}}',
     '{{sender_name}} wrote to you about "{{request_title}}". Open the app to read and answer.'),
    ('fr', 'Bonjour {{first_name}},', 'Nouveau message de {{sender_name}}',
     '{{sender_name}} vous a écrit au sujet de « {{request_title}} ». Ouvrez l''application pour lire et répondre.')
  ) as b (locale, greeting, title, body)
  join app_public.notification_templates t on t.name = 'conversation_message';

-- migrate:down
comment on column app_public.user_statistics.response_time_minutes is 'Typical time the user takes to answer an offer: the mean, in whole minutes (rounded), of the time between an offer version awaiting them and their answer to it (a counter-offer, an acceptance or a decline of their own), over all their answers; null before the first. Expiry, auto-accept and declines by the platform are not answers.';
delete from app_public.notifications n using app_public.notification_templates t
 where n.template_id = t.id and t.name = 'conversation_message';
delete from app_public.notification_templates where name = 'conversation_message';
delete from app_public.system_configuration where category = 'conversations';
drop table app_public.conversation_message_reports cascade;
drop table app_public.conversation_reads cascade;
drop table app_private.conversation_message_originals cascade;
drop table app_public.conversation_messages cascade;
drop table app_public.conversations cascade;
drop type app_public.conversation_kind cascade;
