-- migrate:up
set local lock_timeout = '5s';
set local statement_timeout = '60s';

-- Verification and reset links now go out as notifications (docs/notifications.md): a token row names the
-- notification that carried it. Notifications are partitioned (primary key (id, created_at)), so the reference is
-- a plain column, not a foreign key; the token rows of older emails keep email_id.
-- app_private, written only by our functions, which fill one of the two columns:
-- squawk-ignore ban-drop-not-null
alter table app_private.email_verification_tokens alter column email_id drop not null;
alter table app_private.email_verification_tokens add column notification_id uuid;
-- A small table (live tokens; the cleanup prunes used and expired ones): validating is quick.
-- squawk-ignore constraint-missing-not-valid
alter table app_private.email_verification_tokens add constraint email_verification_tokens_source_check check ((email_id is null) <> (notification_id is null));
comment on constraint email_verification_tokens_source_check on app_private.email_verification_tokens is
  'email_id or notification_id names the message that carried the token';
-- app_private, written only by our functions, which fill one of the two columns:
-- squawk-ignore ban-drop-not-null
alter table app_private.password_reset_tokens alter column email_id drop not null;
alter table app_private.password_reset_tokens add column notification_id uuid;
-- A small table (live tokens; the cleanup prunes used and expired ones): validating is quick.
-- squawk-ignore constraint-missing-not-valid
alter table app_private.password_reset_tokens add constraint password_reset_tokens_source_check check ((email_id is null) <> (notification_id is null));
comment on constraint password_reset_tokens_source_check on app_private.password_reset_tokens is
  'email_id or notification_id names the message that carried the token';

-- migrate:down
delete from app_private.email_verification_tokens where email_id is null;
delete from app_private.password_reset_tokens where email_id is null;
alter table app_private.password_reset_tokens drop constraint password_reset_tokens_source_check;
alter table app_private.password_reset_tokens drop column notification_id;
alter table app_private.password_reset_tokens alter column email_id set not null;
alter table app_private.email_verification_tokens drop constraint email_verification_tokens_source_check;
alter table app_private.email_verification_tokens drop column notification_id;
alter table app_private.email_verification_tokens alter column email_id set not null;
