-- The events partners receive (docs/notifications.md "Outgoing webhooks"), emitted by triggers in the transaction of
-- the change they describe, so an event exists exactly when its change commits. Their data carries ids, states and
-- amounts, never names, addresses or contacts. The trigger functions are security definer (the changes are made by
-- API roles, who may not write webhook deliveries); a trigger function cannot be called any other way.
-- Disputes and emergencies have no tables yet: their domains call app_hidden.emit_webhook_event('dispute.opened' |
-- 'dispute.resolved' | 'emergency.reported', data) from the function that records them.

-- delivery.status_changed: {delivery_id, delivery_number, from, to}.
create or replace function app_hidden.tg_deliveries__webhook_event()
returns trigger
language plpgsql volatile security definer
set search_path = pg_catalog, public, pg_temp
as $$
begin
  perform app_hidden.emit_webhook_event('delivery.status_changed', jsonb_build_object(
    'delivery_id', NEW.id, 'delivery_number', NEW.delivery_number, 'from', OLD.status, 'to', NEW.status));
  return null;
end;
$$;
comment on function app_hidden.tg_deliveries__webhook_event() is 'Emits delivery.status_changed to webhooks.';
create or replace trigger _900_webhook_event after update of status on app_public.deliveries
  for each row when (OLD.status is distinct from NEW.status) execute function app_hidden.tg_deliveries__webhook_event();

-- offer.accepted: {offer_id, request_id, trip_id}.
create or replace function app_hidden.tg_delivery_offers__webhook_event()
returns trigger
language plpgsql volatile security definer
set search_path = pg_catalog, public, pg_temp
as $$
begin
  perform app_hidden.emit_webhook_event('offer.accepted', jsonb_build_object(
    'offer_id', NEW.id, 'request_id', NEW.request_id, 'trip_id', NEW.trip_id));
  return null;
end;
$$;
comment on function app_hidden.tg_delivery_offers__webhook_event() is 'Emits offer.accepted to webhooks.';
create or replace trigger _900_webhook_event after update of status on app_public.delivery_offers
  for each row when (NEW.status = 'accepted' and OLD.status is distinct from NEW.status)
  execute function app_hidden.tg_delivery_offers__webhook_event();

-- payment.captured: {payment_intent_id, delivery_id, amount, currency} (amounts in minor units).
create or replace function app_hidden.tg_payment_intents__webhook_event()
returns trigger
language plpgsql volatile security definer
set search_path = pg_catalog, public, pg_temp
as $$
begin
  perform app_hidden.emit_webhook_event('payment.captured', jsonb_build_object(
    'payment_intent_id', NEW.id, 'delivery_id', NEW.delivery_id, 'amount', NEW.captured_amount, 'currency', NEW.currency));
  return null;
end;
$$;
comment on function app_hidden.tg_payment_intents__webhook_event() is 'Emits payment.captured to webhooks.';
create or replace trigger _900_webhook_event after update of status on app_public.payment_intents
  for each row when (NEW.status = 'succeeded' and OLD.status is distinct from NEW.status)
  execute function app_hidden.tg_payment_intents__webhook_event();

-- escrow.released: {escrow_id, delivery_id, amount, currency, condition}.
create or replace function app_hidden.tg_escrow_accounts__webhook_event()
returns trigger
language plpgsql volatile security definer
set search_path = pg_catalog, public, pg_temp
as $$
begin
  perform app_hidden.emit_webhook_event('escrow.released', jsonb_build_object(
    'escrow_id', NEW.id, 'delivery_id', NEW.delivery_id, 'amount', NEW.released_amount, 'currency', NEW.currency,
    'condition', NEW.release_condition));
  return null;
end;
$$;
comment on function app_hidden.tg_escrow_accounts__webhook_event() is 'Emits escrow.released to webhooks.';
create or replace trigger _900_webhook_event after update of status on app_public.escrow_accounts
  for each row when (NEW.status = 'released' and OLD.status is distinct from NEW.status)
  execute function app_hidden.tg_escrow_accounts__webhook_event();

-- refund.created: {refund_id, delivery_id, amount, currency, reason}.
create or replace function app_hidden.tg_refunds__webhook_event()
returns trigger
language plpgsql volatile security definer
set search_path = pg_catalog, public, pg_temp
as $$
begin
  perform app_hidden.emit_webhook_event('refund.created', jsonb_build_object(
    'refund_id', NEW.id, 'delivery_id', NEW.delivery_id, 'amount', NEW.amount, 'currency', NEW.currency,
    'reason', NEW.reason));
  return null;
end;
$$;
comment on function app_hidden.tg_refunds__webhook_event() is 'Emits refund.created to webhooks.';
create or replace trigger _900_webhook_event after insert on app_public.refunds
  for each row execute function app_hidden.tg_refunds__webhook_event();

-- user.verified: {user_id, from, to} when the verification level changes.
create or replace function app_hidden.tg_users__webhook_event()
returns trigger
language plpgsql volatile security definer
set search_path = pg_catalog, public, pg_temp
as $$
begin
  perform app_hidden.emit_webhook_event('user.verified', jsonb_build_object(
    'user_id', NEW.id, 'from', OLD.verification_level, 'to', NEW.verification_level));
  return null;
end;
$$;
comment on function app_hidden.tg_users__webhook_event() is 'Emits user.verified to webhooks.';
create or replace trigger _900_webhook_event after update of verification_level on app_public.users
  for each row when (OLD.verification_level is distinct from NEW.verification_level)
  execute function app_hidden.tg_users__webhook_event();
