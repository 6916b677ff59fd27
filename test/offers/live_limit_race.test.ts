// The live-delivery limits under concurrency (docs/offers.md, Shared checks): one
// traveler has offers pending on many requests, spread over several trips, and every customer accepts at the same
// moment over a connection of their own. The traveler never ends up with more live deliveries than the limit of
// their level; every other accept gets LIMIT. Without the per-traveler lock of the accept transaction, accepts on
// different trips (different trip locks) all count the same committed deliveries and all pass.
import test from "ava";
import pg from "pg";
import { openSession } from "../helpers/actors.ts";
import { asRoot, createTestDatabase, type TestDatabase } from "../helpers/database.ts";
import { createMember, createRequest, createTrip, type Level } from "../helpers/marketplace.ts";

let db: TestDatabase;
test.before(async () => {
  db = await createTestDatabase();
});
test.after.always(async () => {
  await db?.drop();
});

const CONTENDERS = 24;
const TRIPS = 8;

const setConfig = (key: string, value: number) => asRoot(db, (c) => c.query(
  "update app_public.system_configuration set value = to_jsonb($3::int) where category = $1 and key = $2",
  [key.split(".")[0], key.split(".")[1], value]));

/** Races CONTENDERS accepts of one traveler's offers (spread over TRIPS trips); returns the tally and the live count. */
async function race(level: Level): Promise<{ tally: Record<string, number>; live: number }> {
  const traveler = await createMember(db, "traveler", level);
  const trips: string[] = [];
  for (let i = 0; i < TRIPS; i++) trips.push(await createTrip(db, traveler, { weightKg: 100, items: 50, volumeL: 500 }));

  const contenders: Array<{ offer: string; session: string }> = [];
  for (let i = 0; i < CONTENDERS; i++) {
    const customer = await createMember(db, "customer", "email_verified");
    const request = await createRequest(db, customer, { declaredValue: 5000 });
    const offer = await asRoot(db, async (c) => {
      await c.query("begin");
      await c.query("select set_config('jwt.claims.session_id', $1, true)", [await openSession(c, traveler)]);
      const id = (await c.query("select (app_public.submit_offer($1, $2, 3000)).id", [request, trips[i % TRIPS]])).rows[0].id as string;
      await c.query("commit");
      return id;
    });
    contenders.push({ offer, session: await asRoot(db, (c) => openSession(c, customer)) });
  }

  // Connected one after the other; then every transaction is open, with its role set, before anyone accepts.
  const clients: pg.Client[] = [];
  for (let i = 0; i < CONTENDERS; i++) {
    const client = new pg.Client({ connectionString: db.authUrl });
    await client.connect();
    clients.push(client);
  }
  try {
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
    const live = await asRoot(db, async (c) => Number((await c.query(
      "select count(*) from app_public.deliveries where traveler_id = $1 and status not in ('delivered', 'cancelled')",
      [traveler])).rows[0].count));
    return { tally, live };
  } finally {
    await Promise.all(clients.map((c) => c.end()));
  }
}

test.serial("24 parallel accepts over 8 trips never push a traveler past limits.max_active_deliveries", async (t) => {
  await setConfig("limits.max_active_deliveries", 4);
  const { tally, live } = await race("id_verified");
  t.deepEqual(tally, { accepted: 4, LIMIT: CONTENDERS - 4 });
  t.is(live, 4);
});

test.serial("24 parallel accepts never push a phone_verified traveler past verification.phone_max_active", async (t) => {
  await setConfig("limits.max_active_deliveries", 10);
  await setConfig("verification.phone_max_active", 3);
  const { tally, live } = await race("phone_verified");
  t.deepEqual(tally, { accepted: 3, LIMIT: CONTENDERS - 3 });
  t.is(live, 3);
});
