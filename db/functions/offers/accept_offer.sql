-- Accepting an offer (docs/offers.md, The accept transaction), all or nothing:
--   1. lock the request, then the offer, then the trip (the fixed order serialises accepts without deadlocks), then
--      the traveler (app_hidden.lock_traveler_deliveries);
--   2. re-check the version, the thread, the request, both users, blocks and limits under those locks;
--   3. create the delivery (DEL- number from a sequence, its history row by trigger) and reserve the trip's
--      capacity for it: weight × quantity, volume and items; overbooking surfaces as CAPAC;
--   4. accept the thread with the hash of the agreed terms, decline every other live thread of the request;
--   5. the request follows the delivery (trigger), both parties are told, and the payment authorisation job is
--      enqueued (id-only payload; workers/tasks/payments__create_intent.ts). The platform fee stored on the
--      delivery comes from the one fee formula, app_hidden.charge_amounts (docs/payments.md, Fees).
-- The traveler lock. The live-delivery limits (limits.max_active_deliveries, and verification.phone_max_active at
-- phone_verified) count the traveler's deliveries, which accepts on other requests and trips add to: the request,
-- offer and trip locks do not serialise those, so without this lock concurrent accepts would all count the same
-- committed deliveries and all pass. It is a transaction-scoped advisory lock keyed by the traveler (a hash
-- collision only makes two travelers wait for each other), taken last, after the trip:
--   request → offer → trip → traveler → (at commit, deferred) the answerer's statistics row (response_time.sql).
-- It cannot deadlock: every path that takes it (accept, and submit/invite/counter through auto-accept) takes it
-- after all its request, offer and trip locks, and the holder then only touches rows it already holds or creates
-- (its delivery and reservation, its trip, its request and that request's threads, which every path locks through
-- their request first) until commit. Whoever waits for the traveler holds only their own request, offer and trip,
-- none of which the holder needs, so no wait cycle can form; two accepts sharing a request or a trip queue on that
-- lock before they reach this one.
create or replace function app_hidden.lock_traveler_deliveries(traveler_id uuid)
returns void
language sql volatile
set search_path = pg_catalog, public, pg_temp
as $$
  select pg_advisory_xact_lock(hashtext('traveler live deliveries'), hashtext(lock_traveler_deliveries.traveler_id::text));
$$;
comment on function app_hidden.lock_traveler_deliveries(uuid) is 'Serialises, until commit, the accepts that add a live delivery to this traveler (the live-delivery limits).';

create or replace function app_hidden.accept_offer_version(offer_id uuid, version integer, actor_id uuid)
returns app_public.deliveries
language plpgsql volatile
set search_path = pg_catalog, public, pg_temp
as $$
declare
  v_offer app_public.delivery_offers := app_hidden.lock_offer(accept_offer_version.offer_id);
  v_request app_public.delivery_requests;
  v_trip app_public.trips;
  v_version app_public.offer_versions;
  v_customer app_public.users;
  v_delivery app_public.deliveries;
  v_terms bytea;
begin
  if v_offer.id is null then
    raise exception 'Offer not found' using errcode = 'NTFND';
  end if;
  select * into v_request from app_public.delivery_requests r where r.id = v_offer.request_id;
  select * into v_trip from app_public.trips t where t.id = v_offer.trip_id for update;
  perform app_hidden.lock_traveler_deliveries(v_offer.traveler_id);
  if v_offer.status <> 'pending' then
    raise exception 'This offer is % and can no longer be accepted', v_offer.status using errcode = 'BADST';
  end if;
  if accept_offer_version.version is distinct from v_offer.current_version then
    raise exception 'Version % is no longer current (the current one is %)', accept_offer_version.version,
      v_offer.current_version using errcode = 'STALE';
  end if;
  if v_offer.valid_until <= now() then
    raise exception 'This offer has expired' using errcode = 'EXPRD';
  end if;
  perform app_hidden.assert_request_open(v_request);
  select * into v_customer from app_public.users u where u.id = v_request.customer_id;
  if v_customer.status is distinct from 'active' or v_customer.deleted_at is not null then
    raise exception 'The customer''s account is not active' using errcode = 'DNIED';
  end if;
  perform app_hidden.assert_traveler_may_carry(v_request, v_offer.traveler_id);
  perform app_hidden.assert_trip_fits(v_request, v_trip);

  select * into v_version from app_public.offer_versions v
   where v.offer_id = v_offer.id and v.version = v_offer.current_version;
  v_terms := sha256(convert_to(jsonb_build_object(
    'offer_id', v_offer.id, 'version', v_version.version, 'proposed_by', v_version.proposed_by,
    'price', v_version.price, 'currency', v_offer.currency, 'pickup_time', v_version.pickup_time,
    'delivery_time', v_version.delivery_time, 'request_id', v_request.id, 'item_name', v_request.item_name,
    'quantity', v_request.quantity, 'total_weight', v_request.total_weight, 'declared_value', v_request.declared_value,
    'pickup_address', v_request.pickup_address, 'delivery_address', v_request.delivery_address,
    'trip_id', v_trip.id)::text, 'UTF8'));

  insert into app_public.deliveries (request_id, offer_id, customer_id, traveler_id, trip_id, final_price,
                                     platform_fee, currency, terms_hash, pickup_time, delivery_time)
  values (v_request.id, v_offer.id, v_request.customer_id, v_offer.traveler_id, v_trip.id, v_version.price,
          (select c.platform_fee from app_hidden.charge_amounts(v_version.price) c),
          v_offer.currency, v_terms, v_version.pickup_time, v_version.delivery_time)
  returning * into v_delivery;
  perform app_hidden.reserve_trip_capacity(v_trip.id, v_delivery.id, v_request.total_weight, v_request.total_volume_l,
                                           v_request.quantity);

  update app_public.delivery_offers o
     set status = 'accepted', accepted_at = now(), closed_at = now(), closed_by = accept_offer_version.actor_id,
         terms_hash = v_terms
   where o.id = v_offer.id;
  update app_public.delivery_offers o
     set status = 'declined', decline_reason = 'another_offer_accepted', closed_at = now()
   where o.request_id = v_request.id and o.status = 'pending';

  perform graphile_worker.add_job('payments__create_intent', json_build_object('id', v_delivery.id),
    job_key := 'payments__create_intent:' || v_delivery.id, max_attempts := 25);
  perform app_hidden.notify(v_offer.traveler_id, 'offer_accepted',
    jsonb_build_object('request_title', v_request.title, 'delivery_number', v_delivery.delivery_number,
                       'amount', app_hidden.notification_amount(v_delivery.final_price), 'currency', v_delivery.currency),
    'high', v_delivery.id);
  perform app_hidden.notify(v_request.customer_id, 'delivery_arranged',
    jsonb_build_object('request_title', v_request.title, 'delivery_number', v_delivery.delivery_number,
                       'amount', app_hidden.notification_amount(v_delivery.final_price), 'currency', v_delivery.currency),
    'high', v_delivery.id);
  return v_delivery;
end;
$$;
comment on function app_hidden.accept_offer_version(uuid, integer, uuid) is 'The accept transaction: re-checks under locks, creates the delivery, reserves capacity, closes the other threads.';

create or replace function app_public.accept_offer(offer_id uuid, version integer)
returns app_public.deliveries
language plpgsql volatile security definer
set search_path = pg_catalog, public, pg_temp
as $$
declare
  v_user_id uuid := app_hidden.require_user('email_verified', 'accept offers');
  v_offer app_public.delivery_offers := app_hidden.lock_offer(accept_offer.offer_id);
begin
  if app_hidden.offer_party_of(v_offer, v_user_id) <> v_offer.awaiting_party then
    raise exception 'It is the other side''s turn: only they can accept this version' using errcode = 'DNIED';
  end if;
  return app_hidden.accept_offer_version(accept_offer.offer_id, accept_offer.version, v_user_id);
end;
$$;
comment on function app_public.accept_offer(uuid, integer) is
  E'@resultFieldName delivery\nThe side whose turn it is accepts the current version of an offer: creates the delivery, reserves the trip''s capacity and declines the request''s other offers, in one transaction. Errors: LOGIN, NTFND, DNIED (not your turn; blocks, verification or rating filters), STALE (not the current version), BADST (offer or request closed, trip not live), EXPRD, CAPAC (no capacity left), LIMIT (live deliveries).';
grant execute on function app_public.accept_offer(uuid, integer) to app_user;
