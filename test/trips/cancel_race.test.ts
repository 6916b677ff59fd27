// Cancelling a trip while a customer accepts an offer on it (docs/trips.md, Cancelling). Accept locks request →
// offer → trip; cancelling must take the same order, or the two wait on each other and PostgreSQL aborts one with a
// deadlock (40P01). The first test makes the interleaving deterministic: the accept's transaction already holds its
// request when the cancel starts. The second races many accepts against one cancel.
import test from "ava";
import pg from "pg";
import { createMember, openSession } from "../helpers/actors.ts";
import { asRoot, useTestDatabase } from "../helpers/database.ts";
import { createRequest, createTrip } from "../helpers/marketplace.ts";

const db = useTestDatabase(test);

async function offerOnTrip(traveler: string, trip: string): Promise<{ customer: string; request: string; offer: string }> {
  const customer = await createMember(db, "customer", "email_verified");
  const request = await createRequest(db, customer, { weightKg: 1 });
  const offer = await asRoot(db, async (c) => {
    await c.query("begin");
    await c.query("select set_config('jwt.claims.session_id', $1, true)", [await openSession(c, traveler)]);
    const id = (await c.query("select (app_public.submit_offer($1, $2, 3000)).id", [request, trip])).rows[0].id as string;
    await c.query("commit");
    return id;
  });
  return { customer, request, offer };
}

// A transaction signed in as `user`. `lockFirst` runs before the switch to app_user, as the superuser (app_user
// cannot lock rows it does not write), inside the same transaction.
async function signedIn(user: string, lockFirst?: [string, unknown[]]): Promise<pg.Client> {
  const session = await asRoot(db, (c) => openSession(c, user));
  const client = new pg.Client({ connectionString: lockFirst ? db.rootUrl : db.authUrl });
  await client.connect();
  await client.query("begin");
  if (lockFirst) await client.query(...lockFirst);
  await client.query("select set_config('jwt.claims.session_id', $1, true)", [session]);
  await client.query("set local role app_user");
  return client;
}

async function settle(client: pg.Client, sql: string, params: unknown[]): Promise<string> {
  try {
    await client.query(sql, params);
    await client.query("commit");
    return "ok";
  } catch (error) {
    await client.query("rollback");
    return (error as { code?: string }).code ?? "error";
  }
}

async function waitUntilBlocked(pid: number): Promise<void> {
  for (let i = 0; i < 200; i++) {
    const waiting = await asRoot(db, async (c) =>
      (await c.query("select wait_event_type = 'Lock' as waiting from pg_stat_activity where pid = $1", [pid])).rows[0]?.waiting);
    if (waiting) return;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`backend ${pid} never waited on a lock`);
}

test("a cancel that starts while an accept holds its request waits for it, then cancels the new delivery", async (t) => {
  const traveler = await createMember(db, "traveler", "id_verified");
  const trip = await createTrip(db, traveler, { weightKg: 20 });
  const { customer, request, offer } = await offerOnTrip(traveler, trip);

  // The accept's first lock (lock_offer takes the request first), taken ahead of the call.
  const accepter = await signedIn(customer, ["select 1 from app_public.delivery_requests where id = $1 for update", [request]]);
  const canceller = await signedIn(traveler);
  try {
    const cancelPid = (await canceller.query("select pg_backend_pid() as pid")).rows[0].pid as number;
    const cancelled = settle(canceller, "select app_public.cancel_trip($1, 'schedule_change')", [trip]);
    await waitUntilBlocked(cancelPid);
    const accepted = await settle(accepter, "select app_public.accept_offer($1, 1)", [offer]);
    t.deepEqual([accepted, await cancelled], ["ok", "ok"]);
  } finally {
    await Promise.all([accepter.end(), canceller.end()]);
  }

  const state = await asRoot(db, async (c) => (await c.query(
    `select (select status from app_public.trips where id = $1) as trip,
            (select array_agg(status::text) from app_public.deliveries where trip_id = $1) as deliveries,
            (select status from app_public.delivery_requests where id = $2) as request`, [trip, request])).rows[0]);
  t.deepEqual(state, { trip: "cancelled", deliveries: ["cancelled"], request: "pending" });
});

test("20 accepts racing one trip cancel: no deadlock, and nothing stays live on the cancelled trip", async (t) => {
  const traveler = await createMember(db, "traveler", "id_verified");
  const trip = await createTrip(db, traveler, { weightKg: 50, items: 50 });
  await asRoot(db, (c) => c.query("update app_public.system_configuration set value = '100' where category = 'limits' and key = 'max_active_deliveries'"));
  const threads: Awaited<ReturnType<typeof offerOnTrip>>[] = [];
  for (let i = 0; i < 20; i++) threads.push(await offerOnTrip(traveler, trip));

  const accepters = await Promise.all(threads.map((thread) => signedIn(thread.customer)));
  const canceller = await signedIn(traveler);
  try {
    const outcomes = await Promise.all([
      settle(canceller, "select app_public.cancel_trip($1, 'schedule_change')", [trip]),
      ...accepters.map((client, i) => settle(client, "select app_public.accept_offer($1, 1)", [threads[i]!.offer])),
    ]);
    t.is(outcomes[0], "ok");
    // An accept either won before the cancel (its delivery is then cancelled with the trip) or found the offer
    // withdrawn (BADST); never a deadlock or anything else.
    t.deepEqual(outcomes.slice(1).filter((o) => o !== "ok" && o !== "BADST"), []);
  } finally {
    await Promise.all([...accepters, canceller].map((c) => c.end()));
  }

  const live = await asRoot(db, async (c) => (await c.query(
    `select (select count(*)::int from app_public.deliveries where trip_id = $1 and status <> 'cancelled') as deliveries,
            (select count(*)::int from app_public.delivery_offers where trip_id = $1 and status = 'pending') as offers`,
    [trip])).rows[0]);
  t.deepEqual(live, { deliveries: 0, offers: 0 });
});
