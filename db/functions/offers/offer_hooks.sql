-- What happens to offers and deliveries when their request or trip changes (docs/trips.md, docs/requests.md, docs/offers.md), called by
-- the request and trip functions in their own transactions.

-- The request was cancelled by its customer: live threads are declined and a delivery not yet picked up is
-- cancelled customer-caused (which ends the request as cancelled).
create or replace function app_hidden.on_request_cancelled(request_id uuid, actor_id uuid,
                                                           reason app_public.request_cancel_reason)
returns void
language plpgsql volatile
set search_path = pg_catalog, public, pg_temp
as $$
declare
  v_delivery_id uuid;
begin
  update app_public.delivery_offers o
     set status = 'declined', decline_reason = 'request_cancelled', closed_by = on_request_cancelled.actor_id,
         closed_at = now()
   where o.request_id = on_request_cancelled.request_id and o.status = 'pending';
  select d.id into v_delivery_id from app_public.deliveries d
   where d.request_id = on_request_cancelled.request_id and d.status in ('accepted', 'pickup_scheduled')
   for update;
  if v_delivery_id is not null then
    perform app_hidden.cancel_delivery_as(v_delivery_id, 'user', on_request_cancelled.actor_id,
      case on_request_cancelled.reason when 'found_alternative' then 'found_alternative'
                                       when 'no_longer_needed' then 'no_longer_needed'
                                       else 'other' end::app_public.delivery_cancel_reason, null);
  end if;
end;
$$;
comment on function app_hidden.on_request_cancelled(uuid, uuid, app_public.request_cancel_reason) is 'Declines the live offers of a cancelled request and cancels its delivery if not yet picked up.';

-- The request was edited while open: changing the item, places or windows voids every live thread
-- (request_changed); lowering max_price declines only the threads now priced above it (price_too_high), and
-- travelers now blacklisted lose theirs (prefer_other_traveler).
create or replace function app_hidden.on_request_changed(request_id uuid, terms_changed boolean, max_price bigint,
                                                         blacklisted_travelers uuid[])
returns integer
language sql volatile
set search_path = pg_catalog, public, pg_temp
as $$
  with declined as (
    update app_public.delivery_offers o
       set status = 'declined',
           decline_reason = case when on_request_changed.terms_changed then 'request_changed'
                                 when o.price > on_request_changed.max_price then 'price_too_high'
                                 else 'prefer_other_traveler' end::app_public.offer_decline_reason,
           closed_at = now()
     where o.request_id = on_request_changed.request_id and o.status = 'pending'
       and (on_request_changed.terms_changed or o.price > on_request_changed.max_price
            or o.traveler_id = any (on_request_changed.blacklisted_travelers))
    returning 1
  )
  select count(*)::integer from declined;
$$;
comment on function app_hidden.on_request_changed(uuid, boolean, bigint, uuid[]) is 'Declines the live offers an edit of their request invalidates; returns how many.';

-- The trip was cancelled: live threads on it are withdrawn and deliveries not yet picked up are cancelled
-- (trip_cancelled, caused by the traveler, or by an admin); their requests reopen.
create or replace function app_hidden.on_trip_cancelled(trip_id uuid, actor_id uuid, by_admin boolean)
returns integer
language plpgsql volatile
set search_path = pg_catalog, public, pg_temp
as $$
declare
  v_delivery record;
  v_count integer := 0;
begin
  update app_public.delivery_offers o
     set status = 'withdrawn', withdraw_reason = 'no_longer_available', closed_by = on_trip_cancelled.actor_id,
         closed_at = now()
   where o.trip_id = on_trip_cancelled.trip_id and o.status = 'pending';
  for v_delivery in
    select d.id from app_public.deliveries d
     where d.trip_id = on_trip_cancelled.trip_id and d.status not in ('delivered', 'cancelled', 'disputed')
     order by d.id
     for update
  loop
    perform app_hidden.cancel_delivery_as(v_delivery.id,
      case when on_trip_cancelled.by_admin then 'admin' else 'user' end::app_public.transition_source,
      on_trip_cancelled.actor_id, 'trip_cancelled', null);
    v_count := v_count + 1;
  end loop;
  return v_count;
end;
$$;
comment on function app_hidden.on_trip_cancelled(uuid, uuid, boolean) is 'Withdraws the live offers on a cancelled trip and cancels its deliveries; returns how many deliveries.';

-- Two users were blocked from each other (either direction): the pending threads between them, whoever is the
-- customer, are declined by the platform (reason blocked, closed_by NULL) in the blocking transaction. Their requests
-- are locked first, in id order, keeping the fixed order request → offer (a thread's decline updates its request's
-- status), so a concurrent accept or counter on one of those requests queues instead of deadlocking.
create or replace function app_hidden.on_users_blocked(a uuid, b uuid)
returns integer
language plpgsql volatile
set search_path = pg_catalog, public, pg_temp
as $$
declare
  v_declined integer;
begin
  perform 1 from app_public.delivery_requests r
   where r.id in (select o.request_id from app_public.delivery_offers o
                   where o.status = 'pending'
                     and ((o.customer_id = on_users_blocked.a and o.traveler_id = on_users_blocked.b)
                          or (o.customer_id = on_users_blocked.b and o.traveler_id = on_users_blocked.a)))
   order by r.id
   for update;
  update app_public.delivery_offers o
     set status = 'declined', decline_reason = 'blocked', closed_by = null, closed_at = now()
   where o.status = 'pending'
     and ((o.customer_id = on_users_blocked.a and o.traveler_id = on_users_blocked.b)
          or (o.customer_id = on_users_blocked.b and o.traveler_id = on_users_blocked.a));
  get diagnostics v_declined = row_count;
  return v_declined;
end;
$$;
comment on function app_hidden.on_users_blocked(uuid, uuid) is 'Declines (reason blocked) the pending offer threads between two users a block now separates; returns how many.';

-- Fires for every new block, whichever path inserts it (block_user, or the insert grant of user_blocks), after the
-- row passed the insert_own policy: the caller is the blocker. Security definer: offers have no write grant.
create or replace function app_hidden.tg_user_blocks__decline_offers()
returns trigger
language plpgsql volatile security definer
set search_path = pg_catalog, public, pg_temp
as $$
begin
  perform app_hidden.on_users_blocked(NEW.blocker_id, NEW.blocked_id);
  return null;
end;
$$;
comment on function app_hidden.tg_user_blocks__decline_offers() is 'Declines the pending offers between the two users of a new block.';

create or replace trigger _500_decline_offers after insert on app_public.user_blocks
  for each row execute function app_hidden.tg_user_blocks__decline_offers();
