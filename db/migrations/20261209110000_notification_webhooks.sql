-- migrate:up
set local lock_timeout = '5s';
set local statement_timeout = '60s';

-- Outgoing webhooks for partners (docs/notifications.md "Outgoing webhooks"): admins holding notifications.send
-- register an endpoint and the events it wants; each event of such a type becomes one row of webhook_deliveries per
-- endpoint, written in the transaction of the change it describes and posted, signed, by the webhook_deliveries__send
-- task. The signing secrets sit in app_private.webhook_secrets: the database signs, they never leave it after the
-- one answer that shows them.
create type app_public.webhook_delivery_status as enum ('pending', 'succeeded', 'failed', 'abandoned');
comment on type app_public.webhook_delivery_status is 'pending until the first call, failed while retries remain after a failed call, then succeeded or abandoned.';

create table app_public.notification_webhooks (
  id uuid primary key default gen_random_uuid(),
  owner_id uuid references app_public.users (id) on delete set null,
  url text not null,
  description text,
  events text[] not null,
  active boolean not null default true,
  consecutive_failures integer not null default 0,
  disabled_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  constraint notification_webhooks_url_check check (length(url) <= 2000 and url ~ '^https?://[^/?#@[:space:]]+(/[^[:space:]]*)?$'),
  constraint notification_webhooks_description_check check (length(description) between 1 and 500),
  constraint notification_webhooks_events_check check (
    cardinality(events) between 1 and 20
    and events <@ array['delivery.status_changed', 'offer.accepted', 'payment.captured', 'escrow.released',
                        'refund.created', 'dispute.opened', 'dispute.resolved', 'emergency.reported', 'user.verified']),
  constraint notification_webhooks_consecutive_failures_check check (consecutive_failures >= 0),
  constraint notification_webhooks_active_check check (not (active and disabled_at is not null))
);
alter table app_public.notification_webhooks enable row level security;
alter table app_public.notification_webhooks force row level security;
create index notification_webhooks_owner_id_idx on app_public.notification_webhooks (owner_id);
create index notification_webhooks_events_idx on app_public.notification_webhooks using gin (events) where active;
comment on table app_public.notification_webhooks is E'@behavior -insert\nPartners'' endpoints receiving signed events (admins with notifications.send: createWebhook, rotateWebhookSecret, sendTestWebhook).';
comment on column app_public.notification_webhooks.id is 'The webhook''s id.';
comment on column app_public.notification_webhooks.owner_id is 'The admin who created it, told when it is disabled.';
comment on column app_public.notification_webhooks.url is 'Where events are posted (https).';
comment on column app_public.notification_webhooks.description is 'What the endpoint is for.';
comment on column app_public.notification_webhooks.events is 'The event types sent to it.';
comment on column app_public.notification_webhooks.active is 'Whether events are sent; set back to true to re-enable a disabled webhook.';
comment on column app_public.notification_webhooks.consecutive_failures is 'Deliveries abandoned in a row since the last success (notifications.webhook_disable_after disables it).';
comment on column app_public.notification_webhooks.disabled_at is 'When too many abandoned deliveries disabled it.';
comment on column app_public.notification_webhooks.created_at is 'When it was created.';
comment on column app_public.notification_webhooks.updated_at is 'When it last changed.';
comment on constraint notification_webhooks_pkey on app_public.notification_webhooks is 'id is already taken';
comment on constraint notification_webhooks_owner_id_fkey on app_public.notification_webhooks is 'owner_id must name an existing user';
comment on constraint notification_webhooks_url_check on app_public.notification_webhooks is 'url must be an http(s) URL of at most 2000 characters';
comment on constraint notification_webhooks_description_check on app_public.notification_webhooks is 'description must have 1 to 500 characters';
comment on constraint notification_webhooks_events_check on app_public.notification_webhooks is 'events must list 1 to 20 known event types';
comment on constraint notification_webhooks_consecutive_failures_check on app_public.notification_webhooks is 'consecutive_failures cannot be negative';
comment on constraint notification_webhooks_active_check on app_public.notification_webhooks is 'active cannot be true while disabled_at is set';

-- The signing secrets: 32 random bytes each. Not hashes: the database must compute HMACs with them. The previous
-- secret keeps signing (a second v1=) until previous_expires_at, 24 hours after a rotation.
create table app_private.webhook_secrets (
  webhook_id uuid primary key references app_public.notification_webhooks (id) on delete cascade,
  current bytea not null,
  previous bytea,
  previous_expires_at timestamptz,
  rotated_at timestamptz,
  constraint webhook_secrets_current_check check (length(current) = 32),
  constraint webhook_secrets_previous_check check (
    (previous is null and previous_expires_at is null) or (length(previous) = 32 and previous_expires_at is not null))
);
alter table app_private.webhook_secrets enable row level security;
alter table app_private.webhook_secrets force row level security;
comment on table app_private.webhook_secrets is 'The HMAC secrets of webhooks: current, and the previous one during the overlap after a rotation.';
comment on constraint webhook_secrets_pkey on app_private.webhook_secrets is 'webhook_id already has a secret';
comment on constraint webhook_secrets_webhook_id_fkey on app_private.webhook_secrets is 'webhook_id must name an existing webhook';
comment on constraint webhook_secrets_current_check on app_private.webhook_secrets is 'current must have 32 bytes';
comment on constraint webhook_secrets_previous_check on app_private.webhook_secrets is 'previous must have 32 bytes and an expiry';

create table app_public.webhook_deliveries (
  id uuid primary key default gen_random_uuid(),
  webhook_id uuid not null references app_public.notification_webhooks (id) on delete cascade,
  event_id uuid not null,
  event_type text not null,
  payload jsonb not null,
  status app_public.webhook_delivery_status not null default 'pending',
  attempts integer not null default 0,
  next_attempt_at timestamptz not null default now(),
  last_status_code integer,
  last_error text,
  delivered_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  constraint webhook_deliveries_webhook_id_event_id_key unique (webhook_id, event_id),
  constraint webhook_deliveries_event_type_check check (event_type ~ '^[a-z_]+\.[a-z_]+$'),
  constraint webhook_deliveries_payload_check check (jsonb_typeof(payload) = 'object'),
  constraint webhook_deliveries_attempts_check check (attempts >= 0),
  constraint webhook_deliveries_last_error_check check (length(last_error) <= 2000)
);
alter table app_public.webhook_deliveries enable row level security;
alter table app_public.webhook_deliveries force row level security;
create index webhook_deliveries_created_at_idx on app_public.webhook_deliveries (created_at);
comment on table app_public.webhook_deliveries is E'@behavior -insert -update -delete\nOne event sent to one webhook: its body, attempts and outcome (kept notifications.webhook_retention_days).';
comment on column app_public.webhook_deliveries.id is 'The delivery''s id.';
comment on column app_public.webhook_deliveries.webhook_id is 'The webhook it goes to.';
comment on column app_public.webhook_deliveries.event_id is 'The event''s id (X-P2P-Event-Id; the same for every webhook and every retry).';
comment on column app_public.webhook_deliveries.event_type is 'The event''s type.';
comment on column app_public.webhook_deliveries.payload is 'The body posted: {id, type, created_at, data}.';
comment on column app_public.webhook_deliveries.status is 'pending, failed (a retry is due), succeeded or abandoned.';
comment on column app_public.webhook_deliveries.attempts is 'Calls made so far.';
comment on column app_public.webhook_deliveries.next_attempt_at is 'When the next call is due.';
comment on column app_public.webhook_deliveries.last_status_code is 'The HTTP status of the last call (none after a timeout or a network error).';
comment on column app_public.webhook_deliveries.last_error is 'Why the last call failed.';
comment on column app_public.webhook_deliveries.delivered_at is 'When the endpoint accepted it (2xx).';
comment on column app_public.webhook_deliveries.created_at is 'When the event happened.';
comment on column app_public.webhook_deliveries.updated_at is 'When the row last changed.';
comment on constraint webhook_deliveries_pkey on app_public.webhook_deliveries is 'id is already taken';
comment on constraint webhook_deliveries_webhook_id_fkey on app_public.webhook_deliveries is 'webhook_id must name an existing webhook';
comment on constraint webhook_deliveries_webhook_id_event_id_key on app_public.webhook_deliveries is 'event_id was already sent to this webhook';
comment on constraint webhook_deliveries_event_type_check on app_public.webhook_deliveries is 'event_type must look like domain.event';
comment on constraint webhook_deliveries_payload_check on app_public.webhook_deliveries is 'payload must be a JSON object';
comment on constraint webhook_deliveries_attempts_check on app_public.webhook_deliveries is 'attempts cannot be negative';
comment on constraint webhook_deliveries_last_error_check on app_public.webhook_deliveries is 'last_error must have at most 2000 characters';

-- What createWebhook and rotateWebhookSecret answer: the secret, shown this once.
create type app_public.webhook_secret as (webhook_id uuid, secret text);
comment on type app_public.webhook_secret is 'A webhook''s new signing secret (64 hexadecimal characters, the HMAC key as written), shown once.';
comment on column app_public.webhook_secret.webhook_id is 'The webhook''s id.';
comment on column app_public.webhook_secret.secret is 'The signing secret: keep it; it is not shown again.';

insert into app_public.system_configuration (category, key, value, data_type, validation, is_sensitive, is_public, description) values
  ('notifications', 'webhook_retry_minutes', '[1, 5, 30, 120, 720]', 'array', '{"min": 1, "max": 10080}', false, false,
   'Minutes before each retry of a failed webhook call; after the last one the delivery is abandoned.'),
  ('notifications', 'webhook_timeout_seconds', '10', 'integer', '{"min": 1, "max": 60}', false, false,
   'Seconds a webhook call may take before it counts as failed.'),
  ('notifications', 'webhook_disable_after', '20', 'integer', '{"min": 1, "max": 1000}', false, false,
   'Consecutive abandoned deliveries that disable a webhook.'),
  ('notifications', 'webhook_retention_days', '30', 'integer', '{"min": 1, "max": 365}', false, false,
   'Days webhook deliveries are kept.'),
  ('notifications', 'webhook_allow_loopback_http', 'false', 'boolean', '{}', false, false,
   'Whether webhook URLs may be plain http://127.0.0.1 (tests and local development only; https otherwise).');

-- The message to a webhook's owner when it is disabled.
insert into app_public.notification_templates (name, category, variables, secret) values
  ('webhook_disabled', 'system', '[{"name":"first_name","required":true},{"name":"url","required":true},{"name":"failures","required":true}]', 'none');
insert into app_public.notification_template_bodies (template_id, locale, push_title, push_body, email_subject, email_text, email_html, sms_body, in_app_title, in_app_body)
select t.id, b.locale, null, null, b.subject, b.text, b.html, null, b.subject, b.line
  from (values
    ('en', 'A webhook was disabled', 'After {{failures}} deliveries in a row were abandoned, the webhook {{url}} was disabled. Fix the endpoint, then set it active again.',
     'Hello {{first_name}},

After {{failures}} deliveries in a row were abandoned, the webhook {{url}} was disabled. Fix the endpoint, then set it active again.

P2P Delivery
', '<p>Hello {{first_name}},</p>
<p>After {{failures}} deliveries in a row were abandoned, the webhook {{url}} was disabled. Fix the endpoint, then set it active again.</p>
<p>P2P Delivery</p>'),
    ('fr', 'Un webhook a été désactivé', 'Après {{failures}} livraisons abandonnées d''affilée, le webhook {{url}} a été désactivé. Corrigez le point d''accès, puis réactivez-le.',
     'Bonjour {{first_name}},

Après {{failures}} livraisons abandonnées d''affilée, le webhook {{url}} a été désactivé. Corrigez le point d''accès, puis réactivez-le.

P2P Delivery
', '<p>Bonjour {{first_name}},</p>
<p>Après {{failures}} livraisons abandonnées d''affilée, le webhook {{url}} a été désactivé. Corrigez le point d''accès, puis réactivez-le.</p>
<p>P2P Delivery</p>')
  ) as b(locale, subject, line, text, html)
  cross join app_public.notification_templates t
 where t.name = 'webhook_disabled';

-- migrate:down
delete from app_public.notification_templates where name = 'webhook_disabled';
delete from app_public.system_configuration where category = 'notifications' and key like 'webhook\_%';
drop table app_public.webhook_deliveries cascade;
drop table app_private.webhook_secrets cascade;
drop table app_public.notification_webhooks cascade;
drop type app_public.webhook_delivery_status cascade;
drop type app_public.webhook_secret cascade;
