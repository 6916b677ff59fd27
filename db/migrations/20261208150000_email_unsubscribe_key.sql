-- migrate:up
set local lock_timeout = '5s';
set local statement_timeout = '60s';

-- The key that signs unsubscribe links (docs/notifications.md "Unsubscribe links"): one random 32-byte HMAC key,
-- made here, never leaving the database. Links are verified against it, so no token is stored at all.
create table app_private.email_unsubscribe_keys (
  id boolean primary key default true,
  key bytea not null default public.gen_random_bytes(32),
  created_at timestamptz not null default now(),
  constraint email_unsubscribe_keys_id_check check (id),
  constraint email_unsubscribe_keys_key_check check (length(key) = 32)
);
alter table app_private.email_unsubscribe_keys enable row level security;
alter table app_private.email_unsubscribe_keys force row level security;
comment on table app_private.email_unsubscribe_keys is 'The HMAC key of unsubscribe links (one row).';
comment on constraint email_unsubscribe_keys_pkey on app_private.email_unsubscribe_keys is 'id is already taken: there is one unsubscribe key';
comment on constraint email_unsubscribe_keys_id_check on app_private.email_unsubscribe_keys is 'id must be true: there is one key';
comment on constraint email_unsubscribe_keys_key_check on app_private.email_unsubscribe_keys is 'key must have 32 bytes';
insert into app_private.email_unsubscribe_keys default values;

-- migrate:down
drop table app_private.email_unsubscribe_keys cascade;
