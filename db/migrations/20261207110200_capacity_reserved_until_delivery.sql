-- migrate:up
set local lock_timeout = '5s';
set local statement_timeout = '60s';
-- Capacity is consumed at delivery, no longer at pickup (docs/trips.md, Capacity;
-- app_hidden.tg_deliveries__after_status): the reservations of items picked up but not delivered yet go back to
-- reserved, so that an admin cancelling such a delivery releases them. Available capacity does not change (reserved and
-- consumed both count as held).
update app_public.trip_capacity_reservations r
   set status = 'reserved'
  from app_public.deliveries d
 where d.id = r.delivery_id
   and r.status = 'consumed'
   and d.delivered_at is null
   and d.status <> 'cancelled';

-- migrate:down
update app_public.trip_capacity_reservations r
   set status = 'consumed'
  from app_public.deliveries d
 where d.id = r.delivery_id
   and r.status = 'reserved'
   and d.picked_up_at is not null
   and d.status <> 'cancelled';
