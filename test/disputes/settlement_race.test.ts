// Exactly-once settlement (docs/disputes.md, Resolution): two admins resolving the same dispute at once, on real
// connections as app_user with their own two-factor sessions. The dispute's row lock queues the second, which then
// finds it resolved (BADST); one settlement row, one refund at Stripe, one refund posting in the ledger. First
// deterministically (the second is seen waiting on the lock before the first commits), then freely, five times.
import test from "ava";
import pg from "pg";
import { createMember, makeAdmin, openSession } from "../helpers/actors.ts";
import { asRoot, queryAsRoot } from "../helpers/database.ts";
import { type AcceptedDelivery, advanceDelivery, createAcceptedDelivery } from "../helpers/marketplace.ts";
import { confirmCard, ledgerImbalance, runPaymentJob, settle, startStripeHarness } from "../helpers/payments.ts";
import { useTestServer } from "../helpers/server.ts";

const h = await startStripeHarness(test, "whsec_disputes_race_test");
const { db, server } = useTestServer(test, h.env);
const admins: string[] = [];
test.serial.before(async () => {
  h.fake.webhookUrl = `${server.url}/webhooks/stripe`;
  for (const role of ["admin", "super_admin"]) {
    const id = await createMember(db, "both");
    await makeAdmin(db, id, role);
    admins.push(id);
  }
});

async function disputedDelivery(): Promise<{ delivery: AcceptedDelivery; dispute: string }> {
  const d = await createAcceptedDelivery(db, server, { price: 2000, payment: "none" });
  await settle(db, h);
  await confirmCard(db, h, d.id);
  await advanceDelivery(db, server, d, ["pickUp"]);
  await runPaymentJob(db, h, "payments__capture", d.id);
  const dispute = await asRoot(db, async (c) => {
    await c.query("begin");
    await c.query("select set_config('jwt.claims.session_id', $1, true)", [await openSession(c, d.customer)]);
    await c.query("set local role app_user");
    const id = (await c.query(`select (app_public.open_dispute($1, 'item_damaged', 'Crushed box, broken glass.',
      'partial_refund', 1000)).id`, [d.id])).rows[0].id as string;
    await c.query("commit");
    return id;
  });
  return { delivery: d, dispute };
}

async function adminClient(admin: string): Promise<pg.Client> {
  const session = await asRoot(db, (c) => openSession(c, admin, { mfaVerified: true }));
  const client = new pg.Client({ connectionString: db.authUrl });
  await client.connect();
  await client.query("begin");
  await client.query("select set_config('jwt.claims.session_id', $1, true)", [session]);
  await client.query("set local role app_user");
  return client;
}

const RESOLVE = "select app_public.resolve_dispute($1, 'partial_refund', 'delivered', 1100, null, 1000, 'race') as r";
async function attempt(client: pg.Client, dispute: string): Promise<string> {
  try {
    await client.query(RESOLVE, [dispute]);
    await client.query("commit");
    return "resolved";
  } catch (error) {
    await client.query("rollback");
    return (error as { code?: string }).code ?? "error";
  }
}

async function assertSettledOnce(t: import("ava").ExecutionContext, d: AcceptedDelivery, dispute: string): Promise<void> {
  await settle(db, h);
  const [row] = await queryAsRoot(db, `select
      (select count(*)::int from app_private.dispute_settlements where dispute_id = $2) as settlements,
      (select count(*)::int from app_public.refunds where delivery_id = $1) as refunds,
      (select count(*)::int from app_private.ledger_transactions where delivery_id = $1 and kind = 'refund') as postings,
      (select count(*)::int from app_public.admin_activity_log where resource_type = 'dispute' and resource_id = $2::text) as audits,
      (select refunded_amount::int from app_public.payment_intents where delivery_id = $1) as refunded`, [d.id, dispute]);
  t.deepEqual(row, { settlements: 1, refunds: 1, postings: 1, audits: 1, refunded: 1100 });
  const refund = (await queryAsRoot(db, "select id from app_public.refunds where delivery_id = $1", [d.id]))[0]!.id;
  t.is(h.fake.requests.filter((r) => r.method === "POST" && r.path === "/v1/refunds" && r.idempotencyKey === `refund:${refund}`).length, 1);
  t.deepEqual(await ledgerImbalance(db), {});
}

test.serial("the second admin waits on the dispute's lock, then finds it resolved: one settlement", async (t) => {
  const { delivery, dispute } = await disputedDelivery();
  const [first, second] = [await adminClient(admins[0]!), await adminClient(admins[1]!)];
  try {
    await first.query(RESOLVE, [dispute]);
    const pid = (await second.query("select pg_backend_pid() as pid")).rows[0].pid as number;
    const racing = attempt(second, dispute);
    for (let i = 0; ; i++) {
      const [waiting] = await queryAsRoot(db, "select wait_event_type from pg_stat_activity where pid = $1", [pid]);
      if (waiting?.wait_event_type === "Lock") break;
      if (i > 200) throw new Error("the second admin never waited on the lock");
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    await first.query("commit");
    t.is(await racing, "BADST");
  } finally {
    await first.end();
    await second.end();
  }
  await assertSettledOnce(t, delivery, dispute);
});

test.serial("two admins at the same moment, five times: always exactly one settles", async (t) => {
  for (let round = 0; round < 5; round++) {
    const { delivery, dispute } = await disputedDelivery();
    const clients = await Promise.all(admins.map(adminClient));
    try {
      const outcomes = await Promise.all(clients.map((client) => attempt(client, dispute)));
      t.deepEqual(outcomes.sort(), ["BADST", "resolved"]);
    } finally {
      await Promise.all(clients.map((client) => client.end()));
    }
    await assertSettledOnce(t, delivery, dispute);
  }
});
