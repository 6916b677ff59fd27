-- Capacity primitives (docs/trips.md, Capacity) for the accept-offer and delivery transactions.
-- Invariant, per trip and per dimension: capacity − available = Σ reserved + consumed reservations.
--   reserve: available −= amounts, a reservation in status reserved (offer accepted)
--   release: reserved → released, available += amounts (any cancellation before delivery: by a party before pickup,
--            by an admin after it)
--   consume: reserved → consumed, available unchanged (delivery; consumed capacity never comes back)
-- So a reservation stays reserved from acceptance through pickup and transit: an item on board still holds its room,
-- and an admin cancelling it in transit gives that room back. Release and consume follow the delivery's status
-- (app_hidden.tg_deliveries__after_status), whichever function moves it.
-- Not granted to any API role: only functions owned by app_owner (security definer mutations, the worker) call
-- them, inside the transaction that accepts, cancels or delivers.

-- Concurrency: the conditional UPDATE takes the trip's row lock; a competing transaction waits for it and then
-- re-checks the WHERE clause against the committed row (READ COMMITTED re-evaluation), so two acceptances can never
-- both take the last capacity, and the shortfall surfaces as CAPAC rather than as a CHECK violation (23514).
create or replace function app_hidden.reserve_trip_capacity(
  trip_id uuid,
  delivery_id uuid,
  weight_kg numeric,
  volume_l numeric,
  items integer
)
returns app_public.trip_capacity_reservations
language plpgsql volatile
set search_path = pg_catalog, public, pg_temp
as $$
declare
  v_trip app_public.trips;
  v_reservation app_public.trip_capacity_reservations;
begin
  if reserve_trip_capacity.delivery_id is null or reserve_trip_capacity.weight_kg is null
     or reserve_trip_capacity.weight_kg <= 0 or reserve_trip_capacity.volume_l is null
     or reserve_trip_capacity.volume_l < 0 or reserve_trip_capacity.items is null or reserve_trip_capacity.items < 1 then
    raise exception 'A reservation needs a delivery, a positive weight, a volume ≥ 0 and at least one item'
      using errcode = 'INVAL';
  end if;
  if exists (select 1 from app_public.trip_capacity_reservations r
              where r.delivery_id = reserve_trip_capacity.delivery_id) then
    raise exception 'Capacity is already reserved for this delivery' using errcode = 'BADST';
  end if;

  update app_public.trips t
     set available_weight_kg = t.available_weight_kg - reserve_trip_capacity.weight_kg,
         available_volume_l = t.available_volume_l - reserve_trip_capacity.volume_l,
         available_items = t.available_items - reserve_trip_capacity.items
   where t.id = reserve_trip_capacity.trip_id
     and t.status in ('upcoming', 'delayed')
     and t.available_weight_kg >= reserve_trip_capacity.weight_kg
     and t.available_volume_l >= reserve_trip_capacity.volume_l
     and t.available_items >= reserve_trip_capacity.items
  returning t.* into v_trip;

  if v_trip.id is null then
    select t.* into v_trip from app_public.trips t where t.id = reserve_trip_capacity.trip_id;
    if v_trip.id is null then
      raise exception 'Trip not found' using errcode = 'NTFND';
    elsif v_trip.status not in ('upcoming', 'delayed') then
      raise exception 'A % trip takes no more deliveries', v_trip.status using errcode = 'BADST';
    end if;
    raise exception 'Not enough capacity left on this trip (free: % kg, % l, % items)',
      v_trip.available_weight_kg, v_trip.available_volume_l, v_trip.available_items
      using errcode = 'CAPAC';
  end if;

  insert into app_public.trip_capacity_reservations (trip_id, delivery_id, weight_kg, volume_l, items)
  values (v_trip.id, reserve_trip_capacity.delivery_id, reserve_trip_capacity.weight_kg,
          reserve_trip_capacity.volume_l, reserve_trip_capacity.items)
  returning * into v_reservation;
  return v_reservation;
end;
$$;
comment on function app_hidden.reserve_trip_capacity(uuid, uuid, numeric, numeric, integer) is 'Holds capacity of an upcoming or delayed trip for a delivery; CAPAC when it does not fit, BADST when the trip takes no deliveries or the delivery already holds capacity.';

-- Locks the trip before the reservation (the order reserve_trip_capacity uses), so release and reserve on one trip
-- cannot deadlock. Releasing twice changes nothing; consumed capacity is never given back (returned unchanged).
create or replace function app_hidden.release_trip_capacity(delivery_id uuid)
returns app_public.trip_capacity_reservations
language plpgsql volatile
set search_path = pg_catalog, public, pg_temp
as $$
declare
  v_reservation app_public.trip_capacity_reservations;
begin
  select r.* into v_reservation from app_public.trip_capacity_reservations r
   where r.delivery_id = release_trip_capacity.delivery_id;
  if v_reservation.id is null then
    raise exception 'No capacity is reserved for this delivery' using errcode = 'NTFND';
  end if;
  perform 1 from app_public.trips t where t.id = v_reservation.trip_id for update;
  update app_public.trip_capacity_reservations r set status = 'released'
   where r.id = v_reservation.id and r.status = 'reserved'
  returning r.* into v_reservation;
  if not found then
    select r.* into v_reservation from app_public.trip_capacity_reservations r
     where r.delivery_id = release_trip_capacity.delivery_id;
    return v_reservation;
  end if;
  update app_public.trips t
     set available_weight_kg = t.available_weight_kg + v_reservation.weight_kg,
         available_volume_l = t.available_volume_l + v_reservation.volume_l,
         available_items = t.available_items + v_reservation.items
   where t.id = v_reservation.trip_id;
  return v_reservation;
end;
$$;
comment on function app_hidden.release_trip_capacity(uuid) is 'Gives a delivery''s reserved capacity back to its trip (idempotent; consumed capacity stays consumed). NTFND when the delivery holds none.';

create or replace function app_hidden.consume_trip_capacity(delivery_id uuid)
returns app_public.trip_capacity_reservations
language plpgsql volatile
set search_path = pg_catalog, public, pg_temp
as $$
declare
  v_reservation app_public.trip_capacity_reservations;
begin
  select r.* into v_reservation from app_public.trip_capacity_reservations r
   where r.delivery_id = consume_trip_capacity.delivery_id
   for update;
  if v_reservation.id is null then
    raise exception 'No capacity is reserved for this delivery' using errcode = 'NTFND';
  end if;
  if v_reservation.status = 'released' then
    raise exception 'The capacity of this delivery was released' using errcode = 'BADST';
  end if;
  if v_reservation.status = 'reserved' then
    update app_public.trip_capacity_reservations r set status = 'consumed'
     where r.id = v_reservation.id
    returning r.* into v_reservation;
  end if;
  return v_reservation;
end;
$$;
comment on function app_hidden.consume_trip_capacity(uuid) is 'Marks a delivery''s reserved capacity as used for good (at delivery); idempotent. NTFND when the delivery holds none, BADST when it was released.';
