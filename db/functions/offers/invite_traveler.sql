-- A customer opens a thread on a trip (trip-first), under offer_rules.sql.
create or replace function app_public.invite_traveler(
  request_id uuid,
  trip_id uuid,
  price bigint,
  message text default null,
  pickup_time timestamptz default null,
  delivery_time timestamptz default null
)
returns app_public.delivery_offers
language plpgsql volatile security definer
set search_path = pg_catalog, public, pg_temp
as $$
declare
  v_user_id uuid := app_hidden.require_user('email_verified', 'invite travelers');
  v_request app_public.delivery_requests;
  v_trip app_public.trips;
  v_offer app_public.delivery_offers;
begin
  select * into v_request from app_public.delivery_requests r
   where r.id = invite_traveler.request_id and r.customer_id = v_user_id
   for update;
  if v_request.id is null then
    raise exception 'Request not found among your requests' using errcode = 'NTFND';
  end if;
  -- Only a trip the customer may see (the trips policies' rule; this function runs as the owner, past RLS), locked
  -- after the request.
  select * into v_trip from app_public.trips t where t.id = invite_traveler.trip_id for update;
  if v_trip.id is null or not app_hidden.trip_visible_to(v_trip, v_user_id) then
    raise exception 'Trip not found' using errcode = 'NTFND';
  end if;
  v_offer := app_hidden.open_offer_thread(v_request, v_trip, 'customer', v_user_id, invite_traveler.price,
    invite_traveler.message, invite_traveler.pickup_time, invite_traveler.delivery_time, null);
  v_offer := app_hidden.auto_accept_if_allowed(v_offer);
  if v_offer.status = 'pending' then
    perform app_hidden.notify(v_trip.traveler_id, 'offer_invitation',
      jsonb_build_object('request_title', v_request.title, 'trip_title', v_trip.title,
                         'amount', app_hidden.notification_amount(v_offer.price), 'currency', v_offer.currency));
  end if;
  return v_offer;
end;
$$;
comment on function app_public.invite_traveler(uuid, uuid, bigint, text, timestamptz, timestamptz) is
  E'@resultFieldName deliveryOffer\nA customer invites the traveler of a trip to carry their request at a price (trip-first). Accepted at once when the trip auto-accepts at that price and its traveler is fully verified. Errors: LOGIN, DNIED, NTFND (request not yours, trip not visible), BADST, EXPRD, INVAL, CAPAC, LIMIT as for submitOffer.';
grant execute on function app_public.invite_traveler(uuid, uuid, bigint, text, timestamptz, timestamptz) to app_user;
