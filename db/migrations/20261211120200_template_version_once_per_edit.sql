-- migrate:up
set local lock_timeout = '5s';
set local statement_timeout = '60s';

-- A template's version goes up once per edit, however many of its rows the edit's transaction writes (the template
-- and one body per locale; docs/notifications.md "Editing templates"): the bump trigger remembers the transaction
-- that last bumped it. txid_current(), not a time: a concurrent edit's now() may be earlier than the last bump's.
alter table app_public.notification_templates add column version_xact bigint;
alter table app_public.notification_templates alter column version_xact set default txid_current();
comment on column app_public.notification_templates.version_xact is E'@behavior -*\nThe transaction that last set the version (one bump per edit).';

-- migrate:down
set local lock_timeout = '5s';
alter table app_public.notification_templates drop column version_xact;
