// Shared by the matching tests. Places lie on the equator, where the spheroid distance of 0.01° of longitude is
// exactly 1.1131949 km (WGS 84 equatorial radius × π/180 / 100) and collinear points give detours that add up by
// hand. Every test takes a fresh area (a longitude of its own), so tests sharing a database never match each
// other's rows. Rows are inserted directly as root: the filters need states (suspended travelers, cancelled trips,
// ratings) no API call produces in one step, and the request/trip functions have their own tests.
import type pg from "pg";
import { asRoot, createUser, tokenFor, type TestDatabase } from "../helpers/db.ts";

/** km per degree of longitude on the equator (WGS 84). */
export const KM_PER_DEGREE = 6378.137 * Math.PI / 180;

export const hoursFromNow = (hours: number): string => new Date(Date.now() + hours * 3600_000).toISOString();
export const ewkt = (lng: number, lat = 0) => `SRID=4326;POINT(${lng} ${lat})`;

let areas = 0;
/** A fresh longitude per test (3° apart, ~330 km: far beyond every radius). */
export const newArea = (): number => -170 + 3 * ++areas;

export interface Member {
  id: string;
  token: string;
}

export interface MemberOptions {
  userType?: "customer" | "traveler" | "both";
  status?: "active" | "suspended";
  level?: "unverified" | "email_verified" | "phone_verified" | "id_verified" | "fully_verified";
  completed?: number;
  cancelled?: number;
  ratings?: number;
  averageRating?: number;
  firstName?: string;
}

/** An active, email-verified user with the given statistics (as traveler). */
export async function member(db: TestDatabase, options: MemberOptions = {}): Promise<Member> {
  const { id } = await createUser(db, { firstName: options.firstName ?? "Mia" });
  const completed = options.completed ?? 0;
  const cancelled = options.cancelled ?? 0;
  const ratings = options.ratings ?? 0;
  await asRoot(db, async (c) => {
    await c.query("update app_public.user_contacts set email_verified_at = now() where user_id = $1", [id]);
    await c.query("update app_public.users set user_type = $2, verification_level = $3 where id = $1",
      [id, options.userType ?? "both", options.level ?? "email_verified"]);
    await c.query(`update app_public.user_statistics
                      set total_deliveries = $2::int + $3::int, deliveries_as_traveler = $2::int + $3::int,
                          successful_deliveries = $2, successful_as_traveler = $2, cancelled_deliveries = $3,
                          cancelled_as_traveler = $3, total_ratings = $4, average_rating = $5
                    where user_id = $1`,
      [id, completed, cancelled, ratings, ratings > 0 ? options.averageRating ?? 4 : null]);
  });
  const token = await tokenFor(db, id);
  // Last: a suspended user still needs a session row for the token (never used to act).
  if (options.status && options.status !== "active") {
    await asRoot(db, (c) => c.query("update app_public.users set status = $2 where id = $1", [id, options.status]));
  }
  return { id, token };
}

/** Column overrides of a trip or a request; values go through the column's type (points as EWKT). */
export type Overrides = Record<string, unknown>;

async function insert(client: pg.ClientBase, table: string, values: Overrides): Promise<string> {
  const columns = Object.keys(values);
  const { rows } = await client.query<{ id: string }>(
    `insert into app_public.${table} (${columns.join(", ")}) values (${columns.map((_, i) => `$${i + 1}`).join(", ")}) returning id`,
    Object.values(values));
  return rows[0]!.id;
}

/**
 * A trip from `lng` to `lng + 0.51` on the equator (56.8 km), leaving in 26 h: a perfect fit for `request(lng)`
 * (pickup at lng + 0.01, drop-off at lng + 0.5, pickup window 24–30 h): detour 0.
 */
export function trip(db: TestDatabase, travelerId: string, lng: number, overrides: Overrides = {}): Promise<string> {
  return asRoot(db, (c) => insert(c, "trips", {
    traveler_id: travelerId, title: "Equator run", trip_type: "car",
    origin_address: "Origin", origin_point: ewkt(lng), destination_address: "Destination",
    destination_point: ewkt(lng + 0.51), departure_time: hoursFromNow(26), arrival_time: hoursFromNow(29),
    capacity_weight_kg: 20, available_weight_kg: 20, capacity_volume_l: 60, available_volume_l: 60,
    capacity_items: 5, available_items: 5, currency: "USD", base_price: 1500, price_per_kg: 200, price_per_km: 10,
    ...overrides }));
}

/** An open request from lng + 0.01 to lng + 0.5 (1 kg, USD, max 5000), pickup window in 24–30 h. */
export function request(db: TestDatabase, customerId: string, lng: number, overrides: Overrides = {}): Promise<string> {
  return asRoot(db, (c) => insert(c, "delivery_requests", {
    customer_id: customerId, title: "Documents across", category: "documents", item_name: "Envelope",
    weight_kg: 1, currency: "USD", pickup_address: "Pickup street 1", pickup_point: ewkt(lng + 0.01),
    pickup_city: "Westville", pickup_country: "EC", delivery_address: "Drop street 2", delivery_point: ewkt(lng + 0.5),
    delivery_city: "Eastville", delivery_country: "EC", pickup_window_start: hoursFromNow(24),
    pickup_window_end: hoursFromNow(30), max_price: 5000, expires_at: hoursFromNow(24 * 7), ...overrides }));
}

export function root<T extends pg.QueryResultRow = Record<string, any>>(db: TestDatabase, sql: string, params: unknown[] = []) {
  return asRoot(db, async (c) => (await c.query<T>(sql, params)).rows);
}

export const TRIP_MATCH_FIELDS = "tripId score detourKm quotedPrice factors";
export const MATCHING_TRIPS = `query ($id: UUID!) { matchingTrips(requestId: $id) { nodes { ${TRIP_MATCH_FIELDS} } } }`;
export const MATCHING_REQUESTS = `query ($id: UUID!) {
  matchingRequests(tripId: $id) { nodes { requestId score detourKm quotedPrice factors } } }`;
export const QUOTE = `query ($r: UUID!, $t: UUID) { quotePrice(requestId: $r, tripId: $t) }`;

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

export const code = (res: { errors?: Array<{ extensions?: { code?: string } }> }) => res.errors?.[0]?.extensions?.code;
