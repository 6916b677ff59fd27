-- migrate:up
set local lock_timeout = '5s';
set local statement_timeout = '60s';

-- Rotating the key of unsubscribe links (docs/notifications.md "Unsubscribe links"): the key that signed until the
-- last rotation keeps verifying for notifications.unsubscribe_key_grace_days, so links in recent emails still work,
-- unless the rotation revoked it (a leaked key).
alter table app_private.email_unsubscribe_keys
  add column previous_key bytea,
  add column rotated_at timestamptz;
-- One row: validated at once.
alter table app_private.email_unsubscribe_keys
  -- squawk-ignore constraint-missing-not-valid
  add constraint email_unsubscribe_keys_previous_key_check check (length(previous_key) = 32);
comment on constraint email_unsubscribe_keys_previous_key_check on app_private.email_unsubscribe_keys is 'previous_key must have 32 bytes';
comment on column app_private.email_unsubscribe_keys.previous_key is 'The key before the last rotation; verifies links for the grace period; null once revoked.';
comment on column app_private.email_unsubscribe_keys.rotated_at is 'When the key last changed.';

insert into app_public.system_configuration (category, key, value, data_type, validation, is_sensitive, is_public, description) values
  ('notifications', 'unsubscribe_key_grace_days', '30', 'integer', '{"min": 0, "max": 365}', false, false,
   'Days the unsubscribe key replaced by a rotation keeps verifying the links of emails already sent.');

-- migrate:down
set local lock_timeout = '5s';
delete from app_public.system_configuration where category = 'notifications' and key = 'unsubscribe_key_grace_days';
alter table app_private.email_unsubscribe_keys drop column previous_key, drop column rotated_at;
