-- A new version of a thread by the awaited side; the turn passes to the other side.
create or replace function app_public.counter_offer(
  offer_id uuid,
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
  v_user_id uuid := app_hidden.require_user('email_verified', 'negotiate offers');
  v_offer app_public.delivery_offers := app_hidden.lock_offer(counter_offer.offer_id);
  v_party app_public.offer_party := app_hidden.offer_party_of(v_offer, v_user_id);
  v_request app_public.delivery_requests;
  v_version integer;
begin
  if v_offer.status <> 'pending' then
    raise exception 'This offer is % and can no longer be countered', v_offer.status using errcode = 'BADST';
  end if;
  if v_offer.awaiting_party <> v_party then
    raise exception 'It is the other side''s turn to answer this offer' using errcode = 'DNIED';
  end if;
  if v_offer.valid_until <= now() then
    raise exception 'This offer has expired' using errcode = 'EXPRD';
  end if;
  select * into v_request from app_public.delivery_requests r where r.id = v_offer.request_id;
  perform app_hidden.assert_request_open(v_request);
  perform app_hidden.assert_offer_price(v_request, counter_offer.price);
  v_version := v_offer.current_version + 1;
  if v_version > (app_hidden.config_value('offers.max_versions'))::int then
    raise exception 'This negotiation reached % versions; accept or decline it', v_offer.current_version
      using errcode = 'LIMIT';
  end if;

  insert into app_public.offer_versions (offer_id, version, proposed_by, proposed_by_user_id, price, pickup_time,
                                         delivery_time, message, valid_until)
  values (v_offer.id, v_version, v_party, v_user_id, counter_offer.price,
          coalesce(counter_offer.pickup_time, v_offer.pickup_time), coalesce(counter_offer.delivery_time, v_offer.delivery_time),
          nullif(trim(counter_offer.message), ''), app_hidden.offer_valid_until(v_request));
  update app_public.delivery_offers o
     set current_version = v.version, price = v.price, pickup_time = v.pickup_time, delivery_time = v.delivery_time,
         valid_until = v.valid_until,
         awaiting_party = case v_party when 'customer' then 'traveler' else 'customer' end::app_public.offer_party
    from app_public.offer_versions v
   where o.id = v_offer.id and v.offer_id = v_offer.id and v.version = v_version
  returning o.* into v_offer;
  v_offer := app_hidden.auto_accept_if_allowed(v_offer);
  if v_offer.status = 'pending' then
    perform app_hidden.notify(
      case v_party when 'customer' then v_offer.traveler_id else v_offer.customer_id end, 'offer_countered',
      jsonb_build_object('request_title', v_request.title, 'amount', app_hidden.notification_amount(v_offer.price),
                         'currency', v_offer.currency));
  end if;
  return v_offer;
end;
$$;
comment on function app_public.counter_offer(uuid, bigint, text, timestamptz, timestamptz) is
  E'@resultFieldName deliveryOffer\nThe side whose turn it is proposes a new price (and times): a new immutable version that the other side must answer; older versions can no longer be accepted. At most 10 versions. Errors: LOGIN, NTFND (not your offer), DNIED (not your turn), BADST (offer or request closed), EXPRD, INVAL (price), LIMIT (versions).';
grant execute on function app_public.counter_offer(uuid, bigint, text, timestamptz, timestamptz) to app_user;
