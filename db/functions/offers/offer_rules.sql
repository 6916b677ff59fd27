-- The checks every offer path shares (docs/offers.md): submitting, inviting, countering and accepting run the
-- same rules, and accepting runs them again under the locks, because anything may have changed meanwhile.

-- The request is still open for offers.
create or replace function app_hidden.assert_request_open(request app_public.delivery_requests)
returns void
language plpgsql stable
set search_path = pg_catalog, public, pg_temp
as $$
begin
  if request.status not in ('pending', 'matched') then
    raise exception 'This request is % and takes no offers', request.status using errcode = 'BADST';
  end if;
  if request.expires_at <= now() then
    raise exception 'This request has expired' using errcode = 'EXPRD';
  end if;
end;
$$;
comment on function app_hidden.assert_request_open(app_public.delivery_requests) is 'Raises BADST or EXPRD unless the request is pending or matched and unexpired.';

-- The traveler may carry this customer's request: not their own, no block either way, not blacklisted, active and
-- at least phone_verified, meeting the request's rating and verification filters, and within the limits of their
-- verification level (phone_verified: value and live deliveries capped) and of the platform.
create or replace function app_hidden.assert_traveler_may_carry(request app_public.delivery_requests, traveler_id uuid)
returns void
language plpgsql stable
set search_path = pg_catalog, public, pg_temp
as $$
declare
  v_traveler app_public.users;
  v_stats app_public.user_statistics;
  v_live integer;
begin
  if request.customer_id = traveler_id then
    raise exception 'Travelers cannot carry their own requests' using errcode = 'DNIED';
  end if;
  select * into v_traveler from app_public.users u where u.id = traveler_id;
  if v_traveler.status is distinct from 'active' or v_traveler.deleted_at is not null
     or v_traveler.user_type not in ('traveler', 'both') then
    raise exception 'Only active travelers can carry items' using errcode = 'DNIED';
  end if;
  if app_hidden.users_blocked(request.customer_id, traveler_id)
     or traveler_id = any (request.blacklisted_travelers) then
    raise exception 'This traveler cannot take this request' using errcode = 'DNIED';
  end if;
  if v_traveler.verification_level < 'phone_verified' then
    raise exception 'Verify your phone number before carrying items' using errcode = 'DNIED';
  end if;
  if (request.verification_required and v_traveler.verification_level < 'id_verified')
     or (request.background_check_required and v_traveler.verification_level < 'fully_verified') then
    raise exception 'This request needs a traveler with a verified identity' using errcode = 'DNIED';
  end if;
  select * into v_stats from app_public.user_statistics s where s.user_id = traveler_id;
  if request.min_traveler_rating is not null
     and (coalesce(v_stats.total_ratings, 0) = 0 or v_stats.average_rating < request.min_traveler_rating) then
    raise exception 'This request needs a traveler rated at least %', request.min_traveler_rating using errcode = 'DNIED';
  end if;

  select count(*) into v_live from app_public.deliveries d
   where d.traveler_id = assert_traveler_may_carry.traveler_id and d.status not in ('delivered', 'cancelled');
  if v_live >= (app_hidden.config_value('limits.max_active_deliveries'))::int then
    raise exception 'You already have % live deliveries', v_live using errcode = 'LIMIT';
  end if;
  if v_traveler.verification_level = 'phone_verified' then
    if request.declared_value > (app_hidden.config_value('verification.phone_max_value'))::bigint then
      raise exception 'Verify your identity to carry items worth more than %',
        app_hidden.config_value('verification.phone_max_value') using errcode = 'DNIED';
    end if;
    if v_live >= (app_hidden.config_value('verification.phone_max_active'))::int then
      raise exception 'Verify your identity to carry more than % items at once',
        app_hidden.config_value('verification.phone_max_active') using errcode = 'LIMIT';
    end if;
  end if;
end;
$$;
comment on function app_hidden.assert_traveler_may_carry(app_public.delivery_requests, uuid) is 'Raises DNIED or LIMIT unless the traveler may carry the request (self-dealing, blocks, blacklist, verification, rating, limits).';

-- The trip can take the item: the traveler's, live and not yet departed, big enough, and its restrictions allow
-- the item.
create or replace function app_hidden.assert_trip_fits(request app_public.delivery_requests, trip app_public.trips)
returns void
language plpgsql stable
set search_path = pg_catalog, public, pg_temp
as $$
begin
  if trip.status not in ('upcoming', 'delayed') or trip.departure_time <= now() then
    raise exception 'This trip takes no more items' using errcode = 'BADST';
  end if;
  if trip.available_weight_kg < request.total_weight or trip.available_volume_l < request.total_volume_l
     or trip.available_items < request.quantity then
    raise exception 'Not enough capacity left on this trip' using errcode = 'CAPAC';
  end if;
  if (trip.no_fragile and request.is_fragile)
     or (trip.no_electronics and request.category = 'electronics')
     or request.declared_value > trip.max_item_value
     or request.category::text = any (trip.prohibited_categories) then
    raise exception 'This trip''s restrictions do not allow this item' using errcode = 'INVAL';
  end if;
end;
$$;
comment on function app_hidden.assert_trip_fits(app_public.delivery_requests, app_public.trips) is 'Raises BADST, CAPAC or INVAL unless the trip is live, big enough and allows the item.';

-- A proposed price: positive and at most the request's max_price.
create or replace function app_hidden.assert_offer_price(request app_public.delivery_requests, price bigint)
returns void
language plpgsql immutable
set search_path = pg_catalog, public, pg_temp
as $$
begin
  if price is null or price <= 0 or price > request.max_price then
    raise exception 'The price must be above 0 and at most the request''s maximum of %', request.max_price
      using errcode = 'INVAL';
  end if;
end;
$$;
comment on function app_hidden.assert_offer_price(app_public.delivery_requests, bigint) is 'Raises INVAL unless 0 < price ≤ the request''s max_price.';

-- Until when a new version stays open: offers.validity_hours, never past the request's expiry.
create or replace function app_hidden.offer_valid_until(request app_public.delivery_requests)
returns timestamptz
language sql stable
set search_path = pg_catalog, public, pg_temp
as $$
  select least(now() + make_interval(hours => (app_hidden.config_value('offers.validity_hours'))::int), request.expires_at);
$$;
comment on function app_hidden.offer_valid_until(app_public.delivery_requests) is 'Expiry of a new offer version.';

-- Opening and negotiating offer threads (docs/offers.md). A thread is opened by the traveler (submit_offer) or
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

create or replace trigger _100_timestamps before update on app_public.delivery_offers
  for each row execute function app_hidden.tg__set_updated_at();

create or replace trigger _100_append_only before update on app_public.offer_versions
  for each row execute function app_hidden.tg__append_only();
