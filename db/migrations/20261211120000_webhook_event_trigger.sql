-- migrate:up
set local lock_timeout = '5s';
set local statement_timeout = '60s';

-- The webhook events' six trigger functions become one, app_hidden.tg__webhook_event, whose triggers name the event
-- and its data (db/functions/notifications/webhook_events.sql); the canonical layer re-creates the triggers.
drop function if exists app_hidden.tg_deliveries__webhook_event() cascade;
drop function if exists app_hidden.tg_delivery_offers__webhook_event() cascade;
drop function if exists app_hidden.tg_payment_intents__webhook_event() cascade;
drop function if exists app_hidden.tg_escrow_accounts__webhook_event() cascade;
drop function if exists app_hidden.tg_refunds__webhook_event() cascade;
drop function if exists app_hidden.tg_users__webhook_event() cascade;

-- migrate:down
drop function if exists app_hidden.tg__webhook_event() cascade;
