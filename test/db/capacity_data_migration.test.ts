// The data step of 20261207110200_capacity_reserved_until_delivery: items picked up under the old rule (capacity
// consumed at pickup) hold a consumed reservation; the migration turns those of undelivered, uncancelled deliveries
// back to reserved (delivered ones stay consumed), and its down part restores the old state. Run on seeded rows:
// its down part recreates the old state, its up part must then give back exactly the current one.
import { readFile } from "node:fs/promises";
import test from "ava";
import { asRoot, createTestDatabase, type TestDatabase } from "../helpers/database.ts";
import { transitionDelivery, createDeliveryRecord, createMember, createTrip } from "../helpers/marketplace.ts";

let db: TestDatabase;
test.before(async () => {
  db = await createTestDatabase();
});
test.after.always(async () => {
  await db?.drop();
});

const MIGRATION = new URL("../../db/migrations/20261207110200_capacity_reserved_until_delivery.sql", import.meta.url);

test("picked-up items go back to reserved; delivered and released ones are left alone; down restores the old rule", async (t) => {
  const [up, down] = (await readFile(MIGRATION, "utf8")).split("-- migrate:down");
  const traveler = await createMember(db, "traveler");
  const trip = await createTrip(db, traveler);
  const delivery = (...statuses: string[]) => createDeliveryRecord(db, trip, { reserveCapacity: true })
    .then(async (id) => { await transitionDelivery(db, id, ...statuses); return id; });
  const accepted = await delivery();
  const inTransit = await delivery("picked_up", "in_transit");
  const delivered = await delivery("picked_up", "delivered");
  const cancelled = await delivery();
  await asRoot(db, async (c) => {
    await c.query("update app_public.deliveries set cancellation_reason = 'other', cancelled_by = $2 where id = $1", [cancelled, traveler]);
    await c.query("select app_hidden.transition_delivery($1, 'cancelled', 'user', $2)", [cancelled, traveler]);
  });
  const states = () => asRoot(db, async (c) => (await c.query(
    `select r.status from unnest($1::uuid[]) with ordinality as d(id, n)
       join app_public.trip_capacity_reservations r on r.delivery_id = d.id order by d.n`,
    [[accepted, inTransit, delivered, cancelled]])).rows.map((r) => r.status as string));
  const available = () => asRoot(db, async (c) =>
    (await c.query("select available_weight_kg from app_public.trips where id = $1", [trip])).rows[0].available_weight_kg as string);
  const current = ["reserved", "reserved", "consumed", "released"];
  t.deepEqual(await states(), current);
  const held = await available();

  await asRoot(db, (c) => c.query(`begin; ${down} commit;`));
  t.deepEqual(await states(), ["reserved", "consumed", "consumed", "released"], "the old rule: consumed at pickup");
  await asRoot(db, (c) => c.query(`begin; ${up!.replace(/^-- migrate:up/, "")} commit;`));
  t.deepEqual(await states(), current);
  t.is(await available(), held, "available capacity never moves");
});
