-- migrate:up
set local lock_timeout = '5s';
set local statement_timeout = '60s';

-- Disputes (docs/disputes.md): a case about a delivery opened by one of its parties (source platform) or by a card
-- chargeback (source chargeback), its evidence and its messages, and how its money was settled.

create type app_public.dispute_category as enum ('item_not_delivered', 'item_damaged', 'service_not_as_described',
  'unauthorized_charge', 'payment_issue', 'other');
comment on type app_public.dispute_category is 'What a dispute is about.';
create type app_public.dispute_priority as enum ('low', 'medium', 'high', 'urgent');
comment on type app_public.dispute_priority is 'How soon admins should look at a dispute (escalated means urgent).';
create type app_public.dispute_status as enum ('open', 'under_review', 'awaiting_response', 'resolved', 'escalated',
  'closed');
comment on type app_public.dispute_status is 'Where a dispute stands: open → under_review ⇄ awaiting_response → resolved → closed; escalated is urgent.';
create type app_public.dispute_resolution as enum ('full_refund', 'partial_refund', 'replacement', 'compensation',
  'no_action');
comment on type app_public.dispute_resolution is 'What a dispute asks for, or how it was resolved.';
create type app_public.dispute_source as enum ('platform', 'chargeback');
comment on type app_public.dispute_source is 'Who opened a dispute: a party on the platform, or the customer''s bank (a chargeback).';
create type app_public.evidence_type as enum ('photo', 'video', 'document', 'audio', 'text');
comment on type app_public.evidence_type is 'The kind of a piece of dispute evidence.';

create sequence app_public.dispute_case_number_seq as bigint minvalue 1 maxvalue 999999999 no cycle;
comment on sequence app_public.dispute_case_number_seq is 'Source of dispute case numbers (DISP-YYYY-NNNNNN); never MAX+1.';

create table app_public.disputes (
  id uuid primary key default gen_random_uuid(),
  case_number text not null
    default 'DISP-' || to_char(now() at time zone 'UTC', 'YYYY') || '-'
            || lpad(nextval('app_public.dispute_case_number_seq')::text, 6, '0')
    constraint disputes_case_number_format check (case_number ~ '^DISP-[0-9]{4}-[0-9]{6,9}$'),
  source app_public.dispute_source not null default 'platform',
  delivery_id uuid not null references app_public.deliveries (id) on delete restrict,
  payment_intent_id uuid references app_public.payment_intents (id) on delete restrict,
  category app_public.dispute_category not null,
  description text not null constraint disputes_description_length check (length(description) between 10 and 5000),
  requested_resolution app_public.dispute_resolution,
  priority app_public.dispute_priority not null default 'medium',
  status app_public.dispute_status not null default 'open',
  complainant_id uuid not null references app_public.users (id) on delete restrict,
  respondent_id uuid not null references app_public.users (id) on delete restrict,
  amount bigint not null default 0 constraint disputes_amount_range check (amount >= 0),
  currency text not null constraint disputes_currency_format check (currency ~ '^[A-Z]{3}$'),
  assignee_id uuid references app_private.admin_users (user_id) on delete set null,
  response_due_at timestamptz not null,
  due_date timestamptz not null,
  first_response_at timestamptz,
  escalated_at timestamptz,
  resolution app_public.dispute_resolution,
  delivery_outcome app_public.delivery_status
    constraint disputes_delivery_outcome_final check (delivery_outcome in ('delivered', 'cancelled')),
  customer_refund bigint constraint disputes_customer_refund_range check (customer_refund >= 0),
  platform_fee_refund bigint constraint disputes_platform_fee_refund_range check (platform_fee_refund >= 0),
  traveler_compensation bigint constraint disputes_traveler_compensation_range check (traveler_compensation >= 0),
  platform_loss bigint constraint disputes_platform_loss_range check (platform_loss >= 0),
  resolution_note text constraint disputes_resolution_note_length check (length(resolution_note) between 1 and 2000),
  resolved_by uuid references app_public.users (id) on delete restrict,
  resolved_at timestamptz,
  closed_at timestamptz,
  appealed_at timestamptz,
  appealed_by uuid references app_public.users (id) on delete restrict,
  appeal_reason text constraint disputes_appeal_reason_length check (length(appeal_reason) between 10 and 2000),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  constraint disputes_parties_differ check (complainant_id <> respondent_id),
  constraint disputes_resolved_stamped check (status not in ('resolved', 'closed') or resolved_at is not null),
  constraint disputes_case_number_key unique (case_number)
);
alter table app_public.disputes enable row level security;
alter table app_public.disputes force row level security;
-- One open dispute per delivery (open, under review, awaiting a response or escalated).
-- squawk-ignore require-concurrent-index-creation
create unique index disputes_one_open_per_delivery on app_public.disputes (delivery_id)
  where status in ('open', 'under_review', 'awaiting_response', 'escalated');
-- squawk-ignore require-concurrent-index-creation
create index disputes_delivery_id_idx on app_public.disputes (delivery_id);
-- squawk-ignore require-concurrent-index-creation
create index disputes_payment_intent_id_idx on app_public.disputes (payment_intent_id);
-- squawk-ignore require-concurrent-index-creation
create index disputes_complainant_id_idx on app_public.disputes (complainant_id, created_at);
-- squawk-ignore require-concurrent-index-creation
create index disputes_respondent_id_idx on app_public.disputes (respondent_id, created_at);
-- squawk-ignore require-concurrent-index-creation
create index disputes_assignee_id_idx on app_public.disputes (assignee_id);
-- squawk-ignore require-concurrent-index-creation
create index disputes_resolved_by_idx on app_public.disputes (resolved_by);
-- squawk-ignore require-concurrent-index-creation
create index disputes_appealed_by_idx on app_public.disputes (appealed_by);
-- The admins' queue: by status, the soonest due first.
-- squawk-ignore require-concurrent-index-creation
create index disputes_status_due_date_idx on app_public.disputes (status, due_date);
comment on table app_public.disputes is E'@behavior -insert -update -delete\nA dispute about a delivery, opened by one of its parties or by a chargeback: read by its two parties and admins with disputes.read. Written only through the dispute functions.';
comment on column app_public.disputes.amount is 'What the complainant asks for (or the chargeback''s amount), in minor units of currency.';
comment on column app_public.disputes.response_due_at is 'An admin responds by then (disputes.first_response_hours after opening).';
comment on column app_public.disputes.due_date is 'The dispute is due to be resolved by then (disputes.resolve_business_days business days after opening).';
comment on column app_public.disputes.delivery_outcome is 'How the resolution ended the delivery: delivered or cancelled.';
comment on column app_public.disputes.customer_refund is 'What the resolution gave back to the customer.';
comment on column app_public.disputes.traveler_compensation is 'What the traveler keeps of their share by the resolution.';
comment on column app_public.disputes.platform_loss is 'What the platform bears (a lost chargeback not recovered from the traveler).';
comment on constraint disputes_pkey on app_public.disputes is 'id is already taken';
comment on constraint disputes_case_number_key on app_public.disputes is 'case_number is already taken';
comment on constraint disputes_case_number_format on app_public.disputes is 'case_number must look like DISP-YYYY-NNNNNN';
comment on constraint disputes_description_length on app_public.disputes is 'description must have 10 to 5000 characters';
comment on constraint disputes_amount_range on app_public.disputes is 'amount must be 0 or more';
comment on constraint disputes_currency_format on app_public.disputes is 'currency must be three capital letters';
comment on constraint disputes_delivery_outcome_final on app_public.disputes is 'delivery_outcome must be delivered or cancelled';
comment on constraint disputes_customer_refund_range on app_public.disputes is 'customer_refund must be 0 or more';
comment on constraint disputes_platform_fee_refund_range on app_public.disputes is 'platform_fee_refund must be 0 or more';
comment on constraint disputes_traveler_compensation_range on app_public.disputes is 'traveler_compensation must be 0 or more';
comment on constraint disputes_platform_loss_range on app_public.disputes is 'platform_loss must be 0 or more';
comment on constraint disputes_resolution_note_length on app_public.disputes is 'resolution_note must have 1 to 2000 characters';
comment on constraint disputes_appeal_reason_length on app_public.disputes is 'appeal_reason must have 10 to 2000 characters';
comment on constraint disputes_parties_differ on app_public.disputes is 'complainant_id and respondent_id must be different users';
comment on constraint disputes_resolved_stamped on app_public.disputes is 'resolved_at is required once a dispute is resolved';
comment on constraint disputes_delivery_id_fkey on app_public.disputes is 'delivery_id must name an existing delivery';
comment on constraint disputes_payment_intent_id_fkey on app_public.disputes is 'payment_intent_id must name an existing payment';
comment on constraint disputes_complainant_id_fkey on app_public.disputes is 'complainant_id must name an existing user';
comment on constraint disputes_respondent_id_fkey on app_public.disputes is 'respondent_id must name an existing user';
comment on constraint disputes_assignee_id_fkey on app_public.disputes is 'assignee_id must name an admin';
comment on constraint disputes_resolved_by_fkey on app_public.disputes is 'resolved_by must name an existing user';
comment on constraint disputes_appealed_by_fkey on app_public.disputes is 'appealed_by must name an existing user';
comment on index app_public.disputes_one_open_per_delivery is 'delivery_id already has an open dispute';

-- Evidence: a file the submitter uploaded (purpose dispute_evidence) with its SHA-256, or a document the platform
-- attached itself (content: the custody evidence bundle of a chargeback) with the SHA-256 of its text.
create table app_public.dispute_evidence (
  id uuid primary key default gen_random_uuid(),
  dispute_id uuid not null references app_public.disputes (id) on delete restrict,
  submitted_by uuid references app_public.users (id) on delete restrict,
  type app_public.evidence_type not null,
  file_id uuid references app_public.files (id) on delete restrict,
  content jsonb,
  sha256 text not null constraint dispute_evidence_sha256_format check (sha256 ~ '^[0-9a-f]{64}$'),
  description text constraint dispute_evidence_description_length check (length(description) between 1 and 1000),
  created_at timestamptz not null default now(),
  constraint dispute_evidence_file_or_content check ((file_id is null) <> (content is null)),
  constraint dispute_evidence_dispute_id_file_id_key unique (dispute_id, file_id)
);
alter table app_public.dispute_evidence enable row level security;
alter table app_public.dispute_evidence force row level security;
-- squawk-ignore require-concurrent-index-creation
create index dispute_evidence_file_id_idx on app_public.dispute_evidence (file_id);
-- squawk-ignore require-concurrent-index-creation
create index dispute_evidence_submitted_by_idx on app_public.dispute_evidence (submitted_by);
comment on table app_public.dispute_evidence is E'@behavior -insert -update -delete\nEvidence of a dispute: an uploaded file with its SHA-256, or a document the platform attached (the custody evidence bundle). Read with its dispute; added through addDisputeEvidence. Never removed.';
comment on column app_public.dispute_evidence.submitted_by is 'Who added it; null when the platform attached it.';
comment on column app_public.dispute_evidence.content is 'A document the platform attached (a chargeback''s custody evidence bundle); null for a file.';
comment on constraint dispute_evidence_pkey on app_public.dispute_evidence is 'id is already taken';
comment on constraint dispute_evidence_sha256_format on app_public.dispute_evidence is 'sha256 must be 64 hexadecimal characters';
comment on constraint dispute_evidence_description_length on app_public.dispute_evidence is 'description must have 1 to 1000 characters';
comment on constraint dispute_evidence_file_or_content on app_public.dispute_evidence is 'file_id or content: exactly one must be set';
comment on constraint dispute_evidence_dispute_id_file_id_key on app_public.dispute_evidence is 'file_id is already evidence of this dispute';
comment on constraint dispute_evidence_dispute_id_fkey on app_public.dispute_evidence is 'dispute_id must name an existing dispute';
comment on constraint dispute_evidence_submitted_by_fkey on app_public.dispute_evidence is 'submitted_by must name an existing user';
comment on constraint dispute_evidence_file_id_fkey on app_public.dispute_evidence is 'file_id must name an existing file';

-- Messages of a dispute: party-visible ones (the parties and disputes.read) and internal notes (admins only).
create table app_public.dispute_messages (
  id uuid primary key default gen_random_uuid(),
  dispute_id uuid not null references app_public.disputes (id) on delete restrict,
  author_id uuid references app_public.users (id) on delete restrict,
  body text not null constraint dispute_messages_body_length check (length(body) between 1 and 5000),
  is_internal boolean not null default false,
  created_at timestamptz not null default now()
);
alter table app_public.dispute_messages enable row level security;
alter table app_public.dispute_messages force row level security;
-- squawk-ignore require-concurrent-index-creation
create index dispute_messages_dispute_id_idx on app_public.dispute_messages (dispute_id, created_at);
-- squawk-ignore require-concurrent-index-creation
create index dispute_messages_author_id_idx on app_public.dispute_messages (author_id);
comment on table app_public.dispute_messages is E'@behavior -insert -update -delete\nMessages of a dispute: party-visible ones (read by the parties and disputes.read) and internal notes (admins with disputes.read only). Posted through postDisputeMessage.';
comment on column app_public.dispute_messages.author_id is 'Who wrote it; null for the platform''s own notes.';
comment on column app_public.dispute_messages.is_internal is 'An internal note: admins only.';
comment on constraint dispute_messages_pkey on app_public.dispute_messages is 'id is already taken';
comment on constraint dispute_messages_body_length on app_public.dispute_messages is 'body must have 1 to 5000 characters';
comment on constraint dispute_messages_dispute_id_fkey on app_public.dispute_messages is 'dispute_id must name an existing dispute';
comment on constraint dispute_messages_author_id_fkey on app_public.dispute_messages is 'author_id must name an existing user';

-- How each resolution of a dispute settled its money: one row per round (the resolution, and the one after an
-- appeal), so that two admins resolving at once cannot both settle.
create table app_private.dispute_settlements (
  id uuid primary key default gen_random_uuid(),
  dispute_id uuid not null references app_public.disputes (id) on delete restrict,
  round integer not null constraint dispute_settlements_round_range check (round between 1 and 2),
  refund_id uuid references app_public.refunds (id) on delete restrict,
  customer_refund bigint not null constraint dispute_settlements_customer_refund_range check (customer_refund >= 0),
  traveler_compensation bigint not null
    constraint dispute_settlements_traveler_compensation_range check (traveler_compensation >= 0),
  clawback bigint not null default 0 constraint dispute_settlements_clawback_range check (clawback >= 0),
  decided_by uuid not null references app_public.users (id) on delete restrict,
  created_at timestamptz not null default now(),
  constraint dispute_settlements_dispute_id_round_key unique (dispute_id, round)
);
alter table app_private.dispute_settlements enable row level security;
alter table app_private.dispute_settlements force row level security;
-- squawk-ignore require-concurrent-index-creation
create index dispute_settlements_refund_id_idx on app_private.dispute_settlements (refund_id);
-- squawk-ignore require-concurrent-index-creation
create index dispute_settlements_decided_by_idx on app_private.dispute_settlements (decided_by);
comment on table app_private.dispute_settlements is 'The money side of each resolution of a dispute, once per round (unique): the refund requested, what the traveler keeps, what was clawed back.';
comment on constraint dispute_settlements_pkey on app_private.dispute_settlements is 'id is already taken';
comment on constraint dispute_settlements_round_range on app_private.dispute_settlements is 'round must be 1 or 2 (the resolution, then the one after an appeal)';
comment on constraint dispute_settlements_customer_refund_range on app_private.dispute_settlements is 'customer_refund must be 0 or more';
comment on constraint dispute_settlements_traveler_compensation_range on app_private.dispute_settlements is 'traveler_compensation must be 0 or more';
comment on constraint dispute_settlements_clawback_range on app_private.dispute_settlements is 'clawback must be 0 or more';
comment on constraint dispute_settlements_dispute_id_round_key on app_private.dispute_settlements is 'dispute_id was already settled in this round';
comment on constraint dispute_settlements_dispute_id_fkey on app_private.dispute_settlements is 'dispute_id must name an existing dispute';
comment on constraint dispute_settlements_refund_id_fkey on app_private.dispute_settlements is 'refund_id must name an existing refund';
comment on constraint dispute_settlements_decided_by_fkey on app_private.dispute_settlements is 'decided_by must name an existing user';

comment on column app_public.disputes.id is 'The dispute''s id.';
comment on column app_public.disputes.case_number is 'The case number, DISP-YYYY-NNNNNN, from a sequence.';
comment on column app_public.disputes.source is 'platform (opened by a party) or chargeback (opened by the customer''s bank).';
comment on column app_public.disputes.delivery_id is 'The delivery in dispute.';
comment on column app_public.disputes.payment_intent_id is 'The delivery''s payment, when it has one.';
comment on column app_public.disputes.category is 'What the dispute is about.';
comment on column app_public.disputes.description is 'The complainant''s account (10 to 5000 characters).';
comment on column app_public.disputes.requested_resolution is 'What the complainant asks for.';
comment on column app_public.disputes.priority is 'How soon admins should look at it.';
comment on column app_public.disputes.status is 'Where the dispute stands.';
comment on column app_public.disputes.complainant_id is 'The party who opened it (the customer for a chargeback).';
comment on column app_public.disputes.respondent_id is 'The other party.';
comment on column app_public.disputes.currency is 'The currency of the amounts.';
comment on column app_public.disputes.assignee_id is 'The admin handling it.';
comment on column app_public.disputes.first_response_at is 'When an admin first responded (an assignment or a message to the parties).';
comment on column app_public.disputes.escalated_at is 'When it was escalated.';
comment on column app_public.disputes.resolution is 'How it was resolved.';
comment on column app_public.disputes.platform_fee_refund is 'What the resolution refunded of the platform fee.';
comment on column app_public.disputes.resolution_note is 'The admin''s note on the resolution.';
comment on column app_public.disputes.resolved_by is 'The admin who resolved it.';
comment on column app_public.disputes.resolved_at is 'When it was resolved.';
comment on column app_public.disputes.closed_at is 'When it was closed.';
comment on column app_public.disputes.appealed_at is 'When a party appealed the resolution (once).';
comment on column app_public.disputes.appealed_by is 'The party who appealed.';
comment on column app_public.disputes.appeal_reason is 'Why they appealed.';
comment on column app_public.disputes.created_at is 'When it was opened.';
comment on column app_public.disputes.updated_at is 'When it last changed.';
comment on column app_public.dispute_evidence.id is 'The evidence''s id.';
comment on column app_public.dispute_evidence.dispute_id is 'The dispute it supports.';
comment on column app_public.dispute_evidence.type is 'The kind of evidence.';
comment on column app_public.dispute_evidence.file_id is 'The uploaded file (purpose dispute_evidence); null for a document the platform attached.';
comment on column app_public.dispute_evidence.sha256 is 'SHA-256 of the file as uploaded, or of the attached document''s text, in hex.';
comment on column app_public.dispute_evidence.description is 'What it shows.';
comment on column app_public.dispute_evidence.created_at is 'When it was added.';
comment on column app_public.dispute_messages.id is 'The message''s id.';
comment on column app_public.dispute_messages.dispute_id is 'The dispute it belongs to.';
comment on column app_public.dispute_messages.body is 'The text (1 to 5000 characters).';
comment on column app_public.dispute_messages.created_at is 'When it was posted.';

-- A chargeback's Stripe dispute id lives with the other Stripe ids. A new column is empty, and the table (small,
-- written by the worker only) is locked by this transaction already: its constraints are checked at once.
-- squawk-ignore adding-foreign-key-constraint
alter table app_private.stripe_refs add column dispute_id uuid references app_public.disputes (id) on delete restrict;
alter table app_private.stripe_refs drop constraint stripe_refs_kind_known, drop constraint stripe_refs_one_owner;
-- squawk-ignore constraint-missing-not-valid
alter table app_private.stripe_refs add constraint stripe_refs_kind_known
  check (kind in ('payment_intent', 'charge', 'transfer', 'refund', 'transfer_reversal', 'payout', 'account', 'dispute'));
-- squawk-ignore constraint-missing-not-valid
alter table app_private.stripe_refs add constraint stripe_refs_one_owner
  check (num_nonnulls(payment_intent_id, escrow_id, refund_id, payout_id, payout_account_id, dispute_id) = 1);
-- squawk-ignore constraint-missing-not-valid, disallowed-unique-constraint
alter table app_private.stripe_refs add constraint stripe_refs_dispute_id_kind_key unique (dispute_id, kind);
comment on constraint stripe_refs_kind_known on app_private.stripe_refs is 'kind must be a known kind of Stripe object';
comment on constraint stripe_refs_one_owner on app_private.stripe_refs is 'payment_intent_id, escrow_id, refund_id, payout_id, payout_account_id or dispute_id: exactly one must be set';
comment on constraint stripe_refs_dispute_id_fkey on app_private.stripe_refs is 'dispute_id must name an existing dispute';
comment on constraint stripe_refs_dispute_id_kind_key on app_private.stripe_refs is 'dispute_id already has a Stripe object of this kind';

-- Chargebacks in the ledger: the funds Stripe withdraws while the bank decides (an asset until it does), reinstated
-- when won, a dispute loss when lost.
alter table app_private.ledger_accounts drop constraint ledger_accounts_code_known;
-- squawk-ignore constraint-missing-not-valid
alter table app_private.ledger_accounts add constraint ledger_accounts_code_known
  check (code in ('platform_cash', 'escrow_liability', 'platform_fee_revenue', 'processing_fee_revenue',
                  'stripe_fee_expense', 'traveler_payable', 'traveler_receivable', 'promo_liability',
                  'promo_expense', 'dispute_losses', 'chargeback_funds'));
comment on constraint ledger_accounts_code_known on app_private.ledger_accounts is 'code must be a known ledger account';
alter table app_private.ledger_transactions drop constraint ledger_transactions_kind_known;
-- squawk-ignore constraint-missing-not-valid
alter table app_private.ledger_transactions add constraint ledger_transactions_kind_known
  check (kind in ('capture', 'release', 'refund', 'reversal', 'payout', 'credit', 'adjustment', 'chargeback'));
comment on constraint ledger_transactions_kind_known on app_private.ledger_transactions is 'kind must be a known kind of ledger transaction';

insert into app_public.system_configuration (category, key, value, data_type, validation, is_sensitive, is_public, description) values
  ('disputes', 'appeal_days', '7', 'integer', '{"min": 1, "max": 90}', false, true,
   'Days after a resolution during which a party may appeal it (once).')
on conflict do nothing;

-- Alerts to the admins who handle disputes (disputes.read): a subject and message made by SQL.
insert into app_public.notification_templates (name, category, variables) values
  ('dispute_admin_alert', 'delivery_update', '[{"name": "first_name", "required": true}, {"name": "subject", "required": true}, {"name": "message", "required": true}]');
insert into app_public.notification_template_bodies (template_id, locale, email_subject, email_text, email_html, in_app_title, in_app_body)
select t.id, b.locale, '{{subject}}', b.greeting || E'\n\n{{message}}\n\nP2P Delivery\n',
       '<p>' || b.greeting || E'</p>\n<p>{{message}}</p>\n<p>P2P Delivery</p>', '{{subject}}', '{{message}}'
  from (values ('en', 'Hello {{first_name}},'), ('fr', 'Bonjour {{first_name}},')) as b (locale, greeting)
  join app_public.notification_templates t on t.name = 'dispute_admin_alert';

-- migrate:down
set local lock_timeout = '5s';
delete from app_public.notification_templates where name = 'dispute_admin_alert';
delete from app_public.system_configuration where category = 'disputes' and key = 'appeal_days';
alter table app_private.ledger_transactions drop constraint ledger_transactions_kind_known;
alter table app_private.ledger_transactions add constraint ledger_transactions_kind_known
  check (kind in ('capture', 'release', 'refund', 'reversal', 'payout', 'credit', 'adjustment'));
comment on constraint ledger_transactions_kind_known on app_private.ledger_transactions is 'kind must be a known kind of ledger transaction';
alter table app_private.ledger_accounts drop constraint ledger_accounts_code_known;
alter table app_private.ledger_accounts add constraint ledger_accounts_code_known
  check (code in ('platform_cash', 'escrow_liability', 'platform_fee_revenue', 'processing_fee_revenue',
                  'stripe_fee_expense', 'traveler_payable', 'traveler_receivable', 'promo_liability',
                  'promo_expense', 'dispute_losses'));
comment on constraint ledger_accounts_code_known on app_private.ledger_accounts is 'code must be a known ledger account';
alter table app_private.stripe_refs drop column dispute_id cascade;
alter table app_private.stripe_refs drop constraint stripe_refs_kind_known;
alter table app_private.stripe_refs
  add constraint stripe_refs_kind_known
    check (kind in ('payment_intent', 'charge', 'transfer', 'refund', 'transfer_reversal', 'payout', 'account'));
comment on constraint stripe_refs_kind_known on app_private.stripe_refs is 'kind must be a known kind of Stripe object';
alter table app_private.stripe_refs add constraint stripe_refs_one_owner
  check (num_nonnulls(payment_intent_id, escrow_id, refund_id, payout_id, payout_account_id) = 1);
comment on constraint stripe_refs_one_owner on app_private.stripe_refs is 'payment_intent_id, escrow_id, refund_id, payout_id or payout_account_id: exactly one must be set';
drop table app_private.dispute_settlements;
drop table app_public.dispute_messages cascade;
drop table app_public.dispute_evidence cascade;
drop table app_public.disputes cascade;
drop sequence app_public.dispute_case_number_seq;
drop type app_public.evidence_type cascade;
drop type app_public.dispute_source cascade;
drop type app_public.dispute_resolution cascade;
drop type app_public.dispute_status cascade;
drop type app_public.dispute_priority cascade;
drop type app_public.dispute_category cascade;
