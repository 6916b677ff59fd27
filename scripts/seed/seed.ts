// Fills a migrated database with a realistic marketplace through SQL set operations (generate_series, insert …
// select), as the owner, in one transaction: users with contacts, preferences and statistics; trips between real
// cities; delivery requests; offers; deliveries on the trips of their route with their capacity reservations and
// status history; reviews; blocks and favorites. Derived columns (capacity left, statistics, ratings, earnings,
// request statuses) are computed in sets at the end instead of by the per-row triggers, which are switched off for
// the transaction (ALTER TABLE … DISABLE TRIGGER is transactional: a failed seed leaves them on). The matching jobs
// that new trips and requests enqueue are among them: seeding enqueues no job.
import type pg from "pg";
import { type ProgressBar, progressBar } from "../lib/progress.ts";
import { CITIES } from "./cities.ts";
import { SEED_EMAIL_DOMAIN, SEED_PASSWORD, SEED_SIZES, type SeedSize } from "./sizes.ts";
import { makeSeedText } from "./text.ts";

/** Rows per statement of the large tables: a statement per batch moves the progress bar. */
const BATCH = 50_000;

/** Tables whose triggers the seed replaces by set operations. */
const TABLES_WITHOUT_TRIGGERS = [
  "users",
  "user_contacts",
  "user_preferences",
  "user_statistics",
  "user_earnings",
  "trips",
  "delivery_requests",
  "delivery_offers",
  "offer_versions",
  "deliveries",
  "trip_capacity_reservations",
  "delivery_status_history",
  "reviews",
  "user_blocks",
  "user_favorites",
];

export interface SeedCounts {
  users: number;
  trips: number;
  requests: number;
  offers: number;
  deliveries: number;
  reviews: number;
}

/** A point scattered up to ~8 km around city c (uniform in a disc of 0.07° latitude). */
const jitter = (c: string) => `public.st_setsrid(public.st_makepoint(
    ${c}.lng + 0.07 * sqrt(random()) * cos(2 * pi() * random()) / cos(radians(${c}.lat)),
    ${c}.lat + 0.07 * sqrt(random()) * sin(2 * pi() * random())), 4326)::public.geography`;

/** A city index skewed towards the start of the list (the large cities come first in each country group). */
const skewedCity = `least(${CITIES.length - 1}, floor(${CITIES.length} * power(random(), 2.2))::int)`;

/** Currency of a place's country (requests and trips price in the currency of where they start). */
const currencyOf = (country: string) => `case ${country} when 'GB' then 'GBP' when 'CH' then 'CHF' when 'US' then 'USD'
  when 'CA' then 'CAD' when 'PL' then 'PLN' when 'SE' then 'SEK' else 'EUR' end`;

/** A random element of a text[] parameter. */
const pick = (param: string) => `(${param}::text[])[1 + floor(random() * cardinality(${param}::text[]))::int]`;

/** Makes the progress bars of a seed: real ones on stderr, or silent ones (tests). */
export type Bars = (label: string, total: number) => ProgressBar;
const SILENT_BAR: ProgressBar = { tick() {}, done() {} };
export const silentBars: Bars = () => SILENT_BAR;

async function inBatches(
  bars: Bars,
  label: string,
  total: number,
  run: (offset: number, count: number) => Promise<unknown>
): Promise<void> {
  const bar = bars(label, total);
  for (let offset = 0; offset < total; offset += BATCH) {
    const count = Math.min(BATCH, total - offset);
    await run(offset, count);
    bar.tick(count);
  }
  bar.done();
}

async function step<T>(bars: Bars, label: string, run: () => Promise<T>): Promise<T> {
  const bar = bars(label, 1);
  const result = await run();
  bar.done();
  return result;
}

/** Whether the database already holds seeded users (seeding twice would collide on their emails). */
export async function isSeeded(client: pg.Client): Promise<boolean> {
  const { rowCount } = await client.query("select 1 from app_public.user_contacts where email like $1 limit 1", [
    `%@${SEED_EMAIL_DOMAIN}`,
  ]);
  return (rowCount ?? 0) > 0;
}

export async function seedDatabase(
  client: pg.Client,
  size: SeedSize,
  { bars = progressBar, randomSeed = 0.42 }: { bars?: Bars; randomSeed?: number } = {}
): Promise<SeedCounts> {
  const { users, trips, requests } = SEED_SIZES[size];
  const text = makeSeedText(users);
  await client.query("begin");
  try {
    await client.query("set local statement_timeout = 0");
    await client.query("set local synchronous_commit = off");
    await client.query("select setseed($1)", [randomSeed]);
    for (const table of TABLES_WITHOUT_TRIGGERS)
      await client.query(`alter table app_public.${table} disable trigger user`);
    await seedUsers(client, bars, text);
    await seedTrips(client, bars, trips, text);
    const carried = Math.round(requests * 0.35);
    await seedCarriedRequests(client, bars, carried, text);
    await seedOpenRequests(client, bars, requests - carried, text);
    await seedPendingOffers(client, bars);
    await seedReviews(client, bars, text);
    await seedSocial(client, bars, users);
    await deriveColumns(client, bars);
    for (const table of TABLES_WITHOUT_TRIGGERS)
      await client.query(`alter table app_public.${table} enable trigger user`);
    const counts = await countRows(client);
    await client.query("commit");
    await step(bars, "analyze", () => client.query("analyze"));
    return counts;
  } catch (error) {
    await client.query("rollback");
    throw error;
  }
}

async function seedUsers(client: pg.Client, bars: Bars, text: ReturnType<typeof makeSeedText>): Promise<void> {
  await step(bars, "users, contacts, secrets", async () => {
    await client.query(`create temporary table seed_cities (n int primary key, name text, country text, lat float8, lng float8)
                          on commit drop`);
    await client.query(
      `insert into seed_cities select c.ordinality - 1, c.value ->> 'name', c.value ->> 'country',
                               (c.value ->> 'lat')::float8, (c.value ->> 'lng')::float8
                          from jsonb_array_elements($1::jsonb) with ordinality c`,
      [JSON.stringify(CITIES)]
    );
    // Who each user is: kind, status and verification in the proportions of a young marketplace.
    await client.query(
      `
      create temporary table seed_users on commit drop as
      select n, gen_random_uuid() as id, f.first_name, f.last_name, r.kind, r.status,
             case when r.status = 'pending' then 'unverified'
                  when r.v < 0.25 then 'email_verified' when r.v < 0.60 then 'phone_verified'
                  when r.v < 0.85 then 'id_verified' else 'fully_verified' end::app_public.verification_level as level,
             now() - (100 + random() * 600) * interval '1 day' as created_at
        from unnest($1::text[], $2::text[]) with ordinality f(first_name, last_name, n)
       cross join lateral (select case when random() < 0.30 then 'customer' when random() < 0.36 then 'traveler'
                                       else 'both' end::app_public.user_type as kind,
                                  case when random() < 0.96 then 'active' when random() < 0.75 then 'pending'
                                       else 'suspended' end::app_public.user_status as status,
                                  random() as v, f.n as dummy) r`,
      [text.firstNames, text.lastNames]
    );
    await client.query("create index on seed_users (n)");
    await client.query(
      `
      insert into app_public.users (id, first_name, display_name, user_type, status, verification_level, created_at,
                                    updated_at, bio, suspended_until)
      select id, first_name, app_hidden.display_name(first_name, last_name), kind, status, level, created_at, created_at,
             case when random() < 0.4 then ${pick("$1")} end, case when status = 'suspended' then now() + interval '7 days' end
        from seed_users`,
      [text.bios]
    );
    await client.query(`
      insert into app_public.user_contacts (user_id, email, email_verified_at, last_name, phone_number, phone_verified_at,
                                            date_of_birth, terms_accepted_at, referral_code, created_at, updated_at)
      select id,
             regexp_replace(lower(first_name || '.' || last_name), '[^a-z0-9.]', '', 'g') || '.' || n || '@${SEED_EMAIL_DOMAIN}',
             case when level <> 'unverified' then created_at + interval '1 hour' end, last_name,
             case when level >= 'phone_verified' then '+49151' || lpad(n::text, 7, '0') end,
             case when level >= 'phone_verified' then created_at + interval '1 day' end,
             date '1960-01-01' + (random() * 14000)::int, created_at, upper(left(md5(id::text), 12)), created_at, created_at
        from seed_users`);
    await client.query(
      `insert into app_private.user_secrets (user_id, password_hash)
                        select id, h.hash from seed_users, (select crypt($1, gen_salt('bf', 10)) as hash) h`,
      [SEED_PASSWORD]
    );
    // One in ten keeps their statistics private.
    await client.query(`
      insert into app_public.user_preferences (user_id, privacy, created_at, updated_at)
      select id, jsonb_build_object('show_last_name', random() < 0.2, 'show_statistics', random() >= 0.1), created_at, created_at
        from seed_users`);
    // is_public mirrors the preference for active accounts (what the statistics-visibility triggers keep).
    await client.query(`
      insert into app_public.user_statistics (user_id, is_public)
      select u.id, (p.privacy ->> 'show_statistics')::boolean and u.status = 'active'
        from seed_users u join app_public.user_preferences p on p.user_id = u.id`);
    // Travelers publish trips (email verified, active); customers post requests.
    await client.query(`create temporary table seed_travelers on commit drop as
                        select row_number() over (order by n) as k, id from seed_users
                         where kind in ('traveler', 'both') and status = 'active' and level >= 'email_verified'`);
    await client.query(`create temporary table seed_customers on commit drop as
                        select row_number() over (order by n) as k, id from seed_users
                         where kind in ('customer', 'both') and status = 'active'`);
    await client.query("create index on seed_travelers (k)");
    await client.query("create index on seed_customers (k)");
  });
}

/**
 * Trips departing from 90 days ago to 60 days ahead: past ones completed (some cancelled), those under way active,
 * future ones upcoming (a few delayed or cancelled). Long routes fly.
 */
async function seedTrips(
  client: pg.Client,
  bars: Bars,
  trips: number,
  text: ReturnType<typeof makeSeedText>
): Promise<void> {
  await client.query(`create temporary table seed_trips (id uuid primary key, o int, d int, traveler_id uuid,
                        departure timestamptz, arrival timestamptz, status app_public.trip_status, visibility text,
                        currency text, capacity_weight numeric(6,2), capacity_volume numeric(6,2), capacity_items int)
                      on commit drop`);
  const {
    rows: [{ travelers }],
  } = await client.query<{ travelers: number }>("select count(*)::int as travelers from seed_travelers");
  await inBatches(bars, "trips", trips, (_offset, count) =>
    client.query(
      `
    with pick as (
      select gen_random_uuid() as id, ${skewedCity} as o, ${skewedCity} as d0, 1 + floor(random() * $2)::int as tk,
             now() + (random() * 150 - 90) * interval '1 day' as departure, random() as r_type, random() as r_status,
             random() as r_visibility
        from generate_series(1, $1)
    ), placed as (
      select p.*, oc.name as oname, oc.country as ocountry, dc.name as dname, ${jitter("oc")} as origin,
             ${jitter("dc")} as destination,
             public.st_distance(public.st_makepoint(oc.lng, oc.lat)::public.geography,
                                public.st_makepoint(dc.lng, dc.lat)::public.geography) as metres,
             (case when p.d0 = p.o then (p.d0 + 1) % ${CITIES.length} else p.d0 end) as d
        from pick p join seed_cities oc on oc.n = p.o
        join seed_cities dc on dc.n = case when p.d0 = p.o then (p.d0 + 1) % ${CITIES.length} else p.d0 end
    ), typed as (
      select p.*, case when p.metres > 1500000 then 'flight'
                       when p.r_type < 0.55 then 'car' when p.r_type < 0.78 then 'train'
                       when p.r_type < 0.90 and p.metres > 300000 then 'flight' when p.r_type < 0.96 then 'bus'
                       else 'other' end::app_public.trip_type as trip_type
        from placed p
    ), timed as (
      select t.*, t.departure + case t.trip_type when 'flight' then interval '2 hours' + make_interval(secs => t.metres / 230)
                                                 when 'train' then interval '30 minutes' + make_interval(secs => t.metres / 30)
                                                 when 'bus' then interval '30 minutes' + make_interval(secs => t.metres / 18)
                                                 else interval '30 minutes' + make_interval(secs => t.metres / 22) end as arrival
        from typed t
    ), stated as (
      select t.*, case when t.arrival < now() then case when t.r_status < 0.92 then 'completed' else 'cancelled' end
                       when t.departure < now() then 'active'
                       when t.r_status < 0.93 then 'upcoming' when t.r_status < 0.95 then 'delayed'
                       else 'cancelled' end::app_public.trip_status as status,
             case when t.r_visibility < 0.9 then 'public' when t.r_visibility < 0.95 then 'private'
                  else 'friends_only' end as visibility,
             case when t.trip_type = 'flight' then round((5 + random() * 18)::numeric, 2)
                  else round((10 + random() * 60)::numeric, 2) end as capacity_weight,
             case when t.trip_type = 'flight' then round((40 + random() * 60)::numeric, 2)
                  else round((40 + random() * 200)::numeric, 2) end as capacity_volume,
             2 + floor(random() * 18)::int as capacity_items
        from timed t
    ), stored as (
      insert into seed_trips
      select s.id, s.o, s.d, tr.id, s.departure, s.arrival, s.status, s.visibility, ${currencyOf("s.ocountry")},
             s.capacity_weight, s.capacity_volume, s.capacity_items
        from stated s join seed_travelers tr on tr.k = s.tk
    )
    insert into app_public.trips (id, traveler_id, title, description, trip_type, status, origin_address, origin_point,
      destination_address, destination_point, departure_time, arrival_time, capacity_weight_kg, available_weight_kg,
      capacity_volume_l, available_volume_l, capacity_items, available_items, currency, base_price, price_per_kg,
      price_per_km, no_fragile, no_electronics, visibility, cancellation_reason, cancelled_by, cancelled_at, started_at,
      completed_at, created_at, updated_at)
    select s.id, tr.id, s.oname || ' to ' || s.dname, case when random() < 0.4 then ${pick("$3")} end, s.trip_type, s.status,
           ${pick("$4")} || ', ' || s.oname, s.origin, ${pick("$4")} || ', ' || s.dname, s.destination, s.departure,
           s.arrival, s.capacity_weight, s.capacity_weight, s.capacity_volume, s.capacity_volume, s.capacity_items,
           s.capacity_items, ${currencyOf("s.ocountry")}, 300 + floor(random() * 2200)::int, floor(random() * 300)::int,
           floor(random() * 5)::int, random() < 0.1, random() < 0.1, s.visibility::app_public.trip_visibility,
           case when s.status = 'cancelled' then (array['personal_emergency', 'schedule_change', 'weather', 'other'])[1 + floor(random() * 4)::int]::app_public.trip_cancel_reason end,
           case when s.status = 'cancelled' then tr.id end,
           case when s.status = 'cancelled' then least(now(), s.departure) - random() * interval '2 days' end,
           case when s.status in ('active', 'completed') then s.departure end,
           case when s.status = 'completed' then s.arrival end,
           least(now(), s.departure) - (1 + random() * 20) * interval '1 day',
           least(now(), s.departure) - random() * interval '1 day'
      from stated s join seed_travelers tr on tr.k = s.tk`,
      [count, travelers, text.tripNotes, text.streets]
    )
  );
  await client.query("analyze seed_trips");
}

/** Request columns shared by carried and open requests: $-parameters 1 (items) and 2 (streets), 3 (descriptions). */
const REQUEST_COLUMNS = `id, customer_id, title, description, category, status, item_name, quantity, weight_kg, length_cm,
  width_cm, height_cm, declared_value, currency, is_fragile, pickup_address, pickup_point, pickup_city, pickup_country,
  delivery_address, delivery_point, delivery_city, delivery_country, pickup_window_start, pickup_window_end, max_price,
  estimated_price, expires_at, cancellation_reason, cancelled_at, created_at, updated_at`;

/**
 * Requests that were carried: built from a sample of trips that went (or will go) ahead, each on a trip of its own
 * route, within its capacity. Each gets its accepted offer (version 1, the traveler's proposal), its delivery in
 * the status the trip's dates imply, the capacity reservation and the status history.
 */
async function seedCarriedRequests(
  client: pg.Client,
  bars: Bars,
  carried: number,
  text: ReturnType<typeof makeSeedText>
): Promise<void> {
  const {
    rows: [{ customers }],
  } = await client.query<{ customers: number }>("select count(*)::int as customers from seed_customers");
  await step(bars, "carried requests: sample", () =>
    client.query(
      `
    create temporary table seed_deals on commit drop as
    select sample.*, row_number() over () as batch_row, gen_random_uuid() as request_id, gen_random_uuid() as offer_id,
           gen_random_uuid() as delivery_id,
           1 + floor(random() * $2)::int as ck, 1 + floor(random() * 2)::int as quantity, random() as r_outcome,
           sample.departure - (1 + random() * 5) * interval '1 day' as accepted_at
      from (select t.* from seed_trips t where t.status <> 'cancelled' and t.visibility = 'public'
             order by random() limit $1) sample`,
      [carried, customers]
    )
  );
  await client.query("create index on seed_deals (batch_row)");
  await step(bars, "carried requests: parties", async () => {
    // The customer: a random one, the next one when that is the traveler.
    await client.query(`alter table seed_deals add column customer_id uuid, add column delivery_status app_public.delivery_status,
                          add column weight_kg numeric(7,3), add column price bigint`);
    await client.query(`
      update seed_deals d set customer_id = case when c.id = d.traveler_id then c2.id else c.id end,
             delivery_status = case when d.status in ('upcoming', 'delayed') then
                                      case when d.r_outcome < 0.7 then 'accepted' else 'pickup_scheduled' end
                                    when d.status = 'active' then 'in_transit'
                                    when d.r_outcome < 0.94 then 'delivered' else 'cancelled' end::app_public.delivery_status,
             weight_kg = round(least(0.2 + random() * 8, d.capacity_weight * 0.8 / d.quantity)::numeric, 2),
             price = 400 + floor(random() * 4600)::int
        from seed_customers c, seed_customers c2
       where c.k = d.ck and c2.k = 1 + d.ck % (select count(*) from seed_customers)`);
  });
  await inBatches(bars, "carried requests", carried, (offset, count) =>
    client.query(
      `
    with batch as (select * from seed_deals where batch_row > $4 and batch_row <= $4 + $5)
    insert into app_public.delivery_requests (${REQUEST_COLUMNS})
    select d.request_id, d.customer_id, left(i.item, 200) || ' to ' || dc.name, case when random() < 0.3 then ${pick("$3")} end,
           (array['documents', 'electronics', 'clothing', 'food', 'books', 'gifts', 'other'])[1 + floor(random() * 7)::int]::app_public.item_category,
           case d.delivery_status when 'delivered' then 'delivered' when 'in_transit' then 'in_transit'
                when 'cancelled' then 'expired' else 'accepted' end::app_public.delivery_request_status,
           i.item, d.quantity, d.weight_kg, dim.l, dim.w, dim.h, floor(random() * 30000)::int, d.currency, random() < 0.12,
           ${pick("$2")} || ', ' || oc.name, ${jitter("oc")}, oc.name, oc.country,
           ${pick("$2")} || ', ' || dc.name, ${jitter("dc")}, dc.name, dc.country,
           d.departure - w.before, d.departure - w.before + w.span, least(100000, d.price + floor(random() * 3000)::int),
           d.price, greatest(d.departure, now()) + interval '7 days', null, null,
           d.accepted_at - (0.5 + random() * 5) * interval '1 day', d.accepted_at
      from batch d
      join seed_cities oc on oc.n = d.o join seed_cities dc on dc.n = d.d
     cross join lateral (select ${pick("$1")} as item, d.request_id as dummy) i
     cross join lateral (select random() * interval '6 hours' as before, (6 + random() * 18) * interval '1 hour' as span,
                                d.request_id as dummy) w
     cross join lateral (select case when random() < 0.4 then round((5 + random() * 20)::numeric, 1) end as l,
                                d.request_id as dummy) dl
     cross join lateral (select dl.l, case when dl.l is not null then round((5 + random() * 20)::numeric, 1) end as w,
                                case when dl.l is not null then round((5 + random() * 20)::numeric, 1) end as h) dim`,
      [text.items, text.streets, text.itemDescriptions, offset, count]
    )
  );
  await step(bars, "offers, deliveries, history", async () => {
    await client.query(`
      insert into app_public.delivery_offers (id, request_id, customer_id, traveler_id, trip_id, initiated_by, status,
        current_version, awaiting_party, price, currency, valid_until, terms_hash, closed_by, closed_at, accepted_at,
        created_at, updated_at)
      select d.offer_id, d.request_id, d.customer_id, d.traveler_id, d.id, 'traveler',
             case when d.delivery_status = 'cancelled' then 'cancelled' else 'accepted' end::app_public.offer_status, 1,
             'customer', d.price, d.currency, d.accepted_at + interval '1 day', public.digest(d.offer_id::text, 'sha256'),
             d.customer_id, d.accepted_at, d.accepted_at, d.accepted_at - interval '6 hours', d.accepted_at
        from seed_deals d`);
    await client.query(`
      insert into app_public.offer_versions (offer_id, version, proposed_by, proposed_by_user_id, price, valid_until, created_at)
      select d.offer_id, 1, 'traveler', d.traveler_id, d.price, d.accepted_at + interval '1 day', d.accepted_at - interval '6 hours'
        from seed_deals d`);
    await client.query(`
      insert into app_public.deliveries (id, request_id, offer_id, customer_id, traveler_id, trip_id, status, final_price,
        platform_fee, currency, terms_hash, accepted_at, pickup_scheduled_at, picked_up_at, in_transit_at, delivered_at,
        receipt_confirmed_at, cancelled_at, cancellation_reason, cancelled_by, created_at, updated_at)
      select d.delivery_id, d.request_id, d.offer_id, d.customer_id, d.traveler_id, d.id, d.delivery_status, d.price,
             round(d.price * 0.10)::bigint, d.currency, public.digest(d.offer_id::text, 'sha256'), d.accepted_at,
             case when d.delivery_status = 'pickup_scheduled' then d.accepted_at + interval '2 hours' end,
             case when d.delivery_status in ('in_transit', 'delivered') then d.departure end,
             case when d.delivery_status in ('in_transit', 'delivered') then d.departure + interval '5 minutes' end,
             case when d.delivery_status = 'delivered' then d.arrival end,
             case when d.delivery_status = 'delivered' and d.r_outcome < 0.8 then d.arrival + interval '3 hours' end,
             case when d.delivery_status = 'cancelled' then d.departure - interval '12 hours' end,
             case when d.delivery_status = 'cancelled' then 'schedule_changed'::app_public.delivery_cancel_reason end,
             case when d.delivery_status = 'cancelled' then d.customer_id end,
             d.accepted_at, d.accepted_at
        from seed_deals d`);
    await client.query(`
      insert into app_public.trip_capacity_reservations (trip_id, delivery_id, weight_kg, volume_l, items, status, created_at, updated_at)
      select d.id, d.delivery_id, round(r.total_weight, 2), round(r.total_volume_l, 2), r.quantity,
             case d.delivery_status when 'delivered' then 'consumed' when 'cancelled' then 'released'
                  else 'reserved' end::app_public.trip_reservation_status, d.accepted_at, d.accepted_at
        from seed_deals d join app_public.delivery_requests r on r.id = d.request_id`);
    // The path each status took: accepted first, then the steps up to where it stands.
    await client.query(`
      insert into app_public.delivery_status_history (delivery_id, from_status, to_status, changed_by, source, created_at)
      select d.delivery_id, lag(s.status) over (partition by d.delivery_id order by s.step), s.status,
             case when s.status = 'accepted' then d.customer_id when s.status = 'cancelled' then d.customer_id
                  else d.traveler_id end,
             -- pickup and drop-off are reached only by a handover (docs/handover.md): recorded as scans
             case when s.status in ('picked_up', 'delivered') then 'qr_scan' else 'user' end::app_public.transition_source,
             d.accepted_at + (s.step - 1) * interval '1 minute'
        from seed_deals d
       cross join lateral unnest(case d.delivery_status
                                   when 'accepted' then array['accepted']
                                   when 'pickup_scheduled' then array['accepted', 'pickup_scheduled']
                                   when 'in_transit' then array['accepted', 'picked_up', 'in_transit']
                                   when 'delivered' then array['accepted', 'picked_up', 'in_transit', 'delivered']
                                   else array['accepted', 'cancelled'] end::app_public.delivery_status[])
             with ordinality s(status, step)`);
  });
}

/**
 * Requests nobody carried: random routes and pickup windows from 90 days ago to 60 days ahead. Past ones expired (or
 * were cancelled); future ones are pending until seedPendingOffers gives some of them offers.
 */
async function seedOpenRequests(
  client: pg.Client,
  bars: Bars,
  open: number,
  text: ReturnType<typeof makeSeedText>
): Promise<void> {
  const {
    rows: [{ customers }],
  } = await client.query<{ customers: number }>("select count(*)::int as customers from seed_customers");
  await inBatches(bars, "open requests", open, (_offset, count) =>
    client.query(
      `
    with pick as (
      select gen_random_uuid() as id, ${skewedCity} as o, ${skewedCity} as d0, 1 + floor(random() * $4)::int as ck,
             now() + (random() * 150 - 90) * interval '1 day' as window_start, (4 + random() * 44) * interval '1 hour' as span,
             random() as r_status, 1 + floor(random() * 3)::int as quantity
        from generate_series(1, $5)
    )
    insert into app_public.delivery_requests (${REQUEST_COLUMNS})
    select p.id, c.id, left(i.item, 200) || ' to ' || dc.name, case when random() < 0.3 then ${pick("$3")} end,
           (array['documents', 'electronics', 'clothing', 'food', 'books', 'gifts', 'other'])[1 + floor(random() * 7)::int]::app_public.item_category,
           case when p.window_start + p.span > now() then 'pending' when p.r_status < 0.85 then 'expired'
                else 'cancelled' end::app_public.delivery_request_status,
           i.item, p.quantity, round((0.2 + random() * 8)::numeric, 2), dim.l, dim.w, dim.h, floor(random() * 30000)::int,
           ${currencyOf("oc.country")}, random() < 0.12,
           ${pick("$2")} || ', ' || oc.name, ${jitter("oc")}, oc.name, oc.country,
           ${pick("$2")} || ', ' || dc.name, ${jitter("dc")}, dc.name, dc.country,
           p.window_start, p.window_start + p.span, m.max_price, greatest(100, m.max_price - floor(random() * 1500)::int),
           p.window_start + p.span,
           case when p.window_start + p.span <= now() and p.r_status >= 0.85 then 'no_longer_needed'::app_public.request_cancel_reason end,
           case when p.window_start + p.span <= now() and p.r_status >= 0.85 then p.window_start - interval '1 day' end,
           p.window_start - (1 + random() * 10) * interval '1 day', p.window_start - (1 + random() * 10) * interval '1 day'
      from pick p
      join seed_cities oc on oc.n = p.o
      join seed_cities dc on dc.n = case when p.d0 = p.o then (p.d0 + 1) % ${CITIES.length} else p.d0 end
      join seed_customers c on c.k = p.ck
     cross join lateral (select ${pick("$1")} as item, p.id as dummy) i
     cross join lateral (select 500 + floor(random() * 9500)::int as max_price, p.id as dummy) m
     cross join lateral (select case when random() < 0.4 then round((5 + random() * 35)::numeric, 1) end as l,
                                p.id as dummy) dl
     cross join lateral (select dl.l, case when dl.l is not null then round((5 + random() * 35)::numeric, 1) end as w,
                                case when dl.l is not null then round((5 + random() * 35)::numeric, 1) end as h) dim`,
      [text.items, text.streets, text.itemDescriptions, customers, count]
    )
  );
}

/** Two in five open future requests have a pending offer (from a traveler on a trip of the same route). */
async function seedPendingOffers(client: pg.Client, bars: Bars): Promise<void> {
  await step(bars, "pending offers", async () => {
    await client.query(`
      create temporary table seed_route_trips on commit drop as
      select t.o, t.d, row_number() over (partition by t.o, t.d order by t.id) as k, t.id, t.traveler_id, t.currency
        from seed_trips t
       where t.status = 'upcoming' and t.visibility = 'public' and t.departure > now()`);
    await client.query("create index on seed_route_trips (o, d, k)");
    await client.query(`
      with open as (
        select r.id, r.customer_id, r.currency, r.max_price, r.expires_at, oc.n as o, dc.n as d
          from app_public.delivery_requests r
          join seed_cities oc on oc.name = r.pickup_city join seed_cities dc on dc.name = r.delivery_city
         where r.status = 'pending' and r.pickup_window_start > now() and random() < 0.4
      ), routes as (
        select o, d, count(*) as trips from seed_route_trips group by o, d
      ), chosen as (
        select distinct on (o.id) o.*, t.id as trip_id, t.traveler_id
          from open o join routes rt on rt.o = o.o and rt.d = o.d
          join seed_route_trips t on t.o = o.o and t.d = o.d and t.k = 1 + floor(random() * rt.trips)::int
         where t.traveler_id <> o.customer_id
      ), offered as (
        insert into app_public.delivery_offers (request_id, customer_id, traveler_id, trip_id, initiated_by, status,
          current_version, awaiting_party, price, currency, valid_until, created_at, updated_at)
        select c.id, c.customer_id, c.traveler_id, c.trip_id, 'traveler', 'pending', 1, 'customer',
               greatest(100, c.max_price - floor(random() * 400)::int), c.currency,
               least(c.expires_at, now() + interval '20 hours'), now() - interval '4 hours', now() - interval '4 hours'
          from chosen c
        returning id, traveler_id, price, valid_until, created_at
      )
      insert into app_public.offer_versions (offer_id, version, proposed_by, proposed_by_user_id, price, valid_until, created_at)
      select id, 1, 'traveler', traveler_id, price, valid_until, created_at from offered`);
    await client.query(`update app_public.delivery_requests r set status = 'matched'
                         where r.status = 'pending'
                           and exists (select 1 from app_public.delivery_offers o where o.request_id = r.id and o.status = 'pending')`);
  });
}

/** Delivered deliveries: the customer reviews the traveler three times in four, the traveler the customer in half. */
async function seedReviews(client: pg.Client, bars: Bars, text: ReturnType<typeof makeSeedText>): Promise<void> {
  await step(bars, "reviews", () =>
    client.query(
      `
    insert into app_public.reviews (delivery_id, reviewer_id, reviewee_id, reviewer_role, overall_rating,
      communication_rating, punctuality_rating, comment, is_anonymous, is_verified, created_at, updated_at)
    select d.id, p.reviewer, p.reviewee, p.role::app_public.offer_party, r.rating,
           greatest(1, r.rating - floor(random() * 2)::int), greatest(1, r.rating - floor(random() * 2)::int),
           case when random() < 0.5 then ${pick("$1")} end, random() < 0.05, true,
           d.delivered_at + random() * interval '3 days', d.delivered_at + random() * interval '3 days'
      from app_public.deliveries d
     cross join lateral (values (d.customer_id, d.traveler_id, 'customer', 0.75), (d.traveler_id, d.customer_id, 'traveler', 0.5))
           p(reviewer, reviewee, role, share)
     cross join lateral (select case when x < 0.55 then 5 when x < 0.85 then 4 when x < 0.94 then 3 when x < 0.98 then 2
                                     else 1 end as rating
                           from (select random() as x, d.id as dummy) z) r
     where d.status = 'delivered' and d.delivered_at < now() - interval '1 hour' and random() < p.share`,
      [text.reviewComments]
    )
  );
}

/** A few blocks (one user in forty) and favorites (one in ten), between random users. */
async function seedSocial(client: pg.Client, bars: Bars, users: number): Promise<void> {
  await step(bars, "blocks, favorites", async () => {
    await client.query(
      `
      insert into app_public.user_blocks (blocker_id, blocked_id, reason)
      select distinct on (a.id, b.id) a.id, b.id, 'other'
        from generate_series(1, greatest(1, $1 / 40)) g
        join seed_users a on a.n = 1 + floor(random() * $1)::int
        join seed_users b on b.n = 1 + floor(random() * $1)::int
       where a.id <> b.id
      on conflict do nothing`,
      [users]
    );
    await client.query(
      `
      insert into app_public.user_favorites (user_id, traveler_id)
      select distinct on (c.id, t.id) c.id, t.id
        from generate_series(1, greatest(1, $1 / 10)) g
        join seed_customers c on c.k = 1 + floor(random() * (select count(*) from seed_customers))::int
        join seed_travelers t on t.k = 1 + floor(random() * (select count(*) from seed_travelers))::int
       where c.id <> t.id
      on conflict do nothing`,
      [users]
    );
  });
}

/** What the triggers would have maintained: capacity left, statistics, ratings, earnings. */
async function deriveColumns(client: pg.Client, bars: Bars): Promise<void> {
  // Every offer thread has its conversation (docs/conversations.md), which the switched-off trigger would have opened.
  await step(bars, "conversations", () =>
    client.query(`
      insert into app_public.conversations (offer_id, delivery_id, customer_id, traveler_id, created_at)
      select o.id, d.id, o.customer_id, o.traveler_id, o.created_at
        from app_public.delivery_offers o left join app_public.deliveries d on d.offer_id = o.id
      on conflict (offer_id) do nothing`)
  );
  await step(bars, "capacity, statistics, earnings", async () => {
    await client.query(`
      update app_public.trips t
         set available_weight_kg = t.capacity_weight_kg - r.weight, available_volume_l = t.capacity_volume_l - r.volume,
             available_items = t.capacity_items - r.items
        from (select trip_id, sum(weight_kg) as weight, sum(volume_l) as volume, sum(items)::int as items
                from app_public.trip_capacity_reservations where status in ('reserved', 'consumed') group by trip_id) r
       where r.trip_id = t.id`);
    await client.query(`
      with ended as (
        select d.customer_id as user_id, false as as_traveler, d.status, d.cancelled_by = d.traveler_id as traveler_fault
          from app_public.deliveries d where d.status in ('delivered', 'cancelled')
        union all
        select d.traveler_id, true, d.status, d.cancelled_by = d.traveler_id
          from app_public.deliveries d where d.status in ('delivered', 'cancelled')
      ), per_user as (
        select user_id, count(*)::int as total, count(*) filter (where status = 'delivered')::int as successful,
               count(*) filter (where status = 'cancelled')::int as cancelled,
               count(*) filter (where as_traveler)::int as as_traveler,
               count(*) filter (where as_traveler and status = 'delivered')::int as successful_as_traveler,
               count(*) filter (where as_traveler and status = 'cancelled' and traveler_fault)::int as cancelled_as_traveler
          from ended group by user_id
      )
      update app_public.user_statistics s
         set total_deliveries = p.total, successful_deliveries = p.successful, cancelled_deliveries = p.cancelled,
             deliveries_as_traveler = p.as_traveler, successful_as_traveler = p.successful_as_traveler,
             cancelled_as_traveler = p.cancelled_as_traveler
        from per_user p where p.user_id = s.user_id`);
    await client.query(`
      update app_public.user_statistics s set total_trips = c.trips
        from (select traveler_id, count(*)::int as trips from app_public.trips where status = 'completed' group by traveler_id) c
       where c.traveler_id = s.user_id`);
    await client.query(`
      update app_public.user_statistics s set average_rating = r.average, total_ratings = r.ratings
        from (select reviewee_id, round(avg(overall_rating), 2) as average, count(*)::int as ratings
                from app_public.reviews where status = 'active' and moderation_status <> 'rejected' group by reviewee_id) r
       where r.reviewee_id = s.user_id`);
    await client.query(`
      insert into app_public.user_earnings (user_id, currency, total_earnings, total_spent)
      select user_id, currency, sum(earned), sum(spent)
        from (select traveler_id as user_id, currency, final_price as earned, 0 as spent
                from app_public.deliveries where status = 'delivered'
              union all
              select customer_id, currency, 0, final_price + platform_fee
                from app_public.deliveries where status = 'delivered') m
       group by user_id, currency`);
  });
}

async function countRows(client: pg.Client): Promise<SeedCounts> {
  const {
    rows: [counts],
  } = await client.query<SeedCounts>(`
    select (select count(*) from app_public.users)::int as users, (select count(*) from app_public.trips)::int as trips,
           (select count(*) from app_public.delivery_requests)::int as requests,
           (select count(*) from app_public.delivery_offers)::int as offers,
           (select count(*) from app_public.deliveries)::int as deliveries,
           (select count(*) from app_public.reviews)::int as reviews`);
  return counts!;
}
