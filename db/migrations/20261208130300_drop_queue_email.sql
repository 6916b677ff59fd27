-- migrate:up
set local lock_timeout = '5s';
set local statement_timeout = '60s';

-- Every message now goes through app_hidden.notify (docs/notifications.md); the plain-email helper goes.
-- app_private.emails and its emails__send task stay until the emails queued before this release are sent.
drop function if exists app_hidden.queue_email(uuid, text, text);

-- migrate:down
-- The canonical layer of the previous release re-creates app_hidden.queue_email.
select 1;
