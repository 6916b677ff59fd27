// The overbooking race (docs/trips.md, Capacity): 50 customers accept offers on the same trip at the same moment, over
// 50 real connections, while the trip has room for only 7 of their items. Exactly 7 accepts win; the others get
// CAPAC; the trip's capacity never goes below zero and equals what its reservations hold.
import test from "ava";
import pg from "pg";
import { createMember, openSession } from "../helpers/actors.ts";
import { asRoot, useTestDatabase } from "../helpers/database.ts";
import { createRequest, createTrip } from "../helpers/marketplace.ts";

const db = useTestDatabase(test);

const CONTENDERS = 50;
const ROOM = 7;

test("50 parallel accepts competing for the last capacity of one trip never overbook", async (t) => {
  const traveler = await createMember(db, "traveler", "id_verified");
  // 3 kg per item and 21 kg of room: exactly 7 items fit (items and volume leave room, so weight decides).
  const trip = await createTrip(db, traveler, { weightKg: 21, items: 50, volumeL: 500 });
  await asRoot(db, (c) => c.query("update app_public.system_configuration set value = '100' where category = 'limits' and key = 'max_active_deliveries'"));

  const contenders: Array<{ customer: string; offer: string; session: string }> = [];
  for (let i = 0; i < CONTENDERS; i++) {
    const customer = await createMember(db, "customer", "email_verified");
    const request = await createRequest(db, customer, { weightKg: 3 });
    const offer = await asRoot(db, async (c) => {
      await c.query("begin");
      await c.query("select set_config('jwt.claims.session_id', $1, true)", [await openSession(c, traveler)]);
      const id = (await c.query("select (app_public.submit_offer($1, $2, 3000)).id", [request, trip])).rows[0].id as string;
      await c.query("commit");
      return id;
    });
    contenders.push({ customer, offer, session: await asRoot(db, (c) => openSession(c, customer)) });
  }

  const clients = await Promise.all(contenders.map(async () => {
    const client = new pg.Client({ connectionString: db.authUrl });
    await client.connect();
    return client;
  }));
  try {
    // Everyone is inside a transaction with their role set before anyone accepts.
    await Promise.all(clients.map(async (client, i) => {
      await client.query("begin");
      await client.query("select set_config('jwt.claims.session_id', $1, true)", [contenders[i]!.session]);
      await client.query("set local role app_user");
    }));
    const outcomes = await Promise.all(clients.map(async (client, i) => {
      try {
        await client.query("select app_public.accept_offer($1, 1)", [contenders[i]!.offer]);
        await client.query("commit");
        return "accepted";
      } catch (error) {
        await client.query("rollback");
        return (error as { code?: string }).code ?? "error";
      }
    }));
    const tally: Record<string, number> = {};
    for (const outcome of outcomes) tally[outcome] = (tally[outcome] ?? 0) + 1;
    t.deepEqual(tally, { accepted: ROOM, CAPAC: CONTENDERS - ROOM });
  } finally {
    await Promise.all(clients.map((c) => c.end()));
  }

  const state = await asRoot(db, async (c) => (await c.query(
    `select t.available_weight_kg, t.capacity_weight_kg - t.available_weight_kg as used,
            (select coalesce(sum(r.weight_kg), 0) from app_public.trip_capacity_reservations r
              where r.trip_id = t.id and r.status in ('reserved', 'consumed')) as reserved,
            (select count(*)::int from app_public.deliveries d where d.trip_id = t.id) as deliveries
       from app_public.trips t where t.id = $1`, [trip])).rows[0]);
  t.deepEqual(state, { available_weight_kg: "0.00", used: "21.00", reserved: "21.00", deliveries: ROOM });
});
