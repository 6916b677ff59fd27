-- A traveler opens a thread on a request, under offer_rules.sql.
create or replace function app_public.submit_offer(
  request_id uuid,
  trip_id uuid,
  price bigint,
  message text default null,
  pickup_time timestamptz default null,
  delivery_time timestamptz default null,
  guarantees text[] default null
)
returns app_public.delivery_offers
language plpgsql volatile security definer
set search_path = pg_catalog, public, pg_temp
as $$
declare
  v_user_id uuid := app_hidden.require_user('phone_verified', 'make offers');
  v_request app_public.delivery_requests;
  v_trip app_public.trips;
  v_offer app_public.delivery_offers;
begin
  select * into v_request from app_public.delivery_requests r where r.id = submit_offer.request_id for update;
  if v_request.id is null then
    raise exception 'Request not found' using errcode = 'NTFND';
  end if;
  select * into v_trip from app_public.trips t
   where t.id = submit_offer.trip_id and t.traveler_id = v_user_id
   for update;
  if v_trip.id is null then
    raise exception 'Trip not found among your trips' using errcode = 'NTFND';
  end if;
  v_offer := app_hidden.open_offer_thread(v_request, v_trip, 'traveler', v_user_id, submit_offer.price,
    submit_offer.message, submit_offer.pickup_time, submit_offer.delivery_time, submit_offer.guarantees);
  v_offer := app_hidden.auto_accept_if_allowed(v_offer);
  if v_offer.status = 'pending' then
    perform app_hidden.notify(v_request.customer_id, 'offer_received',
      jsonb_build_object('request_title', v_request.title, 'amount', app_hidden.notification_amount(v_offer.price),
                         'currency', v_offer.currency));
  end if;
  return v_offer;
end;
$$;
comment on function app_public.submit_offer(uuid, uuid, bigint, text, timestamptz, timestamptz, text[]) is
  E'@resultFieldName deliveryOffer\nA traveler offers to carry a request on one of their trips, valid 24 hours (never past the request''s expiry). Accepted at once when the price is at or under the request''s auto-accept price. Errors: LOGIN, DNIED (not phone-verified, own request, blocked, blacklisted, rating or verification filter), NTFND (request, or trip not yours), BADST (request closed, trip not live, a live offer exists), EXPRD (request expired), INVAL (price ≤ 0 or above max_price, trip restrictions), CAPAC (trip too small), LIMIT (3 offers per request, live deliveries).';
grant execute on function app_public.submit_offer(uuid, uuid, bigint, text, timestamptz, timestamptz, text[]) to app_user;
