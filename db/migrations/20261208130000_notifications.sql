-- migrate:up
set local lock_timeout = '5s';
set local statement_timeout = '60s';

-- Notifications (docs/notifications.md): templates with a body per channel and locale, one row per message and
-- channel in a table partitioned by month, each user's preferences (the only input to sending) and their devices'
-- push tokens. app_hidden.notify decides the rows; the notifications__send task renders and sends them.

create type app_public.notification_category as enum ('delivery_update', 'new_request', 'payment', 'system',
  'promotional', 'security');
comment on type app_public.notification_category is 'What a notification is about; preferences switch categories per channel (security email and in-app messages cannot be switched off).';
create type app_public.template_status as enum ('active', 'inactive', 'draft');
comment on type app_public.template_status is 'Whether a template is used: only active templates send.';
create type app_public.notification_type as enum ('push', 'email', 'sms', 'in_app');
comment on type app_public.notification_type is 'The channel a notification goes through.';
create type app_public.notification_status as enum ('queued', 'sent', 'delivered', 'read', 'failed', 'bounced',
  'cancelled');
comment on type app_public.notification_status is 'Where a notification stands: queued (waiting or retrying), sent, read (in-app), failed after its retries, bounced (email refused for good), cancelled.';
create type app_public.notification_priority as enum ('low', 'normal', 'high', 'urgent');
comment on type app_public.notification_priority is 'Urgent messages (security, emergencies) pass quiet hours.';
create type app_public.email_frequency as enum ('immediate', 'daily', 'weekly');
comment on type app_public.email_frequency is 'When emails of the new_request and promotional categories are sent: at once, or held for 08:00 local time (daily, or Mondays).';
create type app_public.device_platform as enum ('ios', 'android', 'web');
comment on type app_public.device_platform is 'The platform of a push token.';
create type app_private.notification_secret as enum ('none', 'verify_email', 'password_reset');

-- Templates. The name is what SQL passes to notify; the bodies per locale live in notification_template_bodies.
create table app_public.notification_templates (
  id uuid primary key default gen_random_uuid(),
  name text not null,
  category app_public.notification_category not null,
  status app_public.template_status not null default 'active',
  version integer not null default 1,
  variables jsonb not null default '[]',
  secret app_private.notification_secret not null default 'none',
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  constraint notification_templates_name_key unique (name),
  constraint notification_templates_name_check check (name ~ '^[a-z][a-z0-9_]{2,63}$'),
  constraint notification_templates_version_check check (version >= 1),
  constraint notification_templates_variables_check check (
    jsonb_typeof(variables) = 'array'
    and not jsonb_path_exists(variables, '$[*] ? (@.type() != "object" || !exists(@.name) || @.name.type() != "string" || !exists(@.required) || @.required.type() != "boolean")'))
);
alter table app_public.notification_templates enable row level security;
alter table app_public.notification_templates force row level security;
comment on table app_public.notification_templates is E'@behavior -insert -update -delete\nMessage templates, one per event: a category, declared variables and a body per channel and locale (admins with notifications.send read them).';
comment on column app_public.notification_templates.name is 'What SQL passes to app_hidden.notify (e.g. offer_received).';
comment on column app_public.notification_templates.category is 'The preference category that decides who receives it.';
comment on column app_public.notification_templates.status is 'Only active templates send.';
comment on column app_public.notification_templates.version is 'Bumped on every edit of the template or one of its bodies; each notification records the version it was rendered from.';
comment on column app_public.notification_templates.variables is 'Declared variables, [{"name", "required"}]: a required one missing fails notify; rendering refuses any undeclared one.';
comment on column app_public.notification_templates.secret is E'@behavior -*\nThe single-use secret the sending task mints into {{token}} (verify_email, password_reset) or none.';
comment on column app_public.notification_templates.id is 'The template''s id.';
comment on column app_public.notification_templates.created_at is 'When the template was installed.';
comment on column app_public.notification_templates.updated_at is 'When the template (or one of its bodies) last changed.';
comment on constraint notification_templates_pkey on app_public.notification_templates is 'id is already taken';
comment on constraint notification_templates_name_key on app_public.notification_templates is 'name is already taken by another template';
comment on constraint notification_templates_name_check on app_public.notification_templates is 'name must be 3 to 64 lowercase letters, digits or underscores, starting with a letter';
comment on constraint notification_templates_version_check on app_public.notification_templates is 'version must be at least 1';
comment on constraint notification_templates_variables_check on app_public.notification_templates is 'variables must be an array of {"name": text, "required": boolean}';

create table app_public.notification_template_bodies (
  template_id uuid not null references app_public.notification_templates on delete cascade,
  locale text not null,
  push_title text,
  push_body text,
  email_subject text,
  email_text text,
  email_html text,
  sms_body text,
  in_app_title text,
  in_app_body text,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  constraint notification_template_bodies_pkey primary key (template_id, locale),
  constraint notification_template_bodies_locale_check check (locale ~ '^[a-z]{2}$'),
  constraint notification_template_bodies_sms_body_check check (length(sms_body) between 1 and 320),
  constraint notification_template_bodies_push_check check ((push_title is null) = (push_body is null)),
  constraint notification_template_bodies_email_check check (
    (email_subject is null) = (email_text is null) and (email_subject is null) = (email_html is null)),
  constraint notification_template_bodies_in_app_check check ((in_app_title is null) = (in_app_body is null))
);
alter table app_public.notification_template_bodies enable row level security;
alter table app_public.notification_template_bodies force row level security;
comment on table app_public.notification_template_bodies is E'@behavior -insert -update -delete\nThe text of a template in one locale, per channel (a channel without text is not sent); English is the fallback.';
comment on column app_public.notification_template_bodies.locale is 'Two-letter language code (en, fr).';
comment on column app_public.notification_template_bodies.template_id is 'The template this text belongs to.';
comment on column app_public.notification_template_bodies.push_title is 'Title of the push notification.';
comment on column app_public.notification_template_bodies.push_body is 'Text of the push notification.';
comment on column app_public.notification_template_bodies.email_subject is 'Subject of the email.';
comment on column app_public.notification_template_bodies.email_text is 'Plain-text part of the email.';
comment on column app_public.notification_template_bodies.email_html is 'HTML part of the email (variables are escaped).';
comment on column app_public.notification_template_bodies.in_app_title is 'Title of the in-app message.';
comment on column app_public.notification_template_bodies.in_app_body is 'Text of the in-app message.';
comment on column app_public.notification_template_bodies.created_at is 'When this text was added.';
comment on column app_public.notification_template_bodies.updated_at is 'When this text last changed.';
comment on column app_public.notification_template_bodies.sms_body is 'At most 320 characters once rendered.';
comment on constraint notification_template_bodies_pkey on app_public.notification_template_bodies is 'locale already has a body for this template';
comment on constraint notification_template_bodies_template_id_fkey on app_public.notification_template_bodies is 'template_id must name an existing template';
comment on constraint notification_template_bodies_locale_check on app_public.notification_template_bodies is 'locale must be a two-letter language code';
comment on constraint notification_template_bodies_sms_body_check on app_public.notification_template_bodies is 'sms_body must have 1 to 320 characters';
comment on constraint notification_template_bodies_push_check on app_public.notification_template_bodies is 'push_title and push_body go together';
comment on constraint notification_template_bodies_email_check on app_public.notification_template_bodies is 'email_subject, email_text and email_html go together';
comment on constraint notification_template_bodies_in_app_check on app_public.notification_template_bodies is 'in_app_title and in_app_body go together';

-- Messages: one row per notification and channel, partitioned by month of created_at (the partition key is in the
-- primary key). app_private.create_notification_partitions creates months ahead (daily job); the cleanup drops
-- months past notifications.retention_days.
create table app_public.notifications (
  id uuid not null default gen_random_uuid(),
  created_at timestamptz not null default now(),
  user_id uuid not null references app_public.users on delete cascade,
  template_id uuid not null references app_public.notification_templates,
  template_version integer not null,
  channel app_public.notification_type not null,
  category app_public.notification_category not null,
  priority app_public.notification_priority not null default 'normal',
  status app_public.notification_status not null default 'queued',
  variables jsonb not null default '{}',
  title text,
  body text,
  delivery_id uuid references app_public.deliveries on delete set null,
  scheduled_at timestamptz not null default now(),
  sent_at timestamptz,
  read_at timestamptz,
  clicked_at timestamptz,
  attempts integer not null default 0,
  last_error text,
  updated_at timestamptz not null default now(),
  constraint notifications_pkey primary key (id, created_at),
  constraint notifications_attempts_check check (attempts >= 0),
  constraint notifications_read_check check (read_at is null or channel = 'in_app'),
  constraint notifications_variables_check check (jsonb_typeof(variables) = 'object')
) partition by range (created_at);
alter table app_public.notifications enable row level security;
alter table app_public.notifications force row level security;
comment on table app_public.notifications is E'@behavior -insert -update -delete\nMessages to users, one row per channel; users read their in-app inbox with myNotifications.';
comment on column app_public.notifications.id is 'The notification''s id (with created_at, its key).';
comment on column app_public.notifications.created_at is 'When it was queued (the month decides its partition).';
comment on column app_public.notifications.user_id is 'The recipient.';
comment on column app_public.notifications.template_id is 'The template it was made from.';
comment on column app_public.notifications.template_version is 'The template''s version when it was queued.';
comment on column app_public.notifications.category is 'The template''s category.';
comment on column app_public.notifications.priority is 'low, normal, high or urgent (urgent passes quiet hours).';
comment on column app_public.notifications.status is 'queued, sent, read, failed, bounced or cancelled.';
comment on column app_public.notifications.delivery_id is 'The delivery it is about, if any.';
comment on column app_public.notifications.sent_at is 'When the provider accepted it (or the in-app message was rendered).';
comment on column app_public.notifications.attempts is 'Send attempts so far.';
comment on column app_public.notifications.updated_at is 'When the row last changed.';
comment on column app_public.notifications.channel is 'push, email, sms or in_app.';
comment on column app_public.notifications.variables is E'@behavior -*\nThe values the template is rendered with (what the recipient may see; never a secret).';
comment on column app_public.notifications.title is 'The rendered title (in-app, push) or subject (email), once sent.';
comment on column app_public.notifications.body is 'The rendered text, once sent.';
comment on column app_public.notifications.scheduled_at is 'When it may be sent: later than created_at in quiet hours, for a digest time, or for a retry.';
comment on column app_public.notifications.read_at is 'When the user read it (in-app only).';
comment on column app_public.notifications.clicked_at is 'When the user followed it.';
comment on column app_public.notifications.last_error is E'@behavior -*\nThe last failure of the provider.';
comment on constraint notifications_pkey on app_public.notifications is 'id is already taken';
comment on constraint notifications_attempts_check on app_public.notifications is 'attempts cannot be negative';
comment on constraint notifications_read_check on app_public.notifications is 'read_at applies to in_app notifications only';
comment on constraint notifications_variables_check on app_public.notifications is 'variables must be an object';
comment on constraint notifications_user_id_fkey on app_public.notifications is 'user_id must name an existing user';
comment on constraint notifications_template_id_fkey on app_public.notifications is 'template_id must name an existing template';
comment on constraint notifications_delivery_id_fkey on app_public.notifications is 'delivery_id must name an existing delivery';
create index notifications_user_idx on app_public.notifications (user_id, created_at desc) where channel = 'in_app';
create index notifications_unread_idx on app_public.notifications (user_id) where channel = 'in_app' and read_at is null;
create index notifications_queued_idx on app_public.notifications (scheduled_at) where status = 'queued';
create index notifications_template_idx on app_public.notifications (template_id);
create index notifications_delivery_idx on app_public.notifications (delivery_id);
create index notifications_all_user_idx on app_public.notifications (user_id);

-- This month and the next three; the daily job keeps notifications.partitions_ahead months ahead from then on
-- (app_private.create_notification_partitions does the same). Partitions live in app_private: nothing but the parent
-- is reached by the API. Their constraints carry the parent's client messages (server/errors.ts reads the
-- constraint a violation names, which is the partition's).
do $$
declare
  v_month date;
  v_name text;
  v_ddl text;
begin
  for i in 0..3 loop
    v_month := (date_trunc('month', now() at time zone 'UTC') + make_interval(months => i))::date;
    v_name := 'notifications_' || to_char(v_month, 'YYYY_MM');
    execute format('create table app_private.%I partition of app_public.notifications for values from (%L) to (%L)',
                   v_name, v_month::timestamp at time zone 'UTC', (v_month + interval '1 month')::timestamp at time zone 'UTC');
    execute format('alter table app_private.%I enable row level security', v_name);
    execute format('alter table app_private.%I force row level security', v_name);
    execute format('comment on table app_private.%I is %L', v_name, 'A month of notifications (read through app_public.notifications).');
    for v_ddl in
      select format('comment on constraint %I on app_private.%I is %L', child.conname, v_name,
                    obj_description(parent.oid, 'pg_constraint'))
        from pg_constraint child
        join pg_constraint parent on parent.conrelid = 'app_public.notifications'::regclass
         and (parent.conname = child.conname or (parent.contype = 'p' and child.contype = 'p'))
       where child.conrelid = format('app_private.%I', v_name)::regclass
    loop
      execute v_ddl;
    end loop;
  end loop;
end;
$$;

-- Preferences: the only input to sending (one row per user, created with the account).
create table app_public.notification_preferences (
  user_id uuid primary key references app_public.users on delete cascade,
  push_enabled boolean not null default true,
  email_enabled boolean not null default true,
  sms_enabled boolean not null default false,
  in_app_enabled boolean not null default true,
  categories jsonb not null default
    '{"push": {"promotional": false}, "email": {"promotional": false}, "sms": {"promotional": false}, "in_app": {"promotional": false}}',
  email_frequency app_public.email_frequency not null default 'immediate',
  quiet_hours_enabled boolean not null default true,
  quiet_start time,
  quiet_end time,
  timezone text not null default 'UTC',
  locale text not null default 'en',
  email_hard_bounces integer not null default 0,
  email_disabled_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  constraint notification_preferences_categories_check check (
    jsonb_typeof(categories) = 'object'
    and (categories - array['push', 'email', 'sms', 'in_app']) = '{}'
    and not jsonb_path_exists(categories, '$.* ? (@.type() != "object")')
    and not jsonb_path_exists(categories, '$.*.* ? (@.type() != "boolean")')
    and not jsonb_path_exists(categories, '$.*.keyvalue() ? (!(@.key == "delivery_update" || @.key == "new_request" || @.key == "payment" || @.key == "system" || @.key == "promotional" || @.key == "security"))')),
  constraint notification_preferences_quiet_check check ((quiet_start is null) = (quiet_end is null)),
  constraint notification_preferences_locale_check check (locale in ('en', 'fr')),
  constraint notification_preferences_timezone_check check (length(timezone) between 1 and 64),
  constraint notification_preferences_email_hard_bounces_check check (email_hard_bounces >= 0)
);
alter table app_public.notification_preferences enable row level security;
alter table app_public.notification_preferences force row level security;
comment on table app_public.notification_preferences is E'@behavior -insert -delete -update\nHow a user wants to be told (1:1, created with the account); change it with updateNotificationPreferences.';
comment on column app_public.notification_preferences.user_id is 'The user.';
comment on column app_public.notification_preferences.push_enabled is 'Push notifications on (default).';
comment on column app_public.notification_preferences.email_enabled is 'Emails on (default); security emails are sent anyway.';
comment on column app_public.notification_preferences.sms_enabled is 'Text messages on (off by default).';
comment on column app_public.notification_preferences.in_app_enabled is 'In-app messages on (default); security ones are kept anyway.';
comment on column app_public.notification_preferences.quiet_hours_enabled is 'Whether push and SMS wait for the end of quiet hours (default on).';
comment on column app_public.notification_preferences.created_at is 'When the row was created (with the account).';
comment on column app_public.notification_preferences.updated_at is 'When the preferences last changed.';
comment on column app_public.notification_preferences.categories is 'Per channel, categories switched on (true) or off (false); a category not named is on, except promotional. Security email and in-app messages are sent whatever this says.';
comment on column app_public.notification_preferences.email_frequency is 'immediate, or daily/weekly: new_request and promotional emails wait for 08:00 local time.';
comment on column app_public.notification_preferences.quiet_start is 'Start of quiet hours (local time); null: the platform''s notifications.quiet_start.';
comment on column app_public.notification_preferences.quiet_end is 'End of quiet hours (local time); null: the platform''s notifications.quiet_end.';
comment on column app_public.notification_preferences.timezone is 'IANA time zone of quiet hours and digests (e.g. Europe/Paris).';
comment on column app_public.notification_preferences.locale is 'Language of messages: en or fr.';
comment on column app_public.notification_preferences.email_hard_bounces is 'Hard bounces of the current address; at notifications.bounce_limit email stops.';
comment on column app_public.notification_preferences.email_disabled_at is 'When repeated hard bounces stopped email to the current address (a new address resumes it).';
comment on constraint notification_preferences_pkey on app_public.notification_preferences is 'user_id already has notification preferences';
comment on constraint notification_preferences_user_id_fkey on app_public.notification_preferences is 'user_id must name an existing user';
comment on constraint notification_preferences_categories_check on app_public.notification_preferences is 'categories must map push, email, sms or in_app to {category: boolean}';
comment on constraint notification_preferences_quiet_check on app_public.notification_preferences is 'quiet_start and quiet_end go together';
comment on constraint notification_preferences_locale_check on app_public.notification_preferences is 'locale must be en or fr';
comment on constraint notification_preferences_timezone_check on app_public.notification_preferences is 'timezone must be an IANA time zone name';
comment on constraint notification_preferences_email_hard_bounces_check on app_public.notification_preferences is 'email_hard_bounces cannot be negative';
insert into app_public.notification_preferences (user_id) select u.id from app_public.users u;

-- Push tokens of users' devices. A token belongs to the user who registered it last.
create table app_public.device_tokens (
  id uuid primary key default gen_random_uuid(),
  user_id uuid not null references app_public.users on delete cascade,
  token text not null,
  platform app_public.device_platform not null,
  active boolean not null default true,
  last_used_at timestamptz not null default now(),
  deactivated_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  constraint device_tokens_token_key unique (token),
  constraint device_tokens_token_check check (length(token) between 8 and 4096),
  constraint device_tokens_active_check check (active = (deactivated_at is null))
);
alter table app_public.device_tokens enable row level security;
alter table app_public.device_tokens force row level security;
comment on table app_public.device_tokens is E'@behavior -insert -update\nPush tokens of the user''s devices; registerDeviceToken adds one, unregisterDeviceToken or deleting removes it.';
comment on column app_public.device_tokens.active is 'Inactive after notifications.token_inactive_days without use or when the push provider no longer knows it.';
comment on column app_public.device_tokens.id is 'The token''s row id.';
comment on column app_public.device_tokens.user_id is 'The user the token belongs to (the latest who registered it).';
comment on column app_public.device_tokens.token is 'The push token the device got from its platform.';
comment on column app_public.device_tokens.platform is 'ios, android or web.';
comment on column app_public.device_tokens.last_used_at is 'When the token was last registered or used.';
comment on column app_public.device_tokens.deactivated_at is 'When it went inactive.';
comment on column app_public.device_tokens.created_at is 'When the token was first registered.';
comment on column app_public.device_tokens.updated_at is 'When the row last changed.';
comment on constraint device_tokens_pkey on app_public.device_tokens is 'id is already taken';
comment on constraint device_tokens_token_key on app_public.device_tokens is 'token is already registered';
comment on constraint device_tokens_token_check on app_public.device_tokens is 'token must have 8 to 4096 characters';
comment on constraint device_tokens_active_check on app_public.device_tokens is 'active must be false exactly when deactivated_at is set';
comment on constraint device_tokens_user_id_fkey on app_public.device_tokens is 'user_id must name an existing user';
create index device_tokens_user_idx on app_public.device_tokens (user_id);
create index device_tokens_last_used_idx on app_public.device_tokens (last_used_at);

insert into app_public.system_configuration (category, key, value, data_type, validation, is_sensitive, is_public, description) values
  ('notifications', 'quiet_start', '"22:00"', 'string', '{"pattern": "^([01][0-9]|2[0-3]):[0-5][0-9]$"}', false, true,
   'Start of quiet hours (local time) for users who did not choose theirs: push and SMS wait until quiet_end unless urgent.'),
  ('notifications', 'quiet_end', '"08:00"', 'string', '{"pattern": "^([01][0-9]|2[0-3]):[0-5][0-9]$"}', false, true,
   'End of quiet hours (local time) for users who did not choose theirs.'),
  ('notifications', 'max_retries', '3', 'integer', '{"min": 0, "max": 10}', false, false,
   'Retries of a failed send before it is failed.'),
  ('notifications', 'retry_minutes', '[1, 5, 30]', 'array', '{"min": 1, "max": 1440}', false, false,
   'Minutes before each retry (the last one repeats).'),
  ('notifications', 'bounce_limit', '3', 'integer', '{"min": 1, "max": 100}', false, false,
   'Hard bounces that stop email to an address.'),
  ('notifications', 'retention_days', '90', 'integer', '{"min": 31, "max": 3650}', false, false,
   'Days notifications are kept: monthly partitions entirely older are dropped.'),
  ('notifications', 'partitions_ahead', '3', 'integer', '{"min": 1, "max": 24}', false, false,
   'Months of notification partitions created ahead.'),
  ('notifications', 'token_inactive_days', '30', 'integer', '{"min": 1, "max": 3650}', false, false,
   'Days without use after which a device token goes inactive.'),
  ('notifications', 'token_delete_days', '180', 'integer', '{"min": 1, "max": 3650}', false, false,
   'Days an inactive device token is kept before it is deleted.')
on conflict (category, key) do nothing;

-- migrate:down
delete from app_public.system_configuration where category = 'notifications';
drop table app_public.device_tokens cascade;
drop table app_public.notification_preferences cascade;
drop table app_public.notifications cascade;
drop table app_public.notification_template_bodies cascade;
drop table app_public.notification_templates cascade;
drop type app_private.notification_secret cascade;
drop type app_public.device_platform cascade;
drop type app_public.email_frequency cascade;
drop type app_public.notification_priority cascade;
drop type app_public.notification_status cascade;
drop type app_public.notification_type cascade;
drop type app_public.template_status cascade;
drop type app_public.notification_category cascade;
