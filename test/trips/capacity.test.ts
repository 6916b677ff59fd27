// Capacity primitives (docs/trips.md, Capacity): reserve, release and consume keep
// capacity − available = Σ reserved + consumed, overbooking is CAPAC (never a raw CHECK violation), and
// concurrent reservations on separate connections can never overbook a trip.
import test from "ava";
import pg from "pg";
import { createMember } from "../helpers/actors.ts";
import { asRoot, queryAsRoot, useTestDatabase } from "../helpers/database.ts";
import { sqlstate } from "../helpers/errors.ts";
import {
  capacityInvariantGaps, createDeliveryRecord, createTripAsTraveler, reserveCapacity, tripRow,
} from "../helpers/marketplace.ts";

const db = useTestDatabase(test);

const ZERO = { weight: 0, volume: 0, items: 0 };
const call = (sql: string, params: unknown[]) => asRoot(db, (c) => c.query(sql, params));

test("reserve, release and consume move available capacity and keep the invariant", async (t) => {
  const traveler = await createMember(db, "traveler", "email_verified");
  const trip = await createTripAsTraveler(db, traveler, { weightKg: 10, volumeL: 20, items: 3 });
  const a = await reserveCapacity(db, trip, 4, 5, 1);
  const b = await reserveCapacity(db, trip, 3.5, 10, 2);
  t.like(await tripRow(db, trip), { available_weight_kg: "2.50", available_volume_l: "5.00", available_items: 0 });
  t.deepEqual(await capacityInvariantGaps(db, trip), ZERO);

  t.is(await sqlstate(reserveCapacity(db, trip, 0.5, 0, 1)), "CAPAC", "no item left");
  t.is((await queryAsRoot(db, "select status from app_hidden.release_trip_capacity($1)", [a]))[0]!.status, "released");
  t.like(await tripRow(db, trip), { available_weight_kg: "6.50", available_volume_l: "10.00", available_items: 1 });
  t.is((await queryAsRoot(db, "select status from app_hidden.release_trip_capacity($1)", [a]))[0]!.status, "released",
    "releasing twice gives nothing back twice");
  t.like(await tripRow(db, trip), { available_weight_kg: "6.50" });

  t.is((await queryAsRoot(db, "select status from app_hidden.consume_trip_capacity($1)", [b]))[0]!.status, "consumed");
  t.is((await queryAsRoot(db, "select status from app_hidden.consume_trip_capacity($1)", [b]))[0]!.status, "consumed", "idempotent");
  t.is((await queryAsRoot(db, "select status from app_hidden.release_trip_capacity($1)", [b]))[0]!.status, "consumed",
    "consumed capacity never comes back");
  t.like(await tripRow(db, trip), { available_weight_kg: "6.50", available_items: 1 });
  t.is(await sqlstate(call("select app_hidden.consume_trip_capacity($1)", [a])), "BADST", "released cannot be consumed");
  t.deepEqual(await capacityInvariantGaps(db, trip), ZERO);
});

test("reserve refuses bad input, unknown trips, closed trips and a second reservation per delivery", async (t) => {
  const traveler = await createMember(db, "traveler", "email_verified");
  const trip = await createTripAsTraveler(db, traveler, { weightKg: 10, volumeL: 10, items: 2 });
  const reserveSql = "select app_hidden.reserve_trip_capacity($1, $2, $3, $4, $5)";
  const delivery = await createDeliveryRecord(db, trip);
  t.is(await sqlstate(call(reserveSql, [trip, delivery, 0, 1, 1])), "INVAL");
  t.is(await sqlstate(call(reserveSql, [trip, delivery, 1, -1, 1])), "INVAL");
  t.is(await sqlstate(call(reserveSql, [trip, delivery, 1, 1, 0])), "INVAL");
  t.is(await sqlstate(call(reserveSql, ["00000000-0000-4000-8000-000000000000", delivery, 1, 1, 1])), "NTFND");
  t.is(await sqlstate(call(reserveSql, [trip, delivery, 10.01, 1, 1])), "CAPAC", "weight");
  t.is(await sqlstate(call(reserveSql, [trip, delivery, 1, 10.5, 1])), "CAPAC", "volume");
  t.is(await sqlstate(call(reserveSql, [trip, delivery, 1, 1, 3])), "CAPAC", "items");
  await call(reserveSql, [trip, delivery, 1, 1, 1]);
  t.is(await sqlstate(call(reserveSql, [trip, delivery, 1, 1, 1])), "BADST", "one reservation per delivery");
  t.is(await sqlstate(call("select app_hidden.release_trip_capacity(gen_random_uuid())", [])), "NTFND");
  t.is(await sqlstate(call("select app_hidden.consume_trip_capacity(gen_random_uuid())", [])), "NTFND");
  await queryAsRoot(db, "update app_public.trips set status = 'active', started_at = now() where id = $1", [trip]);
  t.is(await sqlstate(call(reserveSql, [trip, await createDeliveryRecord(db, trip), 1, 1, 1])), "BADST",
    "an active trip takes no more deliveries");
  t.deepEqual(await capacityInvariantGaps(db, trip), ZERO);
});

test("50 concurrent reservations on separate connections for the last 3 kg: exactly 3 succeed, never overbooked", async (t) => {
  const traveler = await createMember(db, "traveler", "email_verified");
  const trip = await createTripAsTraveler(db, traveler, { weightKg: 10, volumeL: 100, items: 50 });
  for (let i = 0; i < 7; i++) await reserveCapacity(db, trip, 1, 1, 1);   // 3 kg left

  const deliveries: string[] = [];
  for (let i = 0; i < 50; i++) deliveries.push(await createDeliveryRecord(db, trip));
  // Connected one after the other (50 simultaneous backend starts would only load the machine; the race is below).
  const clients: pg.Client[] = [];
  for (let i = 0; i < 50; i++) {
    const client = new pg.Client({ connectionString: db.ownerUrl });
    await client.connect();
    clients.push(client);
  }
  try {
    // Each connection opens its transaction first, then all fire at once: the competition is for the row lock.
    await Promise.all(clients.map((c) => c.query("begin")));
    const results = await Promise.all(clients.map(async (c, i) => {
      try {
        await c.query("select app_hidden.reserve_trip_capacity($1, $2, 1, 1, 1)", [trip, deliveries[i]]);
        await c.query("commit");
        return "ok";
      } catch (error) {
        await c.query("rollback");
        return (error as { code?: string }).code ?? "unknown";
      }
    }));
    t.is(results.filter((r) => r === "ok").length, 3);
    t.is(results.filter((r) => r === "CAPAC").length, 47, `outcomes: ${[...new Set(results)].join(", ")}`);
  } finally {
    await Promise.all(clients.map((c) => c.end()));
  }
  t.like(await tripRow(db, trip), { available_weight_kg: "0.00", available_items: 40 });
  t.is(Number((await queryAsRoot(db, "select count(*) from app_public.trip_capacity_reservations where trip_id = $1 and status = 'reserved'", [trip]))[0]!.count), 10);
  t.deepEqual(await capacityInvariantGaps(db, trip), ZERO);
});
