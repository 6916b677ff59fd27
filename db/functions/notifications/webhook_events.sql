-- The events partners receive (docs/notifications.md "Outgoing webhooks"), emitted by triggers in the transaction of
-- the change they describe, so an event exists exactly when its change commits. This file is the list of them: one
-- trigger function, and one trigger per event naming its type and its data. Data carries ids, numbers, states and
-- amounts, never names, places or contacts.
--
-- app_hidden.tg__webhook_event(type, key, column, key, column, ...): the event's data is {key: NEW.column, ...}; a
-- column written `old.<column>` reads the row before the update. Security definer: the changes are made by API
-- roles, who may not write webhook deliveries; a trigger function cannot be called any other way.
create or replace function app_hidden.tg__webhook_event()
returns trigger
language plpgsql volatile security definer
set search_path = pg_catalog, public, pg_temp
as $$
declare
  v_new jsonb := to_jsonb(NEW);
  v_old jsonb := case when TG_OP = 'UPDATE' then to_jsonb(OLD) end;
  v_data jsonb := '{}';
  v_column text;
begin
  for i in 1 .. TG_NARGS - 1 by 2 loop
    v_column := TG_ARGV[i + 1];
    v_data := v_data || jsonb_build_object(TG_ARGV[i], case when v_column like 'old.%' then v_old -> substr(v_column, 5)
                                                            else v_new -> v_column end);
  end loop;
  perform app_hidden.emit_webhook_event(TG_ARGV[0], v_data);
  return null;
end;
$$;
comment on function app_hidden.tg__webhook_event() is 'Emits the webhook event its trigger names, with the columns it names as data.';

-- delivery.status_changed: {delivery_id, delivery_number, from, to}.
create or replace trigger _900_webhook_event after update of status on app_public.deliveries
  for each row when (OLD.status is distinct from NEW.status)
  execute function app_hidden.tg__webhook_event('delivery.status_changed',
    'delivery_id', 'id', 'delivery_number', 'delivery_number', 'from', 'old.status', 'to', 'status');

-- offer.accepted: {offer_id, request_id, trip_id}.
create or replace trigger _900_webhook_event after update of status on app_public.delivery_offers
  for each row when (NEW.status = 'accepted' and OLD.status is distinct from NEW.status)
  execute function app_hidden.tg__webhook_event('offer.accepted',
    'offer_id', 'id', 'request_id', 'request_id', 'trip_id', 'trip_id');

-- payment.captured: {payment_intent_id, delivery_id, amount, currency} (amounts in minor units).
create or replace trigger _900_webhook_event after update of status on app_public.payment_intents
  for each row when (NEW.status = 'succeeded' and OLD.status is distinct from NEW.status)
  execute function app_hidden.tg__webhook_event('payment.captured',
    'payment_intent_id', 'id', 'delivery_id', 'delivery_id', 'amount', 'captured_amount', 'currency', 'currency');

-- escrow.released: {escrow_id, delivery_id, amount, currency, condition}.
create or replace trigger _900_webhook_event after update of status on app_public.escrow_accounts
  for each row when (NEW.status = 'released' and OLD.status is distinct from NEW.status)
  execute function app_hidden.tg__webhook_event('escrow.released',
    'escrow_id', 'id', 'delivery_id', 'delivery_id', 'amount', 'released_amount', 'currency', 'currency',
    'condition', 'release_condition');

-- refund.created: {refund_id, delivery_id, amount, currency, reason}.
create or replace trigger _900_webhook_event after insert on app_public.refunds
  for each row execute function app_hidden.tg__webhook_event('refund.created',
    'refund_id', 'id', 'delivery_id', 'delivery_id', 'amount', 'amount', 'currency', 'currency', 'reason', 'reason');

-- user.verified: {user_id, from, to} when the verification level changes.
create or replace trigger _900_webhook_event after update of verification_level on app_public.users
  for each row when (OLD.verification_level is distinct from NEW.verification_level)
  execute function app_hidden.tg__webhook_event('user.verified',
    'user_id', 'id', 'from', 'old.verification_level', 'to', 'verification_level');

-- dispute.opened: {dispute_id, case_number, delivery_id, source, category, amount, currency}, by a party or a
-- chargeback.
create or replace trigger _900_webhook_event_opened after insert on app_public.disputes
  for each row execute function app_hidden.tg__webhook_event('dispute.opened',
    'dispute_id', 'id', 'case_number', 'case_number', 'delivery_id', 'delivery_id', 'source', 'source',
    'category', 'category', 'amount', 'amount', 'currency', 'currency');

-- dispute.resolved: {dispute_id, case_number, delivery_id, resolution, delivery_outcome, customer_refund,
-- traveler_compensation, currency}, each time a dispute becomes resolved (again after an appeal).
create or replace trigger _900_webhook_event_resolved after update of status on app_public.disputes
  for each row when (NEW.status = 'resolved' and OLD.status is distinct from NEW.status)
  execute function app_hidden.tg__webhook_event('dispute.resolved',
    'dispute_id', 'id', 'case_number', 'case_number', 'delivery_id', 'delivery_id', 'resolution', 'resolution',
    'delivery_outcome', 'delivery_outcome', 'customer_refund', 'customer_refund',
    'traveler_compensation', 'traveler_compensation', 'currency', 'currency');

-- emergency.reported: {emergency_id, case_number, delivery_id, emergency_type, severity}; never where it happened.
create or replace trigger _900_webhook_event after insert on app_public.emergency_locations
  for each row execute function app_hidden.tg__webhook_event('emergency.reported',
    'emergency_id', 'id', 'case_number', 'case_number', 'delivery_id', 'delivery_id',
    'emergency_type', 'emergency_type', 'severity', 'severity');
