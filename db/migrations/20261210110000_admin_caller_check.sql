-- migrate:up
set local lock_timeout = '5s';
set local statement_timeout = '60s';

-- One caller check for every admin function (docs/admin.md, Audit): app_private.require_admin. The disputes' and
-- notifications' copies of it go; their functions now call require_admin and log each act.
drop function if exists app_private.require_dispute_admin(text, text);
drop function if exists app_private.require_notifications_admin(text);

-- migrate:down
set local lock_timeout = '5s';
-- Nothing to restore: code that needs the two checks re-creates them from its own db/functions files.
