-- Opening a dispute (docs/disputes.md, Opening): either party, while the item is in custody (picked up, in transit,
-- drop-off scheduled) or up to deliveries.dispute_window_hours (48) after its delivery; one open dispute per
-- delivery. The delivery becomes disputed (delivery_transitions: user), which freezes its escrow (the release
-- criteria skip a delivery with an open dispute); the other party and the admins who handle disputes are told.
create or replace function app_public.open_dispute(
  delivery_id uuid,
  category app_public.dispute_category,
  description text,
  requested_resolution app_public.dispute_resolution,
  amount bigint default 0
)
returns app_public.disputes
language plpgsql volatile security definer
set search_path = pg_catalog, public, pg_temp
as $$
declare
  v_user_id uuid := app_hidden.require_not_suspended('open a dispute');
  v_delivery app_public.deliveries := app_hidden.lock_delivery_for_party(open_dispute.delivery_id, v_user_id);
  v_intent app_public.payment_intents;
  v_window_end timestamptz;
  v_dispute app_public.disputes;
begin
  if app_hidden.delivery_has_open_dispute(v_delivery.id) then
    raise exception 'delivery_id already has an open dispute' using errcode = 'EXIST';
  end if;
  v_window_end := v_delivery.delivered_at
    + make_interval(hours => (app_hidden.config_value('deliveries.dispute_window_hours'))::int);
  if v_delivery.status = 'delivered' and v_window_end <= now() then
    raise exception 'The dispute window of this delivery closed at %',
      to_char(v_window_end at time zone 'UTC', 'YYYY-MM-DD HH24:MI "UTC"') using errcode = 'EXPRD';
  end if;
  if v_delivery.status not in ('picked_up', 'in_transit', 'delivery_scheduled', 'delivered') then
    raise exception 'A dispute can be opened only while the item is in custody or after its delivery (this delivery is %)',
      v_delivery.status using errcode = 'BADST';
  end if;
  if open_dispute.category is null then
    raise exception 'category is required' using errcode = 'INVAL';
  end if;
  select * into v_intent from app_public.payment_intents p where p.delivery_id = v_delivery.id;
  if coalesce(open_dispute.amount, 0) > coalesce(v_intent.amount, app_hidden.customer_charge(v_delivery)) then
    raise exception 'amount must be at most what the customer paid (%)',
      coalesce(v_intent.amount, app_hidden.customer_charge(v_delivery)) using errcode = 'INVAL';
  end if;
  insert into app_public.disputes (source, delivery_id, payment_intent_id, category, description, requested_resolution,
                                   priority, complainant_id, respondent_id, amount, currency, response_due_at, due_date)
  values ('platform', v_delivery.id, v_intent.id, open_dispute.category, trim(open_dispute.description),
          open_dispute.requested_resolution,
          case when open_dispute.category = 'item_not_delivered' then 'high' else 'medium' end::app_public.dispute_priority,
          v_user_id, case when v_user_id = v_delivery.customer_id then v_delivery.traveler_id else v_delivery.customer_id end,
          coalesce(open_dispute.amount, 0), v_delivery.currency,
          now() + make_interval(hours => (app_hidden.config_value('disputes.first_response_hours'))::int),
          app_hidden.add_business_days(now(), (app_hidden.config_value('disputes.resolve_business_days'))::int))
  returning * into v_dispute;
  perform app_hidden.transition_delivery(v_delivery.id, 'disputed', 'user', v_user_id, 'dispute ' || v_dispute.case_number);
  perform app_hidden.notify(v_dispute.respondent_id, 'dispute_opened',
    jsonb_build_object('delivery_number', v_delivery.delivery_number), 'high', v_delivery.id);
  perform app_private.alert_admins('disputes.read', 'dispute_opened_alert',
    jsonb_build_object('case_number', v_dispute.case_number, 'dispute_category', v_dispute.category,
                       'delivery_number', v_delivery.delivery_number,
                       'response_due', app_hidden.notification_time(v_dispute.response_due_at)));
  return v_dispute;
end;
$$;
comment on function app_public.open_dispute(uuid, app_public.dispute_category, text, app_public.dispute_resolution, bigint) is
  E'@resultFieldName dispute\nOpens a dispute about a delivery you take part in, while the item is in custody or up to 48 hours after its delivery: the delivery becomes disputed and its payment stays frozen until an admin resolves it. amount (minor units, at most what the customer paid) is what you ask for. Errors: LOGIN, SUSPD, NTFND (not your delivery), EXIST (an open dispute already), EXPRD (the window closed), BADST (not picked up yet, or cancelled), INVAL.';
grant execute on function app_public.open_dispute(uuid, app_public.dispute_category, text, app_public.dispute_resolution, bigint) to app_user;
