// Marketplace fixtures: verified travelers and customers, trips and requests inserted directly (as root), so that
// tests of offers, deliveries, matching and reviews start from a known state. The create functions themselves are
// tested through GraphQL in test/trips and test/requests.
import { asRoot, createUser, verifyEmail, type NewUser, type TestDatabase } from "./db.ts";

export type Level = "unverified" | "email_verified" | "phone_verified" | "id_verified" | "fully_verified";

/** An active user of the given type whose verification level is set directly (the ladder is tested elsewhere). */
export async function createMember(db: TestDatabase, type: "customer" | "traveler" | "both",
                                   level: Level = "phone_verified", options: NewUser = {}): Promise<string> {
  const { id } = await createUser(db, options);
  await verifyEmail(db, id);
  await asRoot(db, (c) => c.query(
    "update app_public.users set user_type = $2, verification_level = $3 where id = $1", [id, type, level]));
  return id;
}

/** Paris → Berlin by default (about 880 km), departing in 3 days. */
export interface TripOptions {
  origin?: [number, number];
  destination?: [number, number];
  departsInHours?: number;
  durationHours?: number;
  weightKg?: number;
  volumeL?: number;
  items?: number;
  currency?: string;
  status?: string;
  visibility?: string;
  autoAcceptPrice?: number | null;
  noFragile?: boolean;
  maxItemValue?: number | null;
}

export const PARIS: [number, number] = [2.3522, 48.8566];
export const BERLIN: [number, number] = [13.405, 52.52];

export async function createTrip(db: TestDatabase, travelerId: string, o: TripOptions = {}): Promise<string> {
  const [ox, oy] = o.origin ?? PARIS;
  const [dx, dy] = o.destination ?? BERLIN;
  return asRoot(db, async (c) => (await c.query<{ id: string }>(
    `insert into app_public.trips (traveler_id, title, trip_type, origin_address, origin_point, destination_address,
       destination_point, departure_time, arrival_time, capacity_weight_kg, available_weight_kg, capacity_volume_l,
       available_volume_l, capacity_items, available_items, currency, base_price, price_per_kg, status, visibility,
       auto_accept, auto_accept_price, no_fragile, max_item_value)
     values ($1, 'Paris to Berlin', 'train', 'Gare de l''Est, Paris', st_setsrid(st_makepoint($2, $3), 4326)::geography,
       'Berlin Hbf', st_setsrid(st_makepoint($4, $5), 4326)::geography,
       now() + make_interval(hours => $6), now() + make_interval(hours => $6 + $7),
       $8, $8, $9, $9, $10, $10, $11, 1000, 200, $12::app_public.trip_status, $13::app_public.trip_visibility,
       $14::bigint is not null, $14, $15, $16)
     returning id`,
    [travelerId, ox, oy, dx, dy, o.departsInHours ?? 72, o.durationHours ?? 9, o.weightKg ?? 20, o.volumeL ?? 100,
      o.items ?? 5, o.currency ?? "EUR", o.status ?? "upcoming", o.visibility ?? "public", o.autoAcceptPrice ?? null,
      o.noFragile ?? false, o.maxItemValue ?? null])).rows[0]!.id);
}

export interface RequestOptions {
  pickup?: [number, number];
  dropoff?: [number, number];
  weightKg?: number;
  quantity?: number;
  maxPrice?: number;
  autoAcceptPrice?: number | null;
  declaredValue?: number;
  currency?: string;
  isFragile?: boolean;
  category?: string;
  expiresInHours?: number;
  pickupWindowHours?: [number, number] | null;
  blacklisted?: string[];
  minRating?: number | null;
  verificationRequired?: boolean;
}

/** A pending request from central Paris to central Berlin by default. */
export async function createRequest(db: TestDatabase, customerId: string, o: RequestOptions = {}): Promise<string> {
  const [px, py] = o.pickup ?? [2.35, 48.86];
  const [dx, dy] = o.dropoff ?? [13.4, 52.52];
  const window = o.pickupWindowHours === undefined ? [60, 84] : o.pickupWindowHours;
  return asRoot(db, async (c) => (await c.query<{ id: string }>(
    `insert into app_public.delivery_requests (customer_id, title, category, item_name, quantity, weight_kg, currency,
       declared_value, is_fragile, pickup_address, pickup_point, pickup_city, pickup_country, pickup_contact_name,
       pickup_contact_phone, delivery_address, delivery_point, delivery_city, delivery_country, delivery_contact_name,
       delivery_contact_phone, max_price, auto_accept_price, expires_at, pickup_window_start, pickup_window_end,
       blacklisted_travelers, min_traveler_rating, verification_required)
     values ($1, 'A box of books', $2::app_public.item_category, 'Books', $3, $4, $5, $6, $7,
       '12 Rue de Rivoli, Paris', st_setsrid(st_makepoint($8, $9), 4326)::geography, 'Paris', 'FR', 'Claire',
       '+33612345678', '5 Alexanderplatz, Berlin', st_setsrid(st_makepoint($10, $11), 4326)::geography, 'Berlin', 'DE',
       'Jonas', '+4915112345678', $12, $13, now() + make_interval(hours => $14),
       now() + make_interval(hours => $15::int), now() + make_interval(hours => $16::int), $17, $18, $19)
     returning id`,
    [customerId, o.category ?? "books", o.quantity ?? 1, o.weightKg ?? 2, o.currency ?? "EUR", o.declaredValue ?? 5000,
      o.isFragile ?? false, px, py, dx, dy, o.maxPrice ?? 5000, o.autoAcceptPrice ?? null, o.expiresInHours ?? 168,
      window?.[0] ?? null, window?.[1] ?? null, o.blacklisted ?? [], o.minRating ?? null,
      o.verificationRequired ?? false])).rows[0]!.id);
}

/**
 * A delivery on a trip without going through offers (for tests of what deliveries hold, e.g. trip capacity): a
 * customer (a fresh one unless given), their request, an accepted offer thread and the delivery row, inserted as
 * root. Capacity is reserved for the request's item only with `reserveCapacity` (as acceptOffer does); otherwise the
 * caller reserves it when the test is about it. A delivery that is delivered or cancelled needs its reservation.
 */
export async function createDeliveryRecord(db: TestDatabase, tripId: string,
                                           options: { customerId?: string; reserveCapacity?: boolean } = {}): Promise<string> {
  const customer = options.customerId ?? await createMember(db, "customer", "email_verified");
  const request = await createRequest(db, customer);
  const delivery = await asRoot(db, async (c) => (await c.query<{ id: string }>(
    `with trip as (select id, traveler_id from app_public.trips where id = $2),
     offer as (
       insert into app_public.delivery_offers (request_id, customer_id, traveler_id, trip_id, initiated_by, status,
         awaiting_party, price, currency, valid_until, terms_hash, accepted_at, closed_at)
       select $3, $1, trip.traveler_id, trip.id, 'traveler', 'accepted', 'customer', 3000, 'EUR', now() + interval '1 day',
              sha256('terms'::bytea), now(), now() from trip
       returning id, traveler_id, trip_id)
     insert into app_public.deliveries (request_id, offer_id, customer_id, traveler_id, trip_id, final_price, platform_fee,
       currency, terms_hash)
     select $3, offer.id, $1, offer.traveler_id, offer.trip_id, 3000, 300, 'EUR', sha256('terms'::bytea) from offer
     returning id`, [customer, tripId, request])).rows[0]!.id);
  if (options.reserveCapacity) {
    await asRoot(db, (c) => c.query(
      `select app_hidden.reserve_trip_capacity(d.trip_id, d.id, r.total_weight, r.total_volume_l, r.quantity)
         from app_public.deliveries d join app_public.delivery_requests r on r.id = d.request_id where d.id = $1`, [delivery]));
  }
  return delivery;
}

/**
 * Moves a delivery through the given statuses as its parties would (source `user`, through the transition function
 * and its triggers), e.g. `advanceDelivery(db, id, "picked_up", "delivered")`.
 */
export async function advanceDelivery(db: TestDatabase, deliveryId: string, ...statuses: string[]): Promise<void> {
  await asRoot(db, async (c) => {
    for (const status of statuses) {
      await c.query("select app_hidden.transition_delivery($1, $2, 'user', null)", [deliveryId, status]);
    }
  });
}

/**
 * The trip capacity invariant (docs/domain.md §3): capacity − available = Σ reserved + consumed reservations, per
 * dimension. Returns the differences, all 0 when it holds.
 */
export async function capacityGaps(db: TestDatabase, tripId: string): Promise<{ weight: number; volume: number; items: number }> {
  return asRoot(db, async (c) => (await c.query(
    `select (t.capacity_weight_kg - t.available_weight_kg - coalesce(sum(r.weight_kg), 0))::float8 as weight,
            (t.capacity_volume_l - t.available_volume_l - coalesce(sum(r.volume_l), 0))::float8 as volume,
            (t.capacity_items - t.available_items - coalesce(sum(r.items), 0))::int as items
       from app_public.trips t
       left join app_public.trip_capacity_reservations r on r.trip_id = t.id and r.status in ('reserved', 'consumed')
      where t.id = $1 group by t.id`, [tripId])).rows[0]);
}
