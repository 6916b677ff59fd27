-- Whether a delivery may be picked up now (docs/handover.md): the one place that says so, for issue_qr_code (the
-- pickup code is issued only then) and for step 6 of a pickup scan, backup code or override: accepted or pickup
-- scheduled, and the payment authorised (app_hidden.payment_authorized: requires_capture or captured; docs/payments.md).
create or replace function app_hidden.pickup_allowed(delivery app_public.deliveries)
returns boolean
language sql stable
set search_path = pg_catalog, public, pg_temp
as $$
  select pickup_allowed.delivery.status in ('accepted', 'pickup_scheduled')
         and app_hidden.payment_authorized(pickup_allowed.delivery.id);
$$;
comment on function app_hidden.pickup_allowed(app_public.deliveries) is 'Whether the delivery may be picked up now (pickup codes, pickup scans and overrides): awaiting pickup, its payment authorised.';

-- Whether a delivery awaits its drop-off (the delivery code is issued from acceptance until delivery, and scanned
-- once the item is on board).
create or replace function app_hidden.dropoff_allowed(delivery app_public.deliveries)
returns boolean
language sql stable
set search_path = pg_catalog, public, pg_temp
as $$
  select dropoff_allowed.delivery.status in ('picked_up', 'in_transit', 'delivery_scheduled');
$$;
comment on function app_hidden.dropoff_allowed(app_public.deliveries) is 'Whether the delivery may be handed over at its destination now.';
