// Marketplace fixtures: places, trips, requests, offers and deliveries in the state a test needs.
//   - createTrip, createRequest, createDeliveryRecord insert rows directly as root, in any state (even states no API
//     call produces in one step); the create functions themselves are tested through GraphQL in test/trips and
//     test/requests.
//   - createTripAsTraveler creates a trip through app_public.create_trip as its traveler: the function's own
//     defaults and checks apply (what the trips tests start from).
//   - createMarket, submitOffer, acceptOffer, offerAndAccept, createAcceptedDelivery, advanceDelivery and
//     createDeliveredDelivery reach offers and deliveries through the real offer and delivery functions over GraphQL.
//     A pickup needs an authorised payment: createAcceptedDelivery records one (test/helpers/payments.ts) unless
//     told `payment: "none"`; advanceDelivery's pickUp authorises one still missing (the card's part of the story).
//   - reserveCapacity, capacityInvariantGaps and tripRow for trip capacity; the equator geometry and the matching
//     queries shared by test/matching.
import { asRoot, queryAsRoot, type TestDatabase } from "./database.ts";
import {
  commitAs, createMember, tokenFor, uniquePhoneNumber, user, type MemberOptions, type VerificationLevel,
} from "./actors.ts";
import { gqlData, point, type GeoJsonPoint } from "./graphql.ts";
import { handOver, type HandoverParties } from "./handover.ts";
import { authorizePayment, ensurePaymentAuthorized } from "./payments.ts";
import type { TestServer } from "./server.ts";
import { hoursFromNow } from "./time.ts";

// Kept for the names tests imported from here before actors.ts existed.
export { createMember };
export type { VerificationLevel as Level };

/** A place: a GeoJSON point (as the API takes it) or [longitude, latitude]. */
export type Place = GeoJsonPoint | readonly [number, number];
const lngLat = (place: Place): readonly [number, number] => ("coordinates" in place ? place.coordinates : place);

export const PARIS = point(2.3522, 48.8566);
export const BERLIN = point(13.405, 52.52);
/** 27 km from Berlin. */
export const POTSDAM = point(13.064, 52.391);
export const LYON = point(4.835, 45.764);

/** What every trip builder understands. */
export interface TripOptions {
  title?: string;
  origin?: Place;
  destination?: Place;
  departsInHours?: number;
  durationHours?: number;
  weightKg?: number;
  volumeL?: number;
  items?: number;
  visibility?: "public" | "private" | "friends_only";
}

/** createTrip: any state and the columns the offer rules read. */
export interface TripRowOptions extends TripOptions {
  currency?: string;
  status?: string;
  autoAcceptPrice?: number | null;
  noFragile?: boolean;
  maxItemValue?: number | null;
}

/** Paris → Berlin by train (about 880 km), departing in 3 days, 9 h long, 20 kg / 100 l / 5 items, in EUR. */
export async function createTrip(db: TestDatabase, travelerId: string, o: TripRowOptions = {}): Promise<string> {
  const [ox, oy] = lngLat(o.origin ?? PARIS);
  const [dx, dy] = lngLat(o.destination ?? BERLIN);
  return asRoot(db, async (c) => (await c.query<{ id: string }>(
    `insert into app_public.trips (traveler_id, title, trip_type, origin_address, origin_point, destination_address,
       destination_point, departure_time, arrival_time, capacity_weight_kg, available_weight_kg, capacity_volume_l,
       available_volume_l, capacity_items, available_items, currency, base_price, price_per_kg, status, visibility,
       auto_accept, auto_accept_price, no_fragile, max_item_value)
     values ($1, $17, 'train', 'Gare de l''Est, Paris', st_setsrid(st_makepoint($2, $3), 4326)::geography,
       'Berlin Hbf', st_setsrid(st_makepoint($4, $5), 4326)::geography,
       now() + make_interval(hours => $6), now() + make_interval(hours => $6 + $7),
       $8, $8, $9, $9, $10, $10, $11, 1000, 200, $12::app_public.trip_status, $13::app_public.trip_visibility,
       $14::bigint is not null, $14, $15, $16)
     returning id`,
    [travelerId, ox, oy, dx, dy, o.departsInHours ?? 72, o.durationHours ?? 9, o.weightKg ?? 20, o.volumeL ?? 100,
      o.items ?? 5, o.currency ?? "EUR", o.status ?? "upcoming", o.visibility ?? "public", o.autoAcceptPrice ?? null,
      o.noFragile ?? false, o.maxItemValue ?? null, o.title ?? "Paris to Berlin"])).rows[0]!.id);
}

/** createTripAsTraveler: what app_public.create_trip takes besides the common options. */
export interface TravelerTripOptions extends TripOptions {
  description?: string | null;
  recurringPattern?: Record<string, unknown> | null;
}

const ewktOf = (place: Place) => `SRID=4326;POINT(${lngLat(place).join(" ")})`;

/**
 * A trip created by its traveler through app_public.create_trip (committed): Berlin → Paris by car, departing in
 * 3 days, 12 h long, 20 kg / 60 l / 5 items, "Room in the boot", in the function's default currency.
 */
export async function createTripAsTraveler(db: TestDatabase, travelerId: string,
                                           o: TravelerTripOptions = {}): Promise<string> {
  // One instant for both times, so that the duration is exact.
  const departure = Date.now() + (o.departsInHours ?? 72) * 3600_000;
  const arrival = departure + (o.durationHours ?? 12) * 3600_000;
  return commitAs(db, user(travelerId), async (c) => (await c.query<{ id: string }>(
    `select id from app_public.create_trip(
       title => $1, trip_type => 'car', origin_address => 'Alexanderplatz 1, Berlin', origin_point => $2::geography,
       destination_address => 'Rue de Rivoli 1, Paris', destination_point => $3::geography,
       departure_time => $4, arrival_time => $5, capacity_weight_kg => $6, capacity_volume_l => $7,
       capacity_items => $8, base_price => 1500, price_per_kg => 200, description => $9, visibility => $10,
       recurring_pattern => $11)`,
    [o.title ?? "Berlin to Paris", ewktOf(o.origin ?? BERLIN), ewktOf(o.destination ?? PARIS),
      new Date(departure).toISOString(), new Date(arrival).toISOString(), o.weightKg ?? 20,
      o.volumeL ?? 60, o.items ?? 5, o.description === undefined ? "Room in the boot" : o.description,
      o.visibility ?? "public", o.recurringPattern ? JSON.stringify(o.recurringPattern) : null])).rows[0]!.id);
}

export interface RequestOptions {
  pickup?: Place;
  dropoff?: Place;
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

/** A pending request: 2 kg of books from central Paris to central Berlin, picked up in 60–84 h, at most 5000 EUR. */
export async function createRequest(db: TestDatabase, customerId: string, o: RequestOptions = {}): Promise<string> {
  const [px, py] = lngLat(o.pickup ?? [2.35, 48.86]);
  const [dx, dy] = lngLat(o.dropoff ?? [13.4, 52.52]);
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
 * Moves a delivery row through the given statuses as root, through the transition function and its triggers, e.g.
 * `transitionDelivery(db, id, "picked_up", "delivered")`; for deliveries made with createDeliveryRecord. The source is
 * the parties' (`user`), except for picked_up and delivered, which only a handover reaches: those moves name
 * `qr_scan`, as a scan's would, without its code, custody event or jobs (advanceDelivery makes real handovers).
 */
export async function transitionDelivery(db: TestDatabase, deliveryId: string, ...statuses: string[]): Promise<void> {
  await asRoot(db, async (c) => {
    for (const status of statuses) {
      await c.query("select app_hidden.transition_delivery($1, $2, $3, null)",
        [deliveryId, status, ["picked_up", "delivered"].includes(status) ? "qr_scan" : "user"]);
    }
  });
}

// ---- Offers and deliveries through the real functions, over GraphQL -------------------------------------------

/** The ids of both parties, their tokens, the customer's request and the traveler's trip that fits it. */
export interface Market {
  customer: string;
  traveler: string;
  request: string;
  trip: string;
  customerToken: string;
  travelerToken: string;
}

export interface MarketOptions {
  /** Details of the customer (an email-verified customer, Claire Martin, by default). */
  customer?: MemberOptions;
  /** Details of the traveler (a traveler, Tom Weber, by default). */
  traveler?: MemberOptions;
  travelerLevel?: VerificationLevel;
  request?: RequestOptions;
  trip?: TripRowOptions;
}

/** A customer with a request and a traveler (phone_verified by default) with a trip that fits it, plus their tokens. */
export async function createMarket(db: TestDatabase, options: MarketOptions = {}): Promise<Market> {
  const customer = await createMember(db, "customer", "email_verified",
    { firstName: "Claire", lastName: "Martin", ...options.customer });
  const traveler = await createMember(db, "traveler", options.travelerLevel ?? "phone_verified",
    { firstName: "Tom", lastName: "Weber", ...options.traveler });
  const request = await createRequest(db, customer, options.request);
  const trip = await createTrip(db, traveler, options.trip);
  return { customer, traveler, request, trip,
    customerToken: await tokenFor(db, customer), travelerToken: await tokenFor(db, traveler) };
}

/** The traveler offers to carry the request on the trip (submitOffer); returns the offer's id. */
export async function submitOffer(server: TestServer, market: Pick<Market, "request" | "trip" | "travelerToken">,
                                  price: number | string = 3000): Promise<string> {
  const data = await gqlData(server, `mutation ($r: UUID!, $t: UUID!, $p: BigInt!) {
    submitOffer(input: { requestId: $r, tripId: $t, price: $p }) { deliveryOffer { rowId } } }`,
  { token: market.travelerToken, variables: { r: market.request, t: market.trip, p: String(price) } });
  return data.submitOffer.deliveryOffer.rowId as string;
}

/** The customer accepts a version of the offer (acceptOffer); returns the delivery's id. */
export async function acceptOffer(server: TestServer, market: Pick<Market, "customerToken">, offerId: string,
                                  version = 1): Promise<string> {
  const data = await gqlData(server, `mutation ($o: UUID!, $v: Int!) {
    acceptOffer(input: { offerId: $o, version: $v }) { delivery { rowId } } }`,
  { token: market.customerToken, variables: { o: offerId, v: version } });
  return data.acceptOffer.delivery.rowId as string;
}

/** The traveler offers and the customer accepts at once; returns the delivery's id. */
export async function offerAndAccept(server: TestServer, market: Market, price: number | string = 3000): Promise<string> {
  return acceptOffer(server, market, await submitOffer(server, market, price));
}

/** An accepted delivery and everything around it; the traveler has a verified phone (the contacts show it). */
export interface AcceptedDelivery extends Market {
  /** The delivery's id. */
  id: string;
  /** The traveler's phone number. */
  phone: string;
}

export interface DeliveryOptions extends MarketOptions {
  /** The currency of both the request and the trip. */
  currency?: string;
  /** The price the traveler offers and the customer accepts. */
  price?: number | string;
  /**
   * The payment (a pickup needs it authorised): "authorized" (default) records an authorised PaymentIntent as test
   * setup data (authorizePayment in payments.ts); "none" leaves it to payments__create_intent and the card, as the
   * payment tests do against the Stripe fake.
   */
  payment?: "authorized" | "none";
}

/** createMarket, then offerAndAccept; its payment authorised unless `payment: "none"`. */
export async function createAcceptedDelivery(db: TestDatabase, server: TestServer,
                                             options: DeliveryOptions = {}): Promise<AcceptedDelivery> {
  const phone = options.traveler?.phone ?? uniquePhoneNumber();
  const currency = options.currency === undefined ? {} : { currency: options.currency };
  const market = await createMarket(db, { ...options, traveler: { ...options.traveler, phone },
    request: { ...currency, ...options.request }, trip: { ...currency, ...options.trip } });
  const id = await offerAndAccept(server, market, options.price);
  if ((options.payment ?? "authorized") === "authorized") await authorizePayment(db, id);
  return { ...market, phone, id };
}

/** The steps of a delivery that need no date, in their order: the handovers are scans of the customer's codes. */
export type TravelerStep = "pickUp" | "startTransit" | "deliver";

/**
 * Moves a delivery on over GraphQL: pickUp and deliver are real handovers (the customer issues the code, the traveler
 * scans it at the place with an evidence photo: handOver in handover.ts), startTransit the traveler's mutation. A
 * pickUp plays the customer's part too: a payment not yet authorised is, first (authorizePayment in payments.ts;
 * handOver and issueCode themselves need it done).
 */
export async function advanceDelivery(db: TestDatabase, server: TestServer, delivery: HandoverParties,
                                      steps: TravelerStep[]): Promise<void> {
  for (const step of steps) {
    if (step === "pickUp") await ensurePaymentAuthorized(db, delivery.id);
    if (step === "startTransit") {
      await gqlData(server, `mutation ($id: UUID!) { startTransit(input: { deliveryId: $id }) { delivery { status } } }`,
        { token: delivery.travelerToken, variables: { id: delivery.id } });
    } else {
      await handOver(db, server, delivery, step === "pickUp" ? "pickup" : "delivery");
    }
  }
}

/** createAcceptedDelivery, then picked up and delivered by scans of the customer's codes. */
export async function createDeliveredDelivery(db: TestDatabase, server: TestServer,
                                              options: DeliveryOptions = {}): Promise<AcceptedDelivery> {
  const delivery = await createAcceptedDelivery(db, server, options);
  await advanceDelivery(db, server, delivery, ["pickUp", "deliver"]);
  return delivery;
}

// ---- Trip capacity --------------------------------------------------------------------------------------------

/** Reserves capacity on the trip for a new delivery on it (reservations belong to real deliveries); returns its id. */
export async function reserveCapacity(db: TestDatabase, tripId: string, weight = 1, volume = 1, items = 1): Promise<string> {
  const delivery = await createDeliveryRecord(db, tripId);
  const rows = await queryAsRoot<{ delivery_id: string }>(db,
    "select delivery_id from app_hidden.reserve_trip_capacity($1, $2, $3, $4, $5)",
    [tripId, delivery, weight, volume, items]);
  return rows[0]!.delivery_id;
}

/** capacity − available = Σ reserved + consumed, for weight, volume and items; returns the differences (all 0). */
export async function capacityInvariantGaps(db: TestDatabase, tripId: string): Promise<Record<string, number>> {
  const rows = await queryAsRoot<Record<string, number>>(db, `
    select (t.capacity_weight_kg - t.available_weight_kg - coalesce(sum(r.weight_kg), 0))::float8 as weight,
           (t.capacity_volume_l - t.available_volume_l - coalesce(sum(r.volume_l), 0))::float8 as volume,
           (t.capacity_items - t.available_items - coalesce(sum(r.items), 0))::int as items
      from app_public.trips t
      left join app_public.trip_capacity_reservations r on r.trip_id = t.id and r.status in ('reserved', 'consumed')
     where t.id = $1 group by t.id`, [tripId]);
  return rows[0]!;
}

/** The trip's row, read as root. */
export async function tripRow(db: TestDatabase, id: string): Promise<Record<string, any>> {
  return (await queryAsRoot(db, "select * from app_public.trips where id = $1", [id]))[0]!;
}

// ---- Matching on the equator ------------------------------------------------------------------------------------
// On the equator the spheroid distance of 0.01° of longitude is exactly 1.1131949 km (WGS 84 equatorial radius ×
// π/180 / 100) and collinear points give detours that add up by hand. Every test takes a fresh area (a longitude of
// its own), so tests sharing a database never match each other's rows. The rows are inserted as root with column
// overrides: the filters need states (cancelled trips, ratings, blacklists) no API call produces in one step.

/** km per degree of longitude on the equator (WGS 84). */
export const KM_PER_DEGREE = 6378.137 * Math.PI / 180;

/** A point as EWKT, which geography columns take as text: on the equator unless a latitude is given. */
export const ewkt = (lng: number, lat = 0) => `SRID=4326;POINT(${lng} ${lat})`;

let areas = 0;
/** A fresh longitude per test (3° apart, ~330 km: far beyond every radius). */
export const newArea = (): number => -170 + 3 * ++areas;

/** Column overrides of a trip or a request; values go through the column's type (points as EWKT). */
export type ColumnOverrides = Record<string, unknown>;

async function insertAsRoot(db: TestDatabase, table: string, values: ColumnOverrides): Promise<string> {
  const columns = Object.keys(values);
  const rows = await queryAsRoot<{ id: string }>(db,
    `insert into app_public.${table} (${columns.join(", ")}) values (${columns.map((_, i) => `$${i + 1}`).join(", ")}) returning id`,
    Object.values(values));
  return rows[0]!.id;
}

/**
 * A trip from `lng` to `lng + 0.51` on the equator (56.8 km), leaving in 26 h, in USD: a perfect fit for
 * createRequestOnEquator(lng) (pickup at lng + 0.01, drop-off at lng + 0.5, pickup window 24–30 h): detour 0.
 */
export function createTripOnEquator(db: TestDatabase, travelerId: string, lng: number,
                                    overrides: ColumnOverrides = {}): Promise<string> {
  return insertAsRoot(db, "trips", {
    traveler_id: travelerId, title: "Equator run", trip_type: "car",
    origin_address: "Origin", origin_point: ewkt(lng), destination_address: "Destination",
    destination_point: ewkt(lng + 0.51), departure_time: hoursFromNow(26), arrival_time: hoursFromNow(29),
    capacity_weight_kg: 20, available_weight_kg: 20, capacity_volume_l: 60, available_volume_l: 60,
    capacity_items: 5, available_items: 5, currency: "USD", base_price: 1500, price_per_kg: 200, price_per_km: 10,
    ...overrides });
}

/** An open request from lng + 0.01 to lng + 0.5 on the equator (1 kg, USD, max 5000), pickup window in 24–30 h. */
export function createRequestOnEquator(db: TestDatabase, customerId: string, lng: number,
                                       overrides: ColumnOverrides = {}): Promise<string> {
  return insertAsRoot(db, "delivery_requests", {
    customer_id: customerId, title: "Documents across", category: "documents", item_name: "Envelope",
    weight_kg: 1, currency: "USD", pickup_address: "Pickup street 1", pickup_point: ewkt(lng + 0.01),
    pickup_city: "Westville", pickup_country: "EC", delivery_address: "Drop street 2", delivery_point: ewkt(lng + 0.5),
    delivery_city: "Eastville", delivery_country: "EC", pickup_window_start: hoursFromNow(24),
    pickup_window_end: hoursFromNow(30), max_price: 5000, expires_at: hoursFromNow(24 * 7), ...overrides });
}

export const TRIP_MATCH_FIELDS = "tripId score detourKm quotedPrice factors";
export const MATCHING_TRIPS = `query ($id: UUID!) { matchingTrips(requestId: $id) { nodes { ${TRIP_MATCH_FIELDS} } } }`;
export const MATCHING_REQUESTS = `query ($id: UUID!) {
  matchingRequests(tripId: $id) { nodes { requestId score detourKm quotedPrice factors } } }`;
export const QUOTE = `query ($r: UUID!, $t: UUID) { quotePrice(requestId: $r, tripId: $t) { price } }`;

export interface TripMatch {
  tripId: string;
  score: string;
  detourKm: string;
  quotedPrice: string;
  factors: Record<string, number>;
}
export interface RequestMatch {
  requestId: string;
  score: string;
  detourKm: string;
  quotedPrice: string;
  factors: Record<string, number>;
}
