// Shared by the trips tests: travelers at a given verification level and trips inserted through the real
// create_trip function (as the traveler), plus small SQL probes. Not a test file (ava runs *.test.ts only).
import type pg from "pg";
import { createDeliveryRecord } from "../helpers/marketplace.ts";
import { actAs, asRoot, createUser, openSession, user, verifyEmail, type TestDatabase } from "../helpers/db.ts";

export const BERLIN = { type: "Point", coordinates: [13.405, 52.52] } as const;
export const POTSDAM = { type: "Point", coordinates: [13.064, 52.391] } as const;
export const PARIS = { type: "Point", coordinates: [2.352, 48.857] } as const;
export const LYON = { type: "Point", coordinates: [4.835, 45.764] } as const;

export const hoursFromNow = (hours: number): string => new Date(Date.now() + hours * 3600_000).toISOString();

/** An active traveler (or `both`/`customer`) with a verified email. */
export async function createTraveler(db: TestDatabase,
  options: { userType?: "traveler" | "both" | "customer"; verified?: boolean; firstName?: string } = {}): Promise<string> {
  const { id } = await createUser(db, { firstName: options.firstName ?? "Tara" });
  await asRoot(db, (c) => c.query("update app_public.users set user_type = $2 where id = $1",
    [id, options.userType ?? "traveler"]));
  if (options.verified ?? true) await verifyEmail(db, id);
  return id;
}

export interface TripOptions {
  title?: string;
  description?: string | null;
  from?: { coordinates: readonly [number, number] };
  to?: { coordinates: readonly [number, number] };
  departure?: string;
  arrival?: string;
  weight?: number;
  volume?: number;
  items?: number;
  visibility?: "public" | "private" | "friends_only";
  recurringPattern?: Record<string, unknown> | null;
}

const point = (p: { coordinates: readonly [number, number] }) =>
  `SRID=4326;POINT(${p.coordinates[0]} ${p.coordinates[1]})`;

/** Creates a trip as the traveler through app_public.create_trip and commits it. */
export async function createTrip(db: TestDatabase, travelerId: string, options: TripOptions = {}): Promise<string> {
  return asRoot(db, async (c) => {
    await c.query("begin");
    const session = await openSession(c, travelerId);
    await c.query("select set_config('jwt.claims.session_id', $1, true)", [session]);
    await c.query("set local role app_user");
    const { rows } = await c.query<{ id: string }>(
      `select id from app_public.create_trip(
         title => $1, trip_type => 'car', origin_address => 'Alexanderplatz 1, Berlin', origin_point => $2::geography,
         destination_address => 'Rue de Rivoli 1, Paris', destination_point => $3::geography,
         departure_time => $4, arrival_time => $5, capacity_weight_kg => $6, capacity_volume_l => $7,
         capacity_items => $8, base_price => 1500, price_per_kg => 200, description => $9, visibility => $10,
         recurring_pattern => $11)`,
      [options.title ?? "Berlin to Paris", point(options.from ?? BERLIN), point(options.to ?? PARIS),
        options.departure ?? hoursFromNow(72), options.arrival ?? hoursFromNow(84), options.weight ?? 20,
        options.volume ?? 60, options.items ?? 5, options.description === undefined ? "Room in the boot" : options.description,
        options.visibility ?? "public",
        options.recurringPattern ? JSON.stringify(options.recurringPattern) : null]);
    await c.query("commit");
    return rows[0]!.id;
  });
}

/** Runs SQL as root (owner rights, RLS bypassed); handy for reservations and fixtures. */
export function root<T extends pg.QueryResultRow = Record<string, any>>(db: TestDatabase, sql: string, params: unknown[] = []) {
  return asRoot(db, async (c) => (await c.query<T>(sql, params)).rows);
}

export async function tripRow(db: TestDatabase, id: string): Promise<Record<string, any>> {
  return (await root(db, "select * from app_public.trips where id = $1", [id]))[0]!;
}

/** Reserves capacity on the trip for a new delivery on it (reservations belong to real deliveries); returns its id. */
export async function reserve(db: TestDatabase, tripId: string, weight = 1, volume = 1, items = 1): Promise<string> {
  const delivery = await createDeliveryRecord(db, tripId);
  const rows = await root<{ delivery_id: string }>(db,
    "select delivery_id from app_hidden.reserve_trip_capacity($1, $2, $3, $4, $5)",
    [tripId, delivery, weight, volume, items]);
  return rows[0]!.delivery_id;
}

/** capacity − available = Σ reserved + consumed, for weight, volume and items; returns the differences (all 0). */
export async function invariantGaps(db: TestDatabase, tripId: string): Promise<Record<string, number>> {
  const rows = await root(db, `
    select (t.capacity_weight_kg - t.available_weight_kg - coalesce(sum(r.weight_kg), 0))::float8 as weight,
           (t.capacity_volume_l - t.available_volume_l - coalesce(sum(r.volume_l), 0))::float8 as volume,
           (t.capacity_items - t.available_items - coalesce(sum(r.items), 0))::int as items
      from app_public.trips t
      left join app_public.trip_capacity_reservations r on r.trip_id = t.id and r.status in ('reserved', 'consumed')
     where t.id = $1 group by t.id`, [tripId]);
  return rows[0]!;
}

export { actAs, user };
