-- Recurring trips (docs/trips.md): a daily job (workers/crontab, trips__materialise_recurring) creates the
-- trips of every recurring trip up to trips.recurrence_days ahead, at most trips.recurrence_max per recurring trip
-- in all. The unique index trips_parent_departure_key makes it idempotent: a second run creates nothing, and an
-- advisory lock keeps two workers from racing past the maximum. Dates are computed in UTC (the function pins its
-- time zone), so a trip recurs at the same UTC time of day.
-- Pattern: {frequency: daily|weekly|monthly, interval: n (default 1), days_of_week: [ISO 1–7] (weekly; default the
-- weekday of the first departure), until: "YYYY-MM-DD" (UTC, inclusive)}. A cancelled recurring trip, or one whose
-- traveler is no longer an active traveler, recurs no more. Each created trip is upcoming, with all capacity free,
-- the recurring trip's fields and duration, and no pattern of its own.
create or replace function app_private.materialise_recurring_trips()
returns integer
language plpgsql volatile
set search_path = pg_catalog, public, pg_temp
set timezone = 'UTC'
as $$
declare
  v_horizon timestamptz := now() + make_interval(days => (app_hidden.config_value('trips.recurrence_days'))::int);
  v_max integer := (app_hidden.config_value('trips.recurrence_max'))::int;
  v_created integer;
begin
  perform pg_advisory_xact_lock(hashtext('app_private.materialise_recurring_trips'));
  with parents as (
    select p.id, p.departure_time, p.recurring_pattern ->> 'frequency' as frequency,
           coalesce((p.recurring_pattern ->> 'interval')::int, 1) as every,
           coalesce(p.recurring_pattern -> 'days_of_week', jsonb_build_array(extract(isodow from p.departure_time)::int)) as days,
           (p.recurring_pattern ->> 'until')::date as until,
           (select count(*) from app_public.trips c where c.parent_trip_id = p.id) as children
      from app_public.trips p
      join app_public.users u on u.id = p.traveler_id
     where p.recurring_pattern is not null and p.status <> 'cancelled'
       and u.status = 'active' and u.deleted_at is null and u.user_type in ('traveler', 'both')
  ), candidates as (
    select p.id as parent_id, p.children, d.departure
      from parents p
      cross join lateral (
        -- daily and weekly: every day after the first departure, filtered below
        select p.departure_time + make_interval(days => k) as departure
          from generate_series(1, greatest(0, ceil(extract(epoch from v_horizon - p.departure_time) / 86400)::int)) k
         where p.frequency = 'daily' and k % p.every = 0
            or p.frequency = 'weekly'
               and p.days @> to_jsonb(extract(isodow from p.departure_time + make_interval(days => k))::int)
               and ((date_trunc('week', p.departure_time + make_interval(days => k))::date
                     - date_trunc('week', p.departure_time)::date) / 7) % p.every = 0
        union all
        -- monthly: the same day of the month (the month's last day where it is shorter)
        select p.departure_time + make_interval(months => m * p.every)
          from generate_series(1, greatest(0, ceil(extract(epoch from v_horizon - p.departure_time) / 86400 / 28)::int)) m
         where p.frequency = 'monthly'
      ) d
     where d.departure > now() and d.departure <= v_horizon
       and (p.until is null or d.departure::date <= p.until)
       and not exists (select 1 from app_public.trips x
                        where x.parent_trip_id = p.id and x.departure_time = d.departure)
  ), numbered as (
    select c.*, row_number() over (partition by c.parent_id order by c.departure) as rn from candidates c
  )
  insert into app_public.trips (
    traveler_id, title, description, trip_type, origin_address, origin_point, origin_airport,
    destination_address, destination_point, destination_airport, departure_time, arrival_time,
    capacity_weight_kg, available_weight_kg, capacity_volume_l, available_volume_l, capacity_items, available_items,
    currency, base_price, price_per_kg, price_per_km, express_multiplier, fragile_multiplier,
    no_fragile, no_electronics, max_item_value, prohibited_categories, parent_trip_id,
    visibility, auto_accept, auto_accept_price)
  select p.traveler_id, p.title, p.description, p.trip_type, p.origin_address, p.origin_point, p.origin_airport,
         p.destination_address, p.destination_point, p.destination_airport,
         n.departure, n.departure + (p.arrival_time - p.departure_time),
         p.capacity_weight_kg, p.capacity_weight_kg, p.capacity_volume_l, p.capacity_volume_l,
         p.capacity_items, p.capacity_items,
         p.currency, p.base_price, p.price_per_kg, p.price_per_km, p.express_multiplier, p.fragile_multiplier,
         p.no_fragile, p.no_electronics, p.max_item_value, p.prohibited_categories, p.id,
         p.visibility, p.auto_accept, p.auto_accept_price
    from numbered n
    join app_public.trips p on p.id = n.parent_id
   where n.rn <= v_max - n.children
  on conflict (parent_trip_id, departure_time) do nothing;
  get diagnostics v_created = row_count;
  return v_created;
end;
$$;
comment on function app_private.materialise_recurring_trips() is 'Creates the trips of recurring trips up to trips.recurrence_days ahead (at most trips.recurrence_max per recurring trip); idempotent. Returns how many it created.';
