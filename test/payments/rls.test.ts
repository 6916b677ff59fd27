// RLS matrix of the money tables: payment_intents, escrow_accounts and refunds are read by the delivery's two
// parties and by finance (finance.read); payout_accounts, payouts and promotional_credits by their owner and finance. Anonymous has no
// access; other users and admins without finance.read see nothing; nobody writes (42501).
import test from "ava";
import { actAs, anonymous, createMember, makeAdmin, user } from "../helpers/actors.ts";
import { queryAsRoot, useTestDatabase } from "../helpers/database.ts";
import { sqlstate } from "../helpers/errors.ts";
import { createDeliveryRecord, createTrip } from "../helpers/marketplace.ts";

const db = useTestDatabase(test);
let customer: string;
let traveler: string;
let stranger: string;
let finance: string;
let support: string;
const rows: Record<string, string> = {};

test.before(async () => {
  customer = await createMember(db, "customer", "email_verified");
  traveler = await createMember(db, "traveler");
  stranger = await createMember(db, "both");
  finance = await createMember(db, "both");
  support = await createMember(db, "both");
  await makeAdmin(db, finance, "finance");
  await makeAdmin(db, support, "support");
  const delivery = await createDeliveryRecord(db, await createTrip(db, traveler), { customerId: customer });
  const [{ p }] = await queryAsRoot(db, "select app_private.prepare_payment_intent($1) as p", [delivery]) as [{ p: any }];
  rows.payment_intents = p.payment_intent_id;
  rows.escrow_accounts = (await queryAsRoot(db, "select id from app_public.escrow_accounts where delivery_id = $1", [delivery]))[0]!.id;
  // A refund needs a captured payment (Σ refunds ≤ captured): another delivery of the same parties, captured.
  const captured = await createDeliveryRecord(db, await createTrip(db, traveler), { customerId: customer });
  const [{ c }] = await queryAsRoot(db, "select app_private.prepare_payment_intent($1) as c", [captured]) as [{ c: any }];
  await queryAsRoot(db, `update app_public.payment_intents set status = 'succeeded', captured_amount = amount,
    captured_at = now() where id = $1`, [c.payment_intent_id]);
  rows.refunds = (await queryAsRoot(db, `insert into app_public.refunds (id, payment_intent_id, delivery_id, customer_id,
      traveler_id, amount, currency, reason, idempotency_key)
    select r.id, p.id, delivery_id, customer_id, traveler_id, 100, currency, 'customer_request', 'refund:' || r.id
      from app_public.payment_intents p, (select gen_random_uuid() as id) r
     where p.id = $1 returning id`, [c.payment_intent_id]))[0]!.id;
  rows.payout_accounts = (await queryAsRoot(db,
    "insert into app_public.payout_accounts (user_id, status, payouts_enabled) values ($1, 'active', true) returning id",
    [traveler]))[0]!.id;
  rows.payouts = (await queryAsRoot(db, `insert into app_public.payouts (user_id, payout_account_id, amount, fee, net, currency)
    values ($1, $2, 1000, 0, 1000, 'EUR') returning id`, [traveler, rows.payout_accounts]))[0]!.id;
  rows.promotional_credits = (await queryAsRoot(db, `select (app_private.grant_credit($1, 'promotional', 500, 'EUR',
    now() + interval '30 days')).id`, [traveler]))[0]!.id;
});

const DELIVERY_TABLES = ["payment_intents", "escrow_accounts", "refunds"];
const OWNER_TABLES = ["payout_accounts", "payouts", "promotional_credits"];

async function visible(actorId: string, table: string): Promise<boolean> {
  return actAs(db, user(actorId), async (c) =>
    (await c.query(`select id from app_public.${table} where id = $1`, [rows[table]])).rowCount === 1);
}

test("anonymous reads none of the money tables", async (t) => {
  for (const table of [...DELIVERY_TABLES, ...OWNER_TABLES]) {
    t.is(await sqlstate(actAs(db, anonymous, (c) => c.query(`select * from app_public.${table}`))), "42501", table);
  }
});

test("a delivery's payment, escrow and refunds: both parties and finance read them; others and support do not", async (t) => {
  for (const table of DELIVERY_TABLES) {
    t.true(await visible(customer, table), `${table}: customer`);
    t.true(await visible(traveler, table), `${table}: traveler`);
    t.true(await visible(finance, table), `${table}: finance`);
    t.false(await visible(stranger, table), `${table}: another user`);
    t.false(await visible(support, table), `${table}: an admin without finance.read`);
  }
});

test("payout accounts, payouts and promotional credits: their owner and finance read them; the customer, others and support do not", async (t) => {
  for (const table of OWNER_TABLES) {
    t.true(await visible(traveler, table), `${table}: owner`);
    t.true(await visible(finance, table), `${table}: finance`);
    t.false(await visible(customer, table), `${table}: the customer`);
    t.false(await visible(stranger, table), `${table}: another user`);
    t.false(await visible(support, table), `${table}: an admin without finance.read`);
  }
});

test("nobody writes the money tables directly: insert, update and delete are refused with 42501", async (t) => {
  for (const actor of [customer, traveler, finance]) {
    for (const table of [...DELIVERY_TABLES, ...OWNER_TABLES]) {
      await actAs(db, user(actor), async (c) => {
        for (const sql of [`update app_public.${table} set updated_at = now() where id = $1`,
                           `delete from app_public.${table} where id = $1`,
                           `insert into app_public.${table} (id) values ($1)`]) {
          await c.query("savepoint s");
          t.is(await sqlstate(c.query(sql, [rows[table]])), "42501", `${table}: ${sql}`);
          await c.query("rollback to savepoint s");
        }
      });
    }
  }
});

test("the API roles reach nothing in app_private: Stripe ids, the inbox and the ledger", async (t) => {
  for (const table of ["stripe_refs", "stripe_events", "ledger_accounts", "ledger_transactions", "ledger_entries"]) {
    t.is(await sqlstate(actAs(db, user(finance), (c) => c.query(`select * from app_private.${table}`))), "42501", table);
  }
});

test("payment_authorized: false until the payment is authorised (requires_capture) or captured", async (t) => {
  const authorized = async () => (await queryAsRoot(db,
    "select app_hidden.payment_authorized(delivery_id) as ok from app_public.payment_intents where id = $1",
    [rows.payment_intents]))[0]!.ok;
  t.false(await authorized());
  // As a party under RLS, as the handover's caller would be.
  t.false(await actAs(db, user(traveler), async (c) => (await c.query(
    "select app_hidden.payment_authorized(delivery_id) as ok from app_public.payment_intents where id = $1",
    [rows.payment_intents])).rows[0].ok));
});
