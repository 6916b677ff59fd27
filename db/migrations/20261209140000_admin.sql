-- migrate:up
set local lock_timeout = '5s';
set local statement_timeout = '60s';
-- docs/admin.md: admin roles as data, the admin activity log (append-only; only the retention purge deletes, and only
-- low and medium rows past retention.admin_log_days), the history of configuration changes, the reasons of account
-- status changes, and the moderation queue of travelers who cancel often. The money audit of the payments issue
-- (app_private.admin_money_actions, kept "until an audit log exists") is folded into the activity log.

-- Roles and their permissions (docs/platform.md, Admin rights): one row per role, read by
-- app_hidden.admin_role_permissions. Changing what a role may do is an update of this table, audited by whoever runs it.
create table app_private.admin_role_permissions (
  role app_public.admin_role primary key,
  permissions text[] not null
    constraint admin_role_permissions_format
    check (array_position(permissions, null) is null
           and array_to_string(permissions, ' ') ~ '^(\*|[a-z_]+\.(\*|[a-z_]+))( (\*|[a-z_]+\.(\*|[a-z_]+)))*$')
);
alter table app_private.admin_role_permissions enable row level security;
alter table app_private.admin_role_permissions force row level security;
comment on table app_private.admin_role_permissions is 'What each admin role may do: permissions like users.read, x.* for every permission of x, * for all.';
comment on constraint admin_role_permissions_pkey on app_private.admin_role_permissions is 'role already has its permissions';
comment on constraint admin_role_permissions_format on app_private.admin_role_permissions is 'permissions must be * or category.action (category.* for a whole category)';
insert into app_private.admin_role_permissions (role, permissions) values
  ('super_admin', array['*']),
  ('admin', array['users.*', 'deliveries.*', 'disputes.*', 'finance.*', 'system.*', 'content.moderate', 'analytics.read',
                  'reports.export', 'qr.override', 'notifications.send']),
  ('moderator', array['users.read', 'users.suspend', 'deliveries.read', 'disputes.read', 'disputes.write',
                      'disputes.assign', 'content.moderate']),
  ('support', array['users.read', 'deliveries.read', 'disputes.read', 'disputes.write', 'qr.override']),
  ('finance', array['users.read', 'finance.*', 'deliveries.read', 'disputes.read', 'reports.export']),
  ('analyst', array['users.read', 'deliveries.read', 'analytics.read', 'reports.export']);

-- Extra permissions of one admin follow the same format, and never '*': everything is the super_admin role's, which
-- only a super_admin grants (and the last one cannot lose).
-- A handful of rows: validated at once.
alter table app_private.admin_users
  -- squawk-ignore constraint-missing-not-valid
  add constraint admin_users_permissions_format
  check (array_position(permissions, null) is null and not ('*' = any (permissions))
         and (permissions = '{}' or array_to_string(permissions, ' ') ~ '^[a-z_]+\.(\*|[a-z_]+)( [a-z_]+\.(\*|[a-z_]+))*$'));
comment on constraint admin_users_permissions_format on app_private.admin_users is 'permissions must be category.action or category.* (never *)';

-- What adminGrantRole and adminRevokeRole answer: the admin row itself stays in app_private.
create type app_public.admin_role_grant as (user_id uuid, role app_public.admin_role, permissions text[], is_active boolean);
comment on type app_public.admin_role_grant is 'An admin''s role after a grant or a revocation.';
comment on column app_public.admin_role_grant.user_id is 'The admin.';
comment on column app_public.admin_role_grant.role is 'Their role.';
comment on column app_public.admin_role_grant.permissions is 'Their extra permissions, beyond the role''s.';
comment on column app_public.admin_role_grant.is_active is 'Whether the role applies (false once revoked).';

create type app_public.activity_severity as enum ('low', 'medium', 'high', 'critical');
comment on type app_public.activity_severity is 'How much an admin act matters: high for money, bans, suspensions and configuration, critical for role changes.';

-- The admin activity log. admin_id null = the system (a migration, an operator in psql, a job). Not updatable by
-- anyone (the owner included): app_hidden.tg_admin_activity_log__append_only; deletable only by the retention rule.
create table app_public.admin_activity_log (
  id uuid primary key default gen_random_uuid(),
  admin_id uuid references app_private.admin_users (user_id) on delete restrict,
  action text not null constraint admin_activity_log_action_format check (action ~ '^[a-z][a-z0-9_]{1,62}$'),
  resource_type text not null constraint admin_activity_log_resource_type_format check (resource_type ~ '^[a-z][a-z0-9_]{1,62}$'),
  resource_id text constraint admin_activity_log_resource_id_length check (length(resource_id) between 1 and 200),
  old_values jsonb,
  new_values jsonb,
  severity app_public.activity_severity not null,
  ip_address inet,
  reason text constraint admin_activity_log_reason_length check (length(reason) between 1 and 1000),
  created_at timestamptz not null default now()
);
alter table app_public.admin_activity_log enable row level security;
alter table app_public.admin_activity_log force row level security;
-- squawk-ignore require-concurrent-index-creation
create index admin_activity_log_admin_id_idx on app_public.admin_activity_log (admin_id, created_at);
-- squawk-ignore require-concurrent-index-creation
create index admin_activity_log_resource_idx on app_public.admin_activity_log (resource_type, resource_id, created_at);
-- squawk-ignore require-concurrent-index-creation
create index admin_activity_log_created_at_idx on app_public.admin_activity_log (created_at);
comment on table app_public.admin_activity_log is E'@behavior -insert -update -delete\nEvery act of an admin (and of the system on their behalf): who, what, on which object, the values before and after, why, how much it matters. Read by admins with system.read; nobody changes it.';
comment on column app_public.admin_activity_log.id is 'Id of the entry.';
comment on column app_public.admin_activity_log.admin_id is 'The admin who acted; null for the system.';
comment on column app_public.admin_activity_log.action is 'What was done, named after the function that did it (admin_refund, set_config, …).';
comment on column app_public.admin_activity_log.resource_type is 'Kind of object acted on (user, delivery, system_configuration, …).';
comment on column app_public.admin_activity_log.resource_id is 'Id (or key) of the object acted on.';
comment on column app_public.admin_activity_log.old_values is 'What changed, before.';
comment on column app_public.admin_activity_log.new_values is 'What changed, after (or what was decided).';
comment on column app_public.admin_activity_log.severity is 'low, medium, high or critical (low and medium entries are deleted after retention.admin_log_days).';
comment on column app_public.admin_activity_log.ip_address is 'Client address of the request, when there was one.';
comment on column app_public.admin_activity_log.reason is 'Why, in the admin''s words.';
comment on column app_public.admin_activity_log.created_at is 'When it happened.';
comment on constraint admin_activity_log_pkey on app_public.admin_activity_log is 'id is already taken';
comment on constraint admin_activity_log_admin_id_fkey on app_public.admin_activity_log is E'@behavior -*\nadmin_id must name an admin';
comment on constraint admin_activity_log_action_format on app_public.admin_activity_log is 'action must be a lowercase name';
comment on constraint admin_activity_log_resource_type_format on app_public.admin_activity_log is 'resource_type must be a lowercase name';
comment on constraint admin_activity_log_resource_id_length on app_public.admin_activity_log is 'resource_id must have 1 to 200 characters';
comment on constraint admin_activity_log_reason_length on app_public.admin_activity_log is 'reason must have 1 to 1000 characters';

-- The money audit so far becomes activity: same admin, act, delivery, amounts and reason.
insert into app_public.admin_activity_log (admin_id, action, resource_type, resource_id, new_values, severity, reason, created_at)
select m.admin_id, 'admin_' || m.action, 'delivery', m.delivery_id::text,
       jsonb_build_object('amount', m.amount, 'currency', m.currency) || m.details, 'high', m.reason, m.created_at
  from app_private.admin_money_actions m
 where exists (select 1 from app_private.admin_users a where a.user_id = m.admin_id);
-- Nothing reads it any more: its writer (app_private.audit_money_action) now logs in admin_activity_log.
-- squawk-ignore ban-drop-table
drop table app_private.admin_money_actions;

-- Who changed which setting, from what to what, and why (set_config passes its reason; an operator's update in
-- psql has none). Filled by the trigger app_hidden.tg_system_configuration__history; append-only.
create table app_public.system_configuration_history (
  id uuid primary key default gen_random_uuid(),
  setting_id uuid not null references app_public.system_configuration (id) on delete cascade,
  category text not null,
  key text not null,
  old_value jsonb not null,
  new_value jsonb not null,
  changed_by uuid references app_public.users (id) on delete set null,
  reason text constraint system_configuration_history_reason_length check (length(reason) between 1 and 1000),
  created_at timestamptz not null default now()
);
alter table app_public.system_configuration_history enable row level security;
alter table app_public.system_configuration_history force row level security;
-- squawk-ignore require-concurrent-index-creation
create index system_configuration_history_setting_id_idx on app_public.system_configuration_history (setting_id, created_at);
-- squawk-ignore require-concurrent-index-creation
create index system_configuration_history_changed_by_idx on app_public.system_configuration_history (changed_by);
-- squawk-ignore require-concurrent-index-creation
create index system_configuration_history_created_at_idx on app_public.system_configuration_history (created_at);
comment on table app_public.system_configuration_history is E'@behavior -insert -update -delete\nEvery change of a setting''s value: before, after, by whom and why. Read by admins with system.read.';
comment on column app_public.system_configuration_history.id is 'Id of the change.';
comment on column app_public.system_configuration_history.setting_id is 'The setting changed.';
comment on column app_public.system_configuration_history.category is 'Its category.';
comment on column app_public.system_configuration_history.key is 'Its key.';
comment on column app_public.system_configuration_history.old_value is 'Value before the change.';
comment on column app_public.system_configuration_history.new_value is 'Value after the change.';
comment on column app_public.system_configuration_history.changed_by is E'@behavior -*\nWho changed it (null: a migration, an operator or the system).';
comment on column app_public.system_configuration_history.reason is 'Why (null for a change outside setConfig).';
comment on column app_public.system_configuration_history.created_at is 'When.';
comment on constraint system_configuration_history_pkey on app_public.system_configuration_history is 'id is already taken';
comment on constraint system_configuration_history_setting_id_fkey on app_public.system_configuration_history is 'setting_id must name an existing setting';
comment on constraint system_configuration_history_changed_by_fkey on app_public.system_configuration_history is E'@behavior -*\nchanged_by must name an existing user';
comment on constraint system_configuration_history_reason_length on app_public.system_configuration_history is 'reason must have 1 to 1000 characters';

-- Why an admin changed an account's status (admin_set_user_status); user_status_changes keeps the reason as text.
create type app_public.user_status_reason as enum ('violation_of_terms', 'suspicious_activity', 'user_request', 'other');
comment on type app_public.user_status_reason is 'Why an admin suspended, banned or reinstated an account.';

-- Travelers flagged for a moderator's look (docs/admin.md, Moderation queue): deliveries.cancel_flag_count traveler
-- cancellations within deliveries.cancel_flag_days. One open flag per user and reason.
create type app_public.moderation_flag_reason as enum ('frequent_cancellations');
comment on type app_public.moderation_flag_reason is 'Why a user was flagged for moderation.';
create type app_public.moderation_flag_status as enum ('open', 'resolved');
comment on type app_public.moderation_flag_status is 'open: waiting for a moderator; resolved: looked at.';
create table app_public.moderation_flags (
  id uuid primary key default gen_random_uuid(),
  user_id uuid not null references app_public.users (id) on delete cascade,
  reason app_public.moderation_flag_reason not null,
  details jsonb not null default '{}' constraint moderation_flags_details_object check (jsonb_typeof(details) = 'object'),
  status app_public.moderation_flag_status not null default 'open',
  resolved_by uuid references app_public.users (id) on delete set null,
  resolved_at timestamptz,
  resolution_note text constraint moderation_flags_resolution_note_length check (length(resolution_note) between 1 and 1000),
  created_at timestamptz not null default now(),
  constraint moderation_flags_resolution check ((status = 'resolved') = (resolved_at is not null))
);
alter table app_public.moderation_flags enable row level security;
alter table app_public.moderation_flags force row level security;
-- squawk-ignore require-concurrent-index-creation
create index moderation_flags_user_id_idx on app_public.moderation_flags (user_id, created_at);
-- squawk-ignore require-concurrent-index-creation
create index moderation_flags_resolved_by_idx on app_public.moderation_flags (resolved_by);
-- squawk-ignore require-concurrent-index-creation
create index moderation_flags_status_idx on app_public.moderation_flags (status, created_at);
-- squawk-ignore require-concurrent-index-creation
create unique index moderation_flags_one_open_idx on app_public.moderation_flags (user_id, reason) where status = 'open';
comment on table app_public.moderation_flags is E'@behavior -insert -update -delete\nThe moderation queue: users flagged by a rule (travelers who cancel often), open until a moderator resolves the flag. Read by admins with users.suspend.';
comment on column app_public.moderation_flags.id is 'Id of the flag.';
comment on column app_public.moderation_flags.user_id is 'The flagged user.';
comment on column app_public.moderation_flags.reason is 'The rule that flagged them.';
comment on column app_public.moderation_flags.details is 'What the rule saw (for frequent_cancellations: how many, over how many days).';
comment on column app_public.moderation_flags.status is 'open or resolved.';
comment on column app_public.moderation_flags.resolved_by is E'@behavior -*\nThe moderator who resolved the flag.';
comment on column app_public.moderation_flags.resolved_at is 'When the flag was resolved.';
comment on column app_public.moderation_flags.resolution_note is 'What the moderator decided.';
comment on column app_public.moderation_flags.created_at is 'When the user was flagged.';
comment on constraint moderation_flags_pkey on app_public.moderation_flags is 'id is already taken';
comment on constraint moderation_flags_user_id_fkey on app_public.moderation_flags is 'user_id must name an existing user';
comment on constraint moderation_flags_resolved_by_fkey on app_public.moderation_flags is E'@behavior -*\nresolved_by must name an existing user';
comment on constraint moderation_flags_details_object on app_public.moderation_flags is 'details must be a JSON object';
comment on constraint moderation_flags_resolution_note_length on app_public.moderation_flags is 'resolution_note must have 1 to 1000 characters';
comment on constraint moderation_flags_resolution on app_public.moderation_flags is 'resolved_at is set exactly when the flag is resolved';
comment on index app_public.moderation_flags_one_open_idx is 'user_id already has an open flag for this reason';

-- The message of a suspension or a ban (admin_set_user_status), in English and French.
insert into app_public.notification_templates (name, category, variables) values
  ('account_suspended', 'security', '[{"name": "first_name", "required": true}, {"name": "until", "required": true}, {"name": "reason", "required": true}]'),
  ('account_banned', 'security', '[{"name": "first_name", "required": true}, {"name": "reason", "required": true}]');
insert into app_public.notification_template_bodies (template_id, locale, email_subject, email_text, email_html, in_app_title, in_app_body)
select t.id, b.locale, b.subject, b.greeting || E'\n\n' || b.body || E'\n\nP2P Delivery\n',
       '<p>' || b.greeting || E'</p>\n<p>' || b.body || E'</p>\n<p>P2P Delivery</p>', b.subject, b.body
  from (values
    ('account_suspended', 'en', 'Hello {{first_name}},', 'Your account is suspended',
     'An administrator suspended your P2P Delivery account until {{until}} (reason: {{reason}}). You were signed out of every device; you may sign in again, but not use the marketplace until then.'),
    ('account_suspended', 'fr', 'Bonjour {{first_name}},', 'Votre compte est suspendu',
     'Un administrateur a suspendu votre compte P2P Delivery jusqu''à {{until}} (motif : {{reason}}). Vous avez été déconnecté de tous vos appareils ; vous pouvez vous reconnecter, mais pas utiliser la place de marché d''ici là.'),
    ('account_banned', 'en', 'Hello {{first_name}},', 'Your account is closed',
     'An administrator closed your P2P Delivery account for good (reason: {{reason}}). You were signed out of every device.'),
    ('account_banned', 'fr', 'Bonjour {{first_name}},', 'Votre compte est fermé',
     'Un administrateur a fermé définitivement votre compte P2P Delivery (motif : {{reason}}). Vous avez été déconnecté de tous vos appareils.')
  ) as b (name, locale, greeting, subject, body)
  join app_public.notification_templates t on t.name = b.name;

-- migrate:down
set local lock_timeout = '5s';
-- The canonical triggers on older tables that write the tables dropped below go first (db:migrate restores them).
drop trigger if exists _500_history on app_public.system_configuration;
drop trigger if exists _500_flag_frequent_cancellations on app_public.deliveries;
drop trigger if exists _200_keep_super_admin on app_private.admin_users;
delete from app_public.notification_templates where name in ('account_suspended', 'account_banned');
drop table app_public.moderation_flags cascade;
drop type app_public.moderation_flag_status cascade;
drop type app_public.moderation_flag_reason cascade;
drop type app_public.user_status_reason cascade;
drop table app_public.system_configuration_history cascade;
-- The money audit comes back (empty: its rows live on in no table once the activity log goes).
create table app_private.admin_money_actions (
  id uuid primary key default gen_random_uuid(),
  admin_id uuid not null references app_public.users (id) on delete restrict,
  action text not null constraint admin_money_actions_action_known check (action in ('refund', 'release_escrow')),
  delivery_id uuid references app_public.deliveries (id) on delete restrict,
  amount bigint constraint admin_money_actions_amount_range check (amount >= 0),
  currency text constraint admin_money_actions_currency_format check (currency ~ '^[A-Z]{3}$'),
  reason text constraint admin_money_actions_reason_length check (length(reason) between 1 and 1000),
  details jsonb not null default '{}' constraint admin_money_actions_details_object check (jsonb_typeof(details) = 'object'),
  created_at timestamptz not null default now()
);
alter table app_private.admin_money_actions enable row level security;
alter table app_private.admin_money_actions force row level security;
create index admin_money_actions_admin_id_idx on app_private.admin_money_actions (admin_id, created_at);
create index admin_money_actions_delivery_id_idx on app_private.admin_money_actions (delivery_id);
comment on table app_private.admin_money_actions is 'Audit of admins'' money operations (refunds, manual escrow releases): who, what, how much, why. Append-only.';
comment on constraint admin_money_actions_pkey on app_private.admin_money_actions is 'id is already taken';
comment on constraint admin_money_actions_admin_id_fkey on app_private.admin_money_actions is 'admin_id must name an existing user';
comment on constraint admin_money_actions_delivery_id_fkey on app_private.admin_money_actions is 'delivery_id must name an existing delivery';
comment on constraint admin_money_actions_action_known on app_private.admin_money_actions is 'action must be a known money operation';
comment on constraint admin_money_actions_amount_range on app_private.admin_money_actions is 'amount must be 0 or more';
comment on constraint admin_money_actions_currency_format on app_private.admin_money_actions is 'currency must be three capital letters';
comment on constraint admin_money_actions_reason_length on app_private.admin_money_actions is 'reason must have 1 to 1000 characters';
comment on constraint admin_money_actions_details_object on app_private.admin_money_actions is 'details must be a JSON object';
drop table app_public.admin_activity_log cascade;
drop type app_public.activity_severity cascade;
drop type app_public.admin_role_grant cascade;
alter table app_private.admin_users drop constraint admin_users_permissions_format;
drop table app_private.admin_role_permissions cascade;
