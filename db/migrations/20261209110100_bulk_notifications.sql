-- migrate:up
set local lock_timeout = '5s';
set local statement_timeout = '60s';

-- Bulk sends (docs/notifications.md "Bulk sends"): an admin holding notifications.send sends one template to a
-- targeted set of users; the bulk_notifications__send_batch task notifies them batch_size at a time (app_hidden.notify
-- for each: preferences and quiet hours apply), one short transaction per batch, batch_delay_seconds apart.
create type app_public.bulk_status as enum ('scheduled', 'processing', 'completed', 'failed', 'canceled');
comment on type app_public.bulk_status is 'scheduled until its time, processing while batches go out, then completed (or canceled by an admin, or failed).';

create table app_public.bulk_notifications (
  id uuid primary key default gen_random_uuid(),
  created_by uuid references app_public.users (id) on delete set null,
  template_id uuid not null references app_public.notification_templates (id) on delete restrict,
  variables jsonb not null default '{}',
  priority app_public.notification_priority not null default 'normal',
  target_user_type app_public.user_type,
  target_country text,
  target_min_verification app_public.verification_level,
  status app_public.bulk_status not null default 'scheduled',
  scheduled_at timestamptz not null default now(),
  batch_size integer not null default 100,
  batch_delay_seconds integer not null default 10,
  targeted integer,
  sent integer not null default 0,
  skipped integer not null default 0,
  last_user_id uuid,
  started_at timestamptz,
  completed_at timestamptz,
  canceled_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  constraint bulk_notifications_variables_check check (jsonb_typeof(variables) = 'object'),
  constraint bulk_notifications_target_country_check check (target_country ~ '^[A-Z]{2}$'),
  constraint bulk_notifications_batch_size_check check (batch_size between 1 and 1000),
  constraint bulk_notifications_batch_delay_seconds_check check (batch_delay_seconds between 0 and 3600),
  constraint bulk_notifications_counts_check check (sent >= 0 and skipped >= 0 and targeted >= 0)
);
alter table app_public.bulk_notifications enable row level security;
alter table app_public.bulk_notifications force row level security;
create index bulk_notifications_created_by_idx on app_public.bulk_notifications (created_by);
create index bulk_notifications_template_id_idx on app_public.bulk_notifications (template_id);
create index bulk_notifications_created_at_idx on app_public.bulk_notifications (created_at);
comment on table app_public.bulk_notifications is E'@behavior -insert -update -delete\nA template sent to a targeted set of users in batches (sendBulkNotification, cancelBulkNotification, rescheduleBulkNotification).';
comment on column app_public.bulk_notifications.id is 'The bulk send''s id.';
comment on column app_public.bulk_notifications.created_by is 'The admin who made it.';
comment on column app_public.bulk_notifications.template_id is 'The template sent.';
comment on column app_public.bulk_notifications.variables is 'The template''s variables (first_name is each recipient''s).';
comment on column app_public.bulk_notifications.priority is 'The priority of every message (urgent passes quiet hours).';
comment on column app_public.bulk_notifications.target_user_type is 'customer or traveler (users of type both included), both (only those), or every type when null.';
comment on column app_public.bulk_notifications.target_country is 'Only users whose default address is in this country (ISO 3166-1 alpha-2), when set.';
comment on column app_public.bulk_notifications.target_min_verification is 'Only users verified at least to this level, when set.';
comment on column app_public.bulk_notifications.status is 'scheduled, processing, completed, failed or canceled.';
comment on column app_public.bulk_notifications.scheduled_at is 'When the first batch goes.';
comment on column app_public.bulk_notifications.batch_size is 'Users per batch.';
comment on column app_public.bulk_notifications.batch_delay_seconds is 'Seconds between batches.';
comment on column app_public.bulk_notifications.targeted is 'Active users matching the targeting when the first batch went.';
comment on column app_public.bulk_notifications.sent is 'Users who got at least one message.';
comment on column app_public.bulk_notifications.skipped is 'Users whose preferences let no channel through.';
comment on column app_public.bulk_notifications.last_user_id is 'The last user reached (batches go in user id order).';
comment on column app_public.bulk_notifications.started_at is 'When the first batch went.';
comment on column app_public.bulk_notifications.completed_at is 'When the last batch went.';
comment on column app_public.bulk_notifications.canceled_at is 'When an admin canceled it.';
comment on column app_public.bulk_notifications.created_at is 'When it was made.';
comment on column app_public.bulk_notifications.updated_at is 'When it last changed.';
comment on constraint bulk_notifications_pkey on app_public.bulk_notifications is 'id is already taken';
comment on constraint bulk_notifications_created_by_fkey on app_public.bulk_notifications is 'created_by must name an existing user';
comment on constraint bulk_notifications_template_id_fkey on app_public.bulk_notifications is 'template_id must name an existing template';
comment on constraint bulk_notifications_variables_check on app_public.bulk_notifications is 'variables must be a JSON object';
comment on constraint bulk_notifications_target_country_check on app_public.bulk_notifications is 'target_country must be a two-letter country code (ISO 3166-1)';
comment on constraint bulk_notifications_batch_size_check on app_public.bulk_notifications is 'batch_size must be between 1 and 1000';
comment on constraint bulk_notifications_batch_delay_seconds_check on app_public.bulk_notifications is 'batch_delay_seconds must be between 0 and 3600';
comment on constraint bulk_notifications_counts_check on app_public.bulk_notifications is 'sent, skipped and targeted cannot be negative';

insert into app_public.system_configuration (category, key, value, data_type, validation, is_sensitive, is_public, description) values
  ('notifications', 'bulk_batch_size', '100', 'integer', '{"min": 1, "max": 1000}', false, false,
   'Users notified per batch of a bulk send.'),
  ('notifications', 'bulk_batch_delay_seconds', '10', 'integer', '{"min": 0, "max": 3600}', false, false,
   'Seconds between the batches of a bulk send.');

-- Two templates for bulk sends: an announcement (system) and a promotion (promotional: off unless the user opted in).
insert into app_public.notification_templates (name, category, variables, secret) values
  ('announcement', 'system', '[{"name":"first_name","required":true},{"name":"title","required":true},{"name":"message","required":true}]', 'none'),
  ('promotion', 'promotional', '[{"name":"first_name","required":true},{"name":"title","required":true},{"name":"message","required":true}]', 'none');
insert into app_public.notification_template_bodies (template_id, locale, push_title, push_body, email_subject, email_text, email_html, sms_body, in_app_title, in_app_body)
select t.id, b.locale, '{{title}}', '{{message}}', '{{title}}', b.text, b.html, null, '{{title}}', '{{message}}'
  from (values
    ('en', 'Hello {{first_name}},

{{message}}

P2P Delivery
', '<p>Hello {{first_name}},</p>
<p>{{message}}</p>
<p>P2P Delivery</p>'),
    ('fr', 'Bonjour {{first_name}},

{{message}}

P2P Delivery
', '<p>Bonjour {{first_name}},</p>
<p>{{message}}</p>
<p>P2P Delivery</p>')
  ) as b(locale, text, html)
  cross join app_public.notification_templates t
 where t.name in ('announcement', 'promotion');

-- migrate:down
drop table app_public.bulk_notifications cascade;
drop type app_public.bulk_status cascade;
delete from app_public.notification_templates where name in ('announcement', 'promotion');
delete from app_public.system_configuration where category = 'notifications' and key like 'bulk\_%';
