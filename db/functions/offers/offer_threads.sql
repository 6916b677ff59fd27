-- Opening and negotiating offer threads (docs/domain.md §6). A thread is opened by the traveler (submit_offer) or
-- by the customer (invite_traveler, trip-first); each counter is a new immutable version and hands the turn to the
-- other side. Auto-accept is decided in the same transaction, never by a timer. Lock order everywhere: the request,
-- then the offer, then the trip (the order accept_offer uses), so concurrent calls queue instead of deadlocking.

-- Opens a thread with its first version; shared by submit_offer and invite_traveler after their own checks.
create or replace function app_hidden.open_offer_thread(
  request app_public.delivery_requests,
  trip app_public.trips,
  initiated_by app_public.offer_party,
  actor_id uuid,
  price bigint,
  message text,
  pickup_time timestamptz,
  delivery_time timestamptz,
  guarantees text[]
)
returns app_public.delivery_offers
language plpgsql volatile
set search_path = pg_catalog, public, pg_temp
as $$
declare
  v_offer app_public.delivery_offers;
  v_threads integer;
begin
  perform app_hidden.assert_request_open(request);
  perform app_hidden.assert_offer_price(request, price);
  perform app_hidden.assert_traveler_may_carry(request, trip.traveler_id);
  perform app_hidden.assert_trip_fits(request, trip);
  if exists (select 1 from app_public.delivery_offers o
              where o.request_id = request.id and o.traveler_id = trip.traveler_id and o.status = 'pending') then
    raise exception 'There already is a live offer between this traveler and request; counter it instead'
      using errcode = 'BADST';
  end if;
  select count(*) into v_threads from app_public.delivery_offers o
   where o.request_id = request.id and o.traveler_id = trip.traveler_id;
  if v_threads >= (app_hidden.config_value('offers.max_threads_per_traveler'))::int then
    raise exception 'A traveler may open at most % offers on one request', v_threads using errcode = 'LIMIT';
  end if;

  insert into app_public.delivery_offers (request_id, customer_id, traveler_id, trip_id, initiated_by, awaiting_party,
                                          price, currency, pickup_time, delivery_time, valid_until, guarantees)
  values (request.id, request.customer_id, trip.traveler_id, trip.id, initiated_by,
          case initiated_by when 'traveler' then 'customer' else 'traveler' end::app_public.offer_party,
          price, request.currency, pickup_time, delivery_time, app_hidden.offer_valid_until(request),
          coalesce(guarantees, '{}'))
  returning * into v_offer;
  insert into app_public.offer_versions (offer_id, version, proposed_by, proposed_by_user_id, price, pickup_time,
                                         delivery_time, message, valid_until)
  values (v_offer.id, 1, initiated_by, actor_id, price, pickup_time, delivery_time, nullif(trim(message), ''),
          v_offer.valid_until);
  return v_offer;
end;
$$;
comment on function app_hidden.open_offer_thread(app_public.delivery_requests, app_public.trips, app_public.offer_party, uuid, bigint, text, timestamptz, timestamptz, text[]) is
  'Checks and opens an offer thread with its first version.';

-- Accepts the current version right away when the other side's standing price allows it: a traveler version at or
-- under the request's auto_accept_price, or a customer version at or over the trip's auto_accept_price (traveler
-- fully_verified). Returns the thread as it stands afterwards.
create or replace function app_hidden.auto_accept_if_allowed(offer app_public.delivery_offers)
returns app_public.delivery_offers
language plpgsql volatile
set search_path = pg_catalog, public, pg_temp
as $$
declare
  v_applies boolean;
begin
  if offer.awaiting_party = 'customer' then
    select offer.price <= r.auto_accept_price into v_applies
      from app_public.delivery_requests r where r.id = offer.request_id;
  else
    select t.auto_accept and offer.price >= t.auto_accept_price and u.verification_level = 'fully_verified'
      into v_applies
      from app_public.trips t join app_public.users u on u.id = t.traveler_id
     where t.id = offer.trip_id;
  end if;
  if coalesce(v_applies, false) then
    perform app_hidden.accept_offer_version(offer.id, offer.current_version, null);
  end if;
  return (select o from app_public.delivery_offers o where o.id = offer.id);
end;
$$;
comment on function app_hidden.auto_accept_if_allowed(app_public.delivery_offers) is 'Accepts the current version in this transaction when the awaited side''s auto-accept price covers it.';

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
    perform app_hidden.queue_email(v_request.customer_id, 'New offer on your request',
      format(E'A traveler offers to carry "%s" for %s %s. Open the app to accept, counter or decline.\n',
             v_request.title, round(v_offer.price / 100.0, 2), v_offer.currency));
  end if;
  return v_offer;
end;
$$;
comment on function app_public.submit_offer(uuid, uuid, bigint, text, timestamptz, timestamptz, text[]) is
  E'@resultFieldName deliveryOffer\nA traveler offers to carry a request on one of their trips, valid 24 hours (never past the request''s expiry). Accepted at once when the price is at or under the request''s auto-accept price. Errors: LOGIN, DNIED (not phone-verified, own request, blocked, blacklisted, rating or verification filter), NTFND (request, or trip not yours), BADST (request closed, trip not live, a live offer exists), EXPRD (request expired), INVAL (price ≤ 0 or above max_price, trip restrictions), CAPAC (trip too small), LIMIT (3 offers per request, live deliveries).';
grant execute on function app_public.submit_offer(uuid, uuid, bigint, text, timestamptz, timestamptz, text[]) to app_user;

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
    perform app_hidden.queue_email(v_trip.traveler_id, 'A customer invites you to carry an item',
      format(E'A customer asks you to carry "%s" on your trip "%s" for %s %s. Open the app to accept, counter or decline.\n',
             v_request.title, v_trip.title, round(v_offer.price / 100.0, 2), v_offer.currency));
  end if;
  return v_offer;
end;
$$;
comment on function app_public.invite_traveler(uuid, uuid, bigint, text, timestamptz, timestamptz) is
  E'@resultFieldName deliveryOffer\nA customer invites the traveler of a trip to carry their request at a price (trip-first). Accepted at once when the trip auto-accepts at that price and its traveler is fully verified. Errors: LOGIN, DNIED, NTFND (request not yours, trip not visible), BADST, EXPRD, INVAL, CAPAC, LIMIT as for submitOffer.';
grant execute on function app_public.invite_traveler(uuid, uuid, bigint, text, timestamptz, timestamptz) to app_user;

-- The caller's side of a thread, or NTFND when the caller is not a party.
create or replace function app_hidden.offer_party_of(offer app_public.delivery_offers, user_id uuid)
returns app_public.offer_party
language plpgsql immutable
set search_path = pg_catalog, public, pg_temp
as $$
begin
  if offer.id is null or user_id not in (offer.customer_id, offer.traveler_id) then
    raise exception 'Offer not found' using errcode = 'NTFND';
  end if;
  return case when user_id = offer.customer_id then 'customer' else 'traveler' end::app_public.offer_party;
end;
$$;
comment on function app_hidden.offer_party_of(app_public.delivery_offers, uuid) is 'Which side of the offer thread the user is on; NTFND for anybody else.';

-- Locks a thread the fixed way (its request, then the thread) and returns it.
create or replace function app_hidden.lock_offer(offer_id uuid)
returns app_public.delivery_offers
language plpgsql volatile
set search_path = pg_catalog, public, pg_temp
as $$
declare
  v_offer app_public.delivery_offers;
begin
  perform 1 from app_public.delivery_requests r
   where r.id = (select o.request_id from app_public.delivery_offers o where o.id = lock_offer.offer_id)
   for update;
  select * into v_offer from app_public.delivery_offers o where o.id = lock_offer.offer_id for update;
  return v_offer;
end;
$$;
comment on function app_hidden.lock_offer(uuid) is 'Locks an offer thread after its request (the fixed lock order) and returns it.';

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
    perform app_hidden.queue_email(
      case v_party when 'customer' then v_offer.traveler_id else v_offer.customer_id end,
      'A counter-offer is waiting for you',
      format(E'The price for "%s" is now %s %s. Open the app to accept, counter or decline.\n',
             v_request.title, round(v_offer.price / 100.0, 2), v_offer.currency));
  end if;
  return v_offer;
end;
$$;
comment on function app_public.counter_offer(uuid, bigint, text, timestamptz, timestamptz) is
  E'@resultFieldName deliveryOffer\nThe side whose turn it is proposes a new price (and times): a new immutable version that the other side must answer; older versions can no longer be accepted. At most 10 versions. Errors: LOGIN, NTFND (not your offer), DNIED (not your turn), BADST (offer or request closed), EXPRD, INVAL (price), LIMIT (versions).';
grant execute on function app_public.counter_offer(uuid, bigint, text, timestamptz, timestamptz) to app_user;

create or replace function app_public.decline_offer(
  offer_id uuid,
  reason app_public.offer_decline_reason,
  note text default null
)
returns app_public.delivery_offers
language plpgsql volatile security definer
set search_path = pg_catalog, public, pg_temp
as $$
declare
  v_user_id uuid := app_hidden.require_user('unverified', 'decline offers');
  v_offer app_public.delivery_offers := app_hidden.lock_offer(decline_offer.offer_id);
  v_party app_public.offer_party := app_hidden.offer_party_of(v_offer, v_user_id);
begin
  if decline_offer.reason is null
     or decline_offer.reason in ('another_offer_accepted', 'request_cancelled', 'request_changed', 'blocked') then
    raise exception 'Give a reason for declining (the platform''s own reasons are not available)' using errcode = 'INVAL';
  end if;
  if v_offer.status <> 'pending' then
    raise exception 'This offer is % already', v_offer.status using errcode = 'BADST';
  end if;
  -- The customer may decline at any time; the traveler declines only a customer's proposal (else: withdraw).
  if v_party = 'traveler' and v_offer.awaiting_party <> 'traveler' then
    raise exception 'Withdraw your own offer instead of declining it' using errcode = 'DNIED';
  end if;
  update app_public.delivery_offers o
     set status = 'declined', decline_reason = decline_offer.reason, closing_note = nullif(trim(decline_offer.note), ''),
         closed_by = v_user_id, closed_at = now()
   where o.id = v_offer.id
  returning o.* into v_offer;
  return v_offer;
end;
$$;
comment on function app_public.decline_offer(uuid, app_public.offer_decline_reason, text) is
  E'@resultFieldName deliveryOffer\nEnds an offer thread: the customer at any time, the traveler when answering the customer''s proposal. Errors: LOGIN, NTFND, DNIED (traveler on their own proposal: withdraw instead), BADST (not pending), INVAL (no reason, or a platform reason).';
grant execute on function app_public.decline_offer(uuid, app_public.offer_decline_reason, text) to app_user;

create or replace function app_public.withdraw_offer(
  offer_id uuid,
  reason app_public.offer_withdraw_reason,
  note text default null
)
returns app_public.delivery_offers
language plpgsql volatile security definer
set search_path = pg_catalog, public, pg_temp
as $$
declare
  v_user_id uuid := app_hidden.require_user('unverified', 'withdraw offers');
  v_offer app_public.delivery_offers := app_hidden.lock_offer(withdraw_offer.offer_id);
  v_party app_public.offer_party := app_hidden.offer_party_of(v_offer, v_user_id);
begin
  if withdraw_offer.reason is null then
    raise exception 'Give a reason for withdrawing' using errcode = 'INVAL';
  end if;
  if v_party <> 'traveler' then
    raise exception 'Only the traveler withdraws an offer; customers decline it' using errcode = 'DNIED';
  end if;
  if v_offer.status <> 'pending' then
    raise exception 'This offer is % already', v_offer.status using errcode = 'BADST';
  end if;
  update app_public.delivery_offers o
     set status = 'withdrawn', withdraw_reason = withdraw_offer.reason, closing_note = nullif(trim(withdraw_offer.note), ''),
         closed_by = v_user_id, closed_at = now()
   where o.id = v_offer.id
  returning o.* into v_offer;
  return v_offer;
end;
$$;
comment on function app_public.withdraw_offer(uuid, app_public.offer_withdraw_reason, text) is
  E'@resultFieldName deliveryOffer\nThe traveler takes back a live offer. Errors: LOGIN, NTFND, DNIED (customers decline instead), BADST (not pending), INVAL (no reason).';
grant execute on function app_public.withdraw_offer(uuid, app_public.offer_withdraw_reason, text) to app_user;

-- Every 5 minutes (workers/crontab) and in the daily cleanup: live threads past their version's validity expire, at
-- most retention.batch_size per call (the next call takes the rest).
create or replace function app_private.expire_offers()
returns integer
language sql volatile
set search_path = pg_catalog, public, pg_temp
as $$
  with expired as (
    update app_public.delivery_offers o set status = 'expired', closed_at = now()
     where o.id in (select p.id from app_public.delivery_offers p
                     where p.status = 'pending' and p.valid_until <= now()
                     limit (app_hidden.config_value('retention.batch_size'))::int)
    returning 1
  )
  select count(*)::integer from expired;
$$;
comment on function app_private.expire_offers() is 'Expires pending offer threads whose current version is past its validity, at most retention.batch_size; returns how many.';

-- A request with a live thread shows matched, without one pending (§4); only while it is open.
create or replace function app_hidden.tg_delivery_offers__request_status()
returns trigger
language plpgsql volatile
set search_path = pg_catalog, public, pg_temp
as $$
begin
  update app_public.delivery_requests r
     set status = case when exists (select 1 from app_public.delivery_offers o
                                     where o.request_id = r.id and o.status = 'pending')
                       then 'matched' else 'pending' end::app_public.delivery_request_status
   where r.id = NEW.request_id and r.status in ('pending', 'matched');
  return null;
end;
$$;
comment on function app_hidden.tg_delivery_offers__request_status() is 'Keeps an open request matched while it has a live offer thread, pending otherwise.';

create or replace trigger _100_timestamps before update on app_public.delivery_offers
  for each row execute function app_hidden.tg__set_updated_at();
create or replace trigger _500_request_status after insert or update of status on app_public.delivery_offers
  for each row execute function app_hidden.tg_delivery_offers__request_status();
create or replace trigger _100_append_only before update on app_public.offer_versions
  for each row execute function app_hidden.tg__append_only();
