// A marketplace large enough for the planner to prefer indexes (tens of thousands of rows per table), seeded in
// seconds by set operations as root, with triggers off for the transaction (session_replication_role = replica):
// the columns triggers maintain are written directly. Every user is a traveler and a customer; rows are spread over
// the users by fixed arithmetic, and one user, `me`, takes part in everything (trips, requests, offers and
// deliveries on both sides, reviews given and received, blocks both ways, weather, matches, a live delivery), as an
// active member of the platform would. For plan tests (test/db/plans.test.ts), not for behaviour: no test may rely
// on more than that.
import { asRoot, type TestDatabase } from "./database.ts";

export interface ScaleSizes {
  users: number;
  trips: number;
  requests: number;
  /** Offers pair request g with trip g; every other one is accepted and becomes a delivery. */
  offers: number;
}

export const PLAN_TEST_SIZES: ScaleSizes = { users: 20_000, trips: 40_000, requests: 30_000, offers: 20_000 };

/** The ids a plan test needs for realistic arguments: all of them visible to `me`. */
export interface ScaleFixture {
  me: string;
  /** An upcoming trip of mine, with offers and matches. */
  myTrip: string;
  /** An open request of mine, with offers and matches. */
  myRequest: string;
  /** A live (accepted) delivery I take part in. */
  myLiveDelivery: string;
  /** An accepted delivery of which `me` is the customer (the payer). */
  myPaidDelivery: string;
  /** A delivered delivery I take part in, with its handover codes, attempts and custody events. */
  myDeliveredDelivery: string;
  /** A conversation I take part in, with messages. */
  myConversation: string;
  /** A user who received reviews. */
  reviewedUser: string;
  /** The first name of another user, as someone searching for them would type it. */
  someonesName: string;
  /** Where most trips and requests start and end (city 0 and city 7 of the seed's grid), as [lng, lat]. */
  origin: [number, number];
  destination: [number, number];
}

/** City k of a 5 × 4 grid over Europe (0.5° of jitter around it at most), as SQL expressions for longitude, latitude. */
const city = (k: string) => ({ lng: `(2.0 + ((${k}) % 5) * 5.0)`, lat: `(44.0 + ((${k}) / 5) * 2.5)` });
const cityPoint = (k: string, jitter: string) =>
  `public.st_setsrid(public.st_makepoint(${city(k).lng} + ((${jitter}) % 50) / 100.0, ${city(k).lat} + ((${jitter}) % 37) / 100.0), 4326)::public.geography`;

/**
 * Seeds the database and returns the fixture. User n (1-based) of `seed_users`; `me` is user 1. Row g is assigned to
 * user `2 + (g * prime) % (users - 1)`, except every 400th or so, which is mine (trips at g ≡ 200 mod 400, requests
 * at g ≡ 0 mod 397: offers g then pair my requests with other travelers and my trips with other customers, and my
 * requests' windows fall on every day of the seeded range).
 */
export async function seedMarketplaceAtScale(db: TestDatabase, sizes: ScaleSizes = PLAN_TEST_SIZES): Promise<ScaleFixture> {
  const { users, trips, requests, offers } = sizes;
  const others = users - 1;
  const owner = (g: string, prime: number, mine: `${number} mod ${number}`) => {
    const [residue, modulus] = mine.split(" mod ");
    return `case when (${g}) % ${modulus} = ${residue} then 1 else 2 + ((${g})::bigint * ${prime}) % ${others} end`;
  };
  await asRoot(db, async (c) => {
    await c.query("begin");
    try {
      await c.query("set local session_replication_role = replica");
      await c.query(`create temporary table seed_users on commit drop as
                     select g as n, gen_random_uuid() as id from generate_series(1, ${users}) g`);
      await c.query("alter table seed_users add primary key (n)");
      await c.query(`
        insert into app_public.users (id, first_name, display_name, user_type, status, verification_level, created_at, updated_at)
        select id, initcap(left(translate(md5(n::text), '0123456789', 'ghijklmnop'), 7)),
               initcap(left(translate(md5(n::text), '0123456789', 'ghijklmnop'), 7)) || ' ' || chr(65 + n % 26) || '.', 'both',
               case when n % 97 = 0 then 'pending' when n % 89 = 0 then 'suspended' else 'active' end::app_public.user_status,
               'phone_verified', now() - n * interval '1 minute', now()
          from seed_users`);
      await c.query(`
        insert into app_public.user_contacts (user_id, email, email_verified_at, last_name, phone_number, phone_verified_at,
                                              referral_code, terms_accepted_at)
        select id, 'scale' || n || '@scale.example', now(), 'Member', '+4915' || lpad(n::text, 9, '0'), now(),
               upper(left(md5(id::text), 12)), now()
          from seed_users`);
      await c.query(`
        insert into app_public.user_preferences (user_id, privacy)
        select id, jsonb_build_object('show_last_name', false, 'show_statistics', n % 10 <> 0) from seed_users`);
      await c.query(`
        insert into app_public.notification_preferences (user_id, timezone, locale)
        select id, case when n % 3 = 0 then 'Europe/Paris' else 'UTC' end, case when n % 4 = 0 then 'fr' else 'en' end
          from seed_users`);
      await c.query(`
        insert into app_public.device_tokens (user_id, token, platform, last_used_at)
        select id, 'scale-device-' || n || '-' || k, (array['ios', 'android', 'web'])[1 + (n + k) % 3]::app_public.device_platform,
               now() - (n % 40) * interval '1 day'
          from seed_users, generate_series(1, 2) k where n % 2 = 0 or n = 1`);
      // Five in-app messages per user (this month's partition), the older ones read, and an email row for each.
      await c.query(`
        insert into app_public.notifications (user_id, template_id, template_version, channel, category, status, title, body,
                                              created_at, sent_at, read_at)
        select u.id, t.id, 1, ch::app_public.notification_type, t.category,
               case when k > 2 and ch = 'in_app' then 'read' else 'sent' end::app_public.notification_status,
               'A counter-offer is waiting for you', 'The price is now 12.00 EUR.',
               greatest(date_trunc('month', now()), now() - (u.n % 500 + k) * interval '1 minute'), now(),
               case when k > 2 and ch = 'in_app' then now() end
          from seed_users u, generate_series(1, 5) k, unnest(array['in_app', 'email']) ch,
               (select id, category from app_public.notification_templates where name = 'offer_countered') t`);
      // A few partner webhooks, each sent an event per user (webhook deliveries are the large table).
      await c.query(`
        with w as (insert into app_public.notification_webhooks (url, events)
                   select 'https://partner' || k || '.example/p2p', '{user.verified}' from generate_series(1, 3) k returning id)
        insert into app_public.webhook_deliveries (webhook_id, event_id, event_type, payload, status, attempts, created_at)
        select w.id, u.id, 'user.verified', jsonb_build_object('id', u.id), 'succeeded', 1, now() - u.n * interval '1 minute'
          from w, seed_users u`);
      await c.query(`
        insert into app_public.user_statistics (user_id, is_public, total_ratings, average_rating)
        select id, n % 10 <> 0 and n % 97 <> 0 and n % 89 <> 0, n % 4, case when n % 4 > 0 then 3 + (n % 3) end
          from seed_users`);
      await c.query(`
        insert into app_public.user_addresses (user_id, street, city, country, point, is_default)
        select id, n || ' Main Street', 'Grid city', 'DE', ${cityPoint("n % 20", "n")}, true from seed_users`);
      await c.query(`insert into app_public.user_earnings (user_id, currency, total_earnings, total_spent)
                     select id, 'EUR', n * 10, n * 5 from seed_users where n % 3 = 0 or n = 1`);
      await c.query(`insert into app_public.files (owner_id, purpose, content_type, byte_size, sha256, status, upload_expires_at, ready_at)
                     select id, (array['avatar', 'item_photo', 'verification_document'])[1 + (n + k) % 3]::app_public.file_purpose,
                            'image/jpeg', 1000 + n, md5(n::text) || md5(k::text), 'ready', now(), now()
                       from seed_users, generate_series(1, 2) k`);
      await c.query(`insert into app_public.user_verification_documents (user_id, document_type, front_image_id)
                     select distinct on (f.owner_id) f.owner_id, 'utility_bill', f.id
                       from app_public.files f join seed_users u on u.id = f.owner_id
                      where f.purpose = 'verification_document' and (u.n % 5 = 0 or u.n = 1)
                      order by f.owner_id, f.id`);
      await c.query(`insert into app_private.sessions (user_id, expires_at, last_active_at)
                     select id, now() + interval '1 day', now() - n * interval '1 second' from seed_users`);

      // Trips: every 6 hours from 25 days ago to 35 days ahead; past ones completed; one in 20 private, one in 20
      // friends_only.
      await c.query(`
        create temporary table seed_trips on commit drop as
        select g, gen_random_uuid() as id, u.id as traveler_id,
               now() + ((g % 240) - 100) * interval '6 hours' + (g % 60) * interval '1 minute' as departure,
               g % 20 as o, case when (g * 7 + 3) % 20 = g % 20 then (g + 1) % 20 else (g * 7 + 3) % 20 end as d
          from generate_series(1, ${trips}) g
          join seed_users u on u.n = ${owner("g", 7919, "200 mod 400")}`);
      await c.query("alter table seed_trips add primary key (g)");
      await c.query(`
        insert into app_public.trips (id, traveler_id, title, trip_type, status, origin_address, origin_point,
          destination_address, destination_point, departure_time, arrival_time, capacity_weight_kg, available_weight_kg,
          capacity_volume_l, available_volume_l, capacity_items, available_items, currency, base_price, price_per_kg,
          visibility, started_at, completed_at, created_at, updated_at)
        select id, traveler_id, 'Trip ' || g || ' from city ' || o || ' to city ' || d, 'car',
               case when departure < now() then 'completed' else 'upcoming' end::app_public.trip_status,
               'Square ' || g, ${cityPoint("o", "g")}, 'Station ' || g, ${cityPoint("d", "g * 3")},
               departure, departure + interval '6 hours', 20, 20, 100, 100, 5, 5, 'EUR', 1000, 200,
               case g % 20 when 0 then 'private' when 1 then 'friends_only' else 'public' end::app_public.trip_visibility,
               case when departure < now() then departure end, case when departure < now() then departure + interval '6 hours' end,
               least(now(), departure) - interval '3 days', least(now(), departure) - interval '3 days'
          from seed_trips`);

      // Requests: pickup windows every 6 hours from 20 days ago to 30 days ahead; expired once past.
      await c.query(`
        create temporary table seed_requests on commit drop as
        select g, gen_random_uuid() as id, u.id as customer_id,
               now() + ((g % 200) - 80) * interval '6 hours' + (g % 45) * interval '1 minute' as window_start,
               g % 20 as o, case when (g * 7 + 3) % 20 = g % 20 then (g + 1) % 20 else (g * 7 + 3) % 20 end as d
          from generate_series(1, ${requests}) g
          join seed_users u on u.n = ${owner("g", 104729, "0 mod 397")}`);
      await c.query("alter table seed_requests add primary key (g)");
      await c.query(`
        insert into app_public.delivery_requests (id, customer_id, title, category, status, item_name, quantity, weight_kg,
          currency, pickup_address, pickup_point, pickup_city, pickup_country, delivery_address, delivery_point,
          delivery_city, delivery_country, pickup_window_start, pickup_window_end, max_price, estimated_price, expires_at,
          created_at, updated_at)
        select id, customer_id, 'Parcel ' || g, 'other',
               case when window_start + interval '2 days' < now() then 'expired' else 'pending' end::app_public.delivery_request_status,
               'Box', 1, 1 + g % 5, 'EUR', 'Street ' || g, ${cityPoint("o", "g * 5")}, 'City ' || o, 'DE',
               'Avenue ' || g, ${cityPoint("d", "g * 11")}, 'City ' || d, 'DE', window_start,
               window_start + interval '12 hours', 5000, 3000, window_start + interval '2 days',
               least(now(), window_start) - interval '3 days', least(now(), window_start) - interval '3 days'
          from seed_requests`);

      // Offers: request g on trip g (another party); even ones accepted, and a delivery each: delivered when g / 2
      // is a multiple of 3, else live (accepted).
      await c.query(`
        create temporary table seed_offers on commit drop as
        select r.g, gen_random_uuid() as id, gen_random_uuid() as delivery_id, r.id as request_id, r.customer_id,
               t.id as trip_id, t.traveler_id, r.g % 2 = 0 as accepted, r.g % 2 = 0 and (r.g / 2) % 3 = 0 as delivered
          from seed_requests r join seed_trips t on t.g = r.g
         where r.g <= ${offers} and r.customer_id <> t.traveler_id`);
      await c.query(`
        insert into app_public.delivery_offers (id, request_id, customer_id, traveler_id, trip_id, initiated_by, status,
          current_version, awaiting_party, price, currency, valid_until, terms_hash, closed_by, closed_at, accepted_at,
          created_at, updated_at)
        select id, request_id, customer_id, traveler_id, trip_id, 'traveler',
               case when accepted then 'accepted' else 'pending' end::app_public.offer_status, 1, 'customer', 3000, 'EUR',
               now() + interval '1 day', case when accepted then public.digest(id::text, 'sha256') end,
               case when accepted then customer_id end, case when accepted then now() - interval '1 day' end,
               case when accepted then now() - interval '1 day' end,
               now() - interval '2 days' - (g % 997) * interval '1 minute', now() - interval '1 day'
          from seed_offers`);
      await c.query(`
        insert into app_public.offer_versions (offer_id, version, proposed_by, proposed_by_user_id, price, valid_until)
        select id, 1, 'traveler', traveler_id, 3000, now() + interval '1 day' from seed_offers`);
      await c.query(`
        insert into app_public.deliveries (id, request_id, offer_id, customer_id, traveler_id, trip_id, delivery_number,
          status, final_price, platform_fee, currency, terms_hash, accepted_at, picked_up_at, delivered_at, created_at,
          updated_at)
        select delivery_id, request_id, id, customer_id, traveler_id, trip_id, 'DEL-' || lpad(g::text, 8, '0'),
               case when delivered then 'delivered' else 'accepted' end::app_public.delivery_status, 3000, 300, 'EUR',
               public.digest(id::text, 'sha256'), now() - interval '1 day',
               case when delivered then now() - interval '20 hours' end, case when delivered then now() - interval '10 hours' end,
               now() - interval '1 day' - (g % 991) * interval '1 minute', now() - interval '10 hours'
          from seed_offers where accepted`);
      await c.query(`
        insert into app_public.trip_capacity_reservations (trip_id, delivery_id, weight_kg, volume_l, items, status)
        select trip_id, delivery_id, 1, 1, 1, case when delivered then 'consumed' else 'reserved' end::app_public.trip_reservation_status
          from seed_offers where accepted`);
      await c.query(`
        insert into app_public.delivery_status_history (delivery_id, from_status, to_status, changed_by, source)
        select delivery_id, null::app_public.delivery_status, 'accepted'::app_public.delivery_status, customer_id,
               'user'::app_public.transition_source from seed_offers where accepted
        union all
        select delivery_id, 'accepted', 'delivered', traveler_id, 'user' from seed_offers where delivered`);
      await c.query(`
        insert into app_public.reviews (delivery_id, reviewer_id, reviewee_id, reviewer_role, overall_rating, is_verified)
        select delivery_id, customer_id, traveler_id, 'customer'::app_public.offer_party, 4 + g % 2, true
          from seed_offers where delivered
        union all
        select delivery_id, traveler_id, customer_id, 'traveler', 5, true from seed_offers where delivered and g % 4 = 0`);
      // Payments: every delivery's payment and escrow (captured and held once delivered), a refund for some, and
      // a payout account (with payouts) for every traveler of the seed.
      await c.query(`
        insert into app_public.payment_intents (id, delivery_id, customer_id, traveler_id, traveler_amount, platform_fee,
          processing_fee, amount, currency, status, captured_amount, captured_at, idempotency_key, created_at)
        select delivery_id, delivery_id, customer_id, traveler_id, 3000, 300, 126, 3426, 'EUR',
               case when delivered then 'succeeded' else 'requires_capture' end::app_public.payment_status,
               case when delivered then 3426 else 0 end, case when delivered then now() - interval '20 hours' end,
               'pi-create:' || delivery_id, now() - interval '1 day' - (g % 991) * interval '1 minute'
          from seed_offers where accepted`);
      await c.query(`
        insert into app_public.escrow_accounts (payment_intent_id, delivery_id, customer_id, traveler_id, amount, currency,
          status, held_at, hold_until, created_at)
        select delivery_id, delivery_id, customer_id, traveler_id, 3000, 'EUR',
               case when delivered then 'held' else 'pending' end::app_public.escrow_status,
               case when delivered then now() - interval '20 hours' end, case when delivered then now() + interval '38 hours' end,
               now() - interval '1 day' - (g % 991) * interval '1 minute'
          from seed_offers where accepted`);
      await c.query(`
        insert into app_public.refunds (id, payment_intent_id, delivery_id, customer_id, traveler_id, amount, currency, reason,
          status, idempotency_key)
        select delivery_id, delivery_id, delivery_id, customer_id, traveler_id, 100, 'EUR', 'customer_request', 'succeeded',
               'refund:' || delivery_id
          from seed_offers where delivered`);
      // Disputes (docs/disputes.md): one per delivered delivery, every fourth resolved, each with a document of
      // evidence, a party-visible message and an internal note.
      await c.query(`
        insert into app_public.disputes (id, delivery_id, payment_intent_id, category, description, status, complainant_id,
          respondent_id, amount, currency, response_due_at, due_date, resolved_at, created_at)
        select delivery_id, delivery_id, delivery_id, 'item_damaged', 'Seeded dispute ' || g,
               case when g % 4 = 0 then 'resolved' else 'open' end::app_public.dispute_status, customer_id, traveler_id,
               500, 'EUR', now() + interval '1 day', now() + interval '9 days', case when g % 4 = 0 then now() end,
               now() - (g % 997) * interval '1 minute'
          from seed_offers where delivered`);
      await c.query(`
        insert into app_public.dispute_evidence (dispute_id, submitted_by, type, content, sha256)
        select s.id, null, 'document', '{}', repeat('0', 64) from app_public.disputes s`);
      await c.query(`
        insert into app_public.dispute_messages (dispute_id, author_id, body, is_internal)
        select s.id, s.complainant_id, 'What happened', false from app_public.disputes s
        union all
        select s.id, null, 'Internal note', true from app_public.disputes s`);
      await c.query(`
        insert into app_public.payout_accounts (user_id, status, payouts_enabled)
        select u.id, 'active', true from seed_users u where u.n % 2 = 1`);
      await c.query(`
        insert into app_public.payouts (user_id, payout_account_id, amount, fee, net, currency, status, created_at)
        select a.user_id, a.id, 1000 + k, 0, 1000 + k, 'EUR', 'paid', now() - k * interval '1 day'
          from app_public.payout_accounts a cross join generate_series(1, 2) k`);
      // Credits: two per user of the seed, one spent on a delivery where they were the customer; pricing factors
      // for many routes (a seed of finance's settings, several per route).
      await c.query(`
        insert into app_public.promotional_credits (user_id, type, amount, currency, expires_at, used_at, used_amount,
          used_for_delivery_id, payment_intent_id, created_at)
        select u.id, 'promotional', 500, 'EUR', now() + interval '300 days' + k * interval '1 day',
               case when k = 1 and o.delivery_id is not null then now() end, case when k = 1 and o.delivery_id is not null then 500 end,
               case when k = 1 then o.delivery_id end, case when k = 1 then o.delivery_id end, now() - k * interval '1 day'
          from seed_users u cross join generate_series(1, 2) k
          left join (select distinct on (customer_id) customer_id, delivery_id from seed_offers where accepted
                      order by customer_id, g) o on o.customer_id = u.id`);
      await c.query(`
        insert into app_public.pricing_factors (currency, route_hash, category, demand_multiplier, valid_from)
        select 'EUR', substr(h, 1, 3) || '-' || substr(h, 4, 3), (enum_range(null::app_public.item_category))[1 + k % 8], 1.2,
               now() - k * interval '1 day'
          from generate_series(1, 3000) k,
               lateral (select string_agg(substr('0123456789bcdefghjkmnpqrstuvwxyz', 1 + ((k * 7919 + i * 104729) % 32)::int, 1), '') as h
                          from generate_series(1, 6) i) x`);
      // Handover (docs/handover.md): a pickup code per delivery (used once delivered), a delivery code and two
      // custody events per delivered one (triggers are off here: numbered by hand, hashes left as zeros), an attempt per code, and a pending
      // emergency override on every other live delivery.
      await c.query(`
        insert into app_public.qr_codes (delivery_id, qr_type, key_id, status, expires_at, location_bound, issued_by,
          used_by, used_at)
        select delivery_id, t.qr_type, 'seedkey1', case when delivered then 'used' else 'active' end::app_public.qr_status,
               now() + interval '1 day', false, customer_id, case when delivered then traveler_id end,
               case when delivered then now() - interval '12 hours' end
          from seed_offers cross join (values ('pickup'::app_public.qr_type), ('delivery')) as t (qr_type)
         where accepted and (t.qr_type = 'pickup' or delivered)`);
      await c.query(`
        insert into app_public.qr_code_scans (qr_code_id, delivery_id, qr_type, scanner_id, method, result, reason,
          risk_score, created_at)
        select q.id, q.delivery_id, q.qr_type, d.traveler_id, 'qr',
               case when q.status = 'used' then 'success' else 'invalid_location' end::app_public.scan_result, 'seeded',
               0.1, now() - interval '12 hours'
          from app_public.qr_codes q join app_public.deliveries d on d.id = q.delivery_id`);
      await c.query(`
        insert into app_public.custody_events (delivery_id, seq, event, actor_id, method, scan_id, prev_hash, row_hash)
        select s.delivery_id, row_number() over (partition by s.delivery_id order by s.qr_type desc), case s.qr_type when 'pickup' then 'picked_up' else 'delivered' end::app_public.custody_event_type,
               s.scanner_id, 'qr', s.id, ('\\x' || repeat('00', 32))::bytea, ('\\x' || repeat('00', 32))::bytea
          from app_public.qr_code_scans s where s.result = 'success' order by s.delivery_id, s.qr_type`);
      await c.query(`
        insert into app_public.qr_emergency_overrides (delivery_id, qr_type, requester_id, reason, description, expires_at)
        select delivery_id, 'pickup', customer_id, 'technical_failure', 'The phone camera is broken', now() + interval '1 day'
          from seed_offers where accepted and not delivered and g % 4 = 0`);
      // Tracking (docs/tracking.md): the pickup and drop-off circles of every delivery (acceptance makes them; the
      // trigger is off here), 20 points of every accepted delivery over the last hour, an enter event per circle of
      // the delivered ones, an emergency on every delivery and a pending route per trip.
      await c.query(`
        insert into app_public.geofences (geofence_type, delivery_id, geometry_type, center, radius_m, dwell_threshold_s)
        select t.kind, d.id, 'circle', case t.kind when 'pickup' then r.pickup_point else r.delivery_point end, 100, 300
          from app_public.deliveries d join app_public.delivery_requests r on r.id = d.request_id
         cross join (values ('pickup'::app_public.geofence_type), ('delivery')) as t (kind)`);
      await c.query(`
        insert into app_private.location_tracking (recorded_at, delivery_id, user_id, point, accuracy_m, speed_kmh)
        select now() - k * interval '30 seconds', delivery_id, traveler_id,
               public.st_setsrid(public.st_makepoint(2.35 + k / 1000.0, 48.86), 4326)::public.geography, 10, 40
          from seed_offers cross join generate_series(1, 20) k where accepted`);
      await c.query(`
        insert into app_public.geofence_events (geofence_id, delivery_id, user_id, event, point, recorded_at)
        select g.id, g.delivery_id, d.traveler_id, 'enter', g.center, now() - interval '12 hours'
          from app_public.geofences g join app_public.deliveries d on d.id = g.delivery_id
         where d.status = 'delivered'`);
      await c.query(`
        insert into app_public.emergency_locations (delivery_id, user_id, emergency_type, severity, point, accuracy_m,
          poor_fix, emergency_number)
        select d.id, d.traveler_id, 'breakdown', 'low', public.st_setsrid(public.st_makepoint(2.35, 48.86), 4326)::public.geography,
               20, false, '112'
          from app_public.deliveries d`);
      await c.query(`
        insert into app_public.route_optimizations (trip_id, requested_by, expires_at)
        select id, traveler_id, now() + interval '4 hours' from app_public.trips`);
      await c.query(`
        insert into app_public.review_reports (review_id, reporter_id, reason)
        select v.id, u.id, 'spam'
          from (select id, reviewer_id, reviewee_id, row_number() over (order by id) as k from app_public.reviews) v
          join seed_users u on u.n = 1 + (v.k * 31) % ${users}
         where v.k % 2 = 0 and u.id not in (v.reviewer_id, v.reviewee_id)`);
      // Conversations: one per offer (as its trigger would open), carried to its delivery; four messages each, read
      // positions of both parties.
      await c.query(`
        insert into app_public.conversations (offer_id, delivery_id, customer_id, traveler_id, created_at)
        select id, case when accepted then delivery_id end, customer_id, traveler_id, now() - interval '2 days'
          from seed_offers`);
      await c.query(`
        insert into app_public.conversation_messages (conversation_id, author_id, body, created_at)
        select c.id, case when k % 2 = 0 then c.customer_id else c.traveler_id end, 'Message ' || k,
               c.created_at + k * interval '1 minute'
          from app_public.conversations c, generate_series(1, 4) k`);
      await c.query(`
        insert into app_public.conversation_reads (conversation_id, user_id, last_read_at)
        select c.id, p.user_id, c.created_at + interval '2 minutes'
          from app_public.conversations c, lateral (values (c.customer_id), (c.traveler_id)) p (user_id)`);
      await c.query(`
        update app_public.conversations c set last_message_at = c.created_at + interval '4 minutes'`);
      await c.query(`
        insert into app_public.conversation_message_reports (message_id, reporter_id, reason)
        select m.id, c.customer_id, 'spam'
          from seed_offers o
          join app_public.conversations c on c.offer_id = o.id
          join app_public.conversation_messages m on m.conversation_id = c.id and m.author_id = c.traveler_id
         where o.g % 10 = 0`);
      await c.query(`
        insert into app_public.request_matches (request_id, trip_id, score, detour_km, quoted_price, factors)
        select r.id, t.id, 0.5, 1, 1000, '{}'
          from seed_requests r
          join seed_trips t on t.g in (r.g % ${trips} + 1, (r.g * 3) % ${trips} + 2)
         where r.customer_id <> t.traveler_id
        on conflict do nothing`);
      await c.query(`
        insert into app_public.trip_weather (trip_id, weather, alerts, provider, fetched_at, expires_at)
        select id, '{}', '[]', 'offline', now() - (g % 180) * interval '1 minute',
               now() + interval '3 hours' - (g % 180) * interval '1 minute'
          from seed_trips where departure > now()`);
      // The admin tables (docs/admin.md): an audit trail, configuration history and the moderation queue, all far
      // larger than any admin reads at once (the audit's entries by the system: admin_id null).
      await c.query(`
        insert into app_public.admin_activity_log (action, resource_type, resource_id, severity, new_values, created_at)
        select 'seeded_act', 'user', u.id::text, (array['low', 'medium', 'high', 'critical'])[1 + u.n % 4]::app_public.activity_severity,
               '{}', now() - (u.n % 80) * interval '1 day'
          from seed_users u`);
      await c.query(`
        insert into app_public.system_configuration_history (setting_id, category, key, old_value, new_value, reason, created_at)
        select c.id, c.category, c.key, c.value, c.value, 'seeded', now() - g * interval '1 hour'
          from app_public.system_configuration c cross join generate_series(1, 10) g`);
      await c.query(`
        insert into app_public.moderation_flags (user_id, reason, status, resolved_at, resolution_note)
        select u.id, 'frequent_cancellations', case when u.n % 10 = 0 then 'open' else 'resolved' end::app_public.moderation_flag_status,
               case when u.n % 10 <> 0 then now() end, case when u.n % 10 <> 0 then 'seeded' end
          from seed_users u`);
      await c.query(`
        insert into app_public.trip_templates (user_id, name, trip_data)
        select id, 'Weekly run', '{}' from seed_users where n % 4 = 0 or n = 1`);
      await c.query(`
        insert into app_public.user_blocks (blocker_id, blocked_id)
        select a.id, b.id from generate_series(1, ${Math.floor(users / 4)}) g
          join seed_users a on a.n = ${owner("g", 31, "0 mod 400")}
          join seed_users b on b.n = ${owner("g * 7 + 11", 37, "1 mod 400")}
         where a.id <> b.id
        on conflict do nothing`);
      await c.query(`
        insert into app_public.user_blocks (blocker_id, blocked_id)
        select b.id, a.id from seed_users a, seed_users b where a.n = 1 and b.n = 3
        on conflict do nothing`);
      await c.query(`
        insert into app_public.user_favorites (user_id, traveler_id)
        select a.id, b.id from generate_series(1, ${Math.floor(users / 2)}) g
          join seed_users a on a.n = ${owner("g", 53, "0 mod 400")}
          join seed_users b on b.n = 2 + (g::bigint * 59) % ${others}
         where a.id <> b.id
        on conflict do nothing`);
      await c.query(`
        insert into app_public.user_reports (reporter_id, reported_user_id, category, description)
        select a.id, b.id, 'spam', 'Sends unsolicited adverts' from generate_series(1, ${Math.floor(users / 5)}) g
          join seed_users a on a.n = ${owner("g", 61, "0 mod 400")}
          join seed_users b on b.n = 2 + (g::bigint * 67) % ${others}
         where a.id <> b.id`);
      await c.query("commit");
    } catch (error) {
      await c.query("rollback");
      throw error;
    }
    // As autovacuum leaves a table in steady state: statistics, visibility maps, and GIN pending lists merged (a
    // bulk load leaves its trigram entries pending, which makes the planner price those indexes out).
    await c.query("vacuum (analyze)");
  });

  return asRoot(db, async (c) => {
    const one = async (sql: string) => {
      const { rows } = await c.query<{ id: string }>(sql);
      if (!rows[0]) throw new Error(`the seed has no row for: ${sql}`);
      return rows[0].id;
    };
    const me = await one(`select u.id from app_public.users u join app_public.user_contacts c on c.user_id = u.id
                           where c.email = 'scale1@scale.example'`);
    return {
      me,
      myTrip: await one(`select t.id from app_public.trips t where t.traveler_id = '${me}' and t.status = 'upcoming'
                           and exists (select 1 from app_public.delivery_offers o where o.trip_id = t.id)
                         order by t.departure_time limit 1`),
      myRequest: await one(`select r.id from app_public.delivery_requests r where r.customer_id = '${me}'
                              and r.status = 'pending' order by r.expires_at desc limit 1`),
      myLiveDelivery: await one(`select d.id from app_public.deliveries d
                                  where '${me}' in (d.customer_id, d.traveler_id) and d.status = 'accepted' limit 1`),
      myPaidDelivery: await one(`select d.id from app_public.deliveries d
                                  where d.customer_id = '${me}' and d.status = 'accepted' limit 1`),
      myDeliveredDelivery: await one(`select d.id from app_public.deliveries d
                                       where '${me}' in (d.customer_id, d.traveler_id) and d.status = 'delivered' limit 1`),
      myConversation: await one(`select c.id from app_public.conversations c where c.customer_id = '${me}' limit 1`),
      reviewedUser: await one(`select v.reviewee_id as id from app_public.reviews v group by 1 order by count(*) desc limit 1`),
      someonesName: await one(`select u.first_name as id from app_public.users u join app_public.user_contacts c on c.user_id = u.id
                                where c.email = 'scale12@scale.example'`),
      origin: [2.0, 44.0],
      destination: [12.0, 46.5],
    };
  });
}
