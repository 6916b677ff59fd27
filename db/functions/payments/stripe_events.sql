-- The Stripe webhook inbox (docs/payments.md, Incoming webhooks). The server verifies the signature on the raw
-- body and calls record_stripe_event: the event is stored once by its id, and only a new one enqueues
-- stripe__process_event, whose task calls process_stripe_event: the effect is applied and the event marked
-- processed in one transaction, so a repeated job finds it processed and does nothing.

create or replace function app_private.record_stripe_event(event_id text, event_type text, body jsonb)
returns boolean
language plpgsql volatile
set search_path = pg_catalog, public, pg_temp
as $$
begin
  insert into app_private.stripe_events (id, type, body)
  values (record_stripe_event.event_id, record_stripe_event.event_type, record_stripe_event.body)
  on conflict on constraint stripe_events_pkey do nothing;
  if not found then
    return false;                                   -- a replayed event enqueues nothing
  end if;
  perform graphile_worker.add_job('stripe__process_event', json_build_object('id', record_stripe_event.event_id),
    job_key := 'stripe__process_event:' || record_stripe_event.event_id, max_attempts := 25);
  return true;
end;
$$;
comment on function app_private.record_stripe_event(text, text, jsonb) is 'Stores a verified Stripe event once and enqueues its processing; false for an id already received.';

-- Applies an event's effect once. Handled: payment_intent.{amount_capturable_updated, succeeded, canceled,
-- payment_failed} (app_private.apply_payment_intent, forward only); account.updated (app_private.apply_stripe_account,
-- with current_object: the account as the worker re-fetched it, since an account's state may move back and events
-- arrive out of order); payout.{created, updated, paid, failed, canceled} of a connected account
-- (app_private.apply_stripe_payout, forward only); transfer.created, transfer.reversed and charge.refunded
-- (stripe_money_events.sql: a release recorded if its task did not, money moved outside the platform reported to
-- finance). Other types are marked processed with the outcome 'ignored'.
-- Returns the outcome.
create or replace function app_private.process_stripe_event(event_id text, current_object jsonb default null)
returns text
language plpgsql volatile
set search_path = pg_catalog, public, pg_temp
as $$
declare
  v_event app_private.stripe_events;
  v_outcome text;
begin
  select * into v_event from app_private.stripe_events s where s.id = process_stripe_event.event_id for update;
  if v_event.id is null then
    return 'unknown event';
  end if;
  if v_event.processed_at is not null then
    return 'already processed';
  end if;
  v_outcome := case
    when v_event.type in ('payment_intent.amount_capturable_updated', 'payment_intent.succeeded',
                          'payment_intent.canceled', 'payment_intent.payment_failed')
      then app_private.apply_payment_intent(v_event.body -> 'data' -> 'object',
                                            to_timestamp((v_event.body ->> 'created')::double precision))
    when v_event.type = 'account.updated'
      then app_private.apply_stripe_account(coalesce(process_stripe_event.current_object, v_event.body -> 'data' -> 'object'))
    when v_event.type = 'transfer.created'
      then app_private.apply_stripe_transfer_created(v_event.body -> 'data' -> 'object')
    when v_event.type = 'transfer.reversed'
      then app_private.apply_stripe_transfer_reversed(v_event.body -> 'data' -> 'object')
    when v_event.type = 'charge.refunded'
      then app_private.apply_stripe_charge_refunded(v_event.body -> 'data' -> 'object')
    when v_event.type in ('charge.dispute.created', 'charge.dispute.updated', 'charge.dispute.closed')
      then app_private.apply_stripe_dispute(v_event.body -> 'data' -> 'object', v_event.type)
    when v_event.type in ('payout.created', 'payout.updated', 'payout.paid', 'payout.failed', 'payout.canceled')
      then app_private.apply_stripe_payout(v_event.body -> 'data' -> 'object', v_event.body ->> 'account')
    else 'ignored' end;
  update app_private.stripe_events s set processed_at = now(), outcome = left(v_outcome, 200)
   where s.id = v_event.id;
  return v_outcome;
end;
$$;
comment on function app_private.process_stripe_event(text, jsonb) is 'stripe__process_event: applies a stored Stripe event''s effect and marks it processed, once.';

-- Retention (app_private.cleanup_expired_data, daily): processed events received more than
-- retention.stripe_events_days (90) ago are deleted, at most retention.batch_size per call (stripe_events_received_at_idx).
-- Stripe retries an event for three days at most, so a deleted id is never replayed; an event not processed yet is
-- kept whatever its age, its effect still to apply.
create or replace function app_private.delete_old_stripe_events()
returns integer
language sql volatile
set search_path = pg_catalog, public, pg_temp
as $$
  with gone as (
    delete from app_private.stripe_events e
     where e.id in (select s.id from app_private.stripe_events s
                     where s.received_at < now() - make_interval(
                             days => (app_hidden.config_value('retention.stripe_events_days'))::int)
                       and s.processed_at is not null
                     order by s.received_at
                     limit (app_hidden.config_value('retention.batch_size'))::int)
    returning 1
  )
  select count(*)::int from gone;
$$;
comment on function app_private.delete_old_stripe_events() is 'Deletes processed Stripe events older than retention.stripe_events_days (batched).';
