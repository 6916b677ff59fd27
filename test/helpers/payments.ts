// Payment fixtures. The pickup needs an authorised payment (app_hidden.pickup_allowed: the pickup code is issued,
// and a pickup scan succeeds, only then), so every delivery a test hands over needs one:
//   - authorizePayment(db, delivery) records, as the database owner, a PaymentIntent authorised at Stripe: the
//     payment's rows from the delivery's price (app_private.prepare_payment_intent, as payments__create_intent does)
//     and a requires_capture PaymentIntent with its charge (app_private.record_payment_intent, as the task records
//     Stripe's answer). Test setup data, like readyFile: no Stripe is involved, and payments__create_intent then
//     finds it done. createAcceptedDelivery does it unless told `payment: "none"`.
//   - Tests of the money itself (test/payments) run the Stripe fake and take the real path instead: the task creates
//     the PaymentIntent at the fake, the card confirms it, the webhook authorises it (test/payments/flow.test.ts):
//     startStripeHarness, settle, confirmCard, runPaymentJob and the ledger's balances below.
import { randomBytes } from "node:crypto";
import type { TestFn } from "ava";
import type { TaskList } from "graphile-worker";
import type Stripe from "stripe";
import { readStripeConfig } from "../../lib/config.ts";
import { createStripeClient } from "../../lib/stripe.ts";
import { type FakeStripe, startFakeStripe } from "../../lib/stripe_fake.ts";
import { queryAsRoot, type TestDatabase } from "./database.ts";
import { runReadyJobs, workerTaskList } from "./worker.ts";

/** Records an authorised (requires_capture) PaymentIntent for the delivery's payment; returns its Stripe-like id. */
export async function authorizePayment(db: TestDatabase, deliveryId: string): Promise<string> {
  const [{ plan }] = await queryAsRoot<{ plan: { amount: number; currency: string; payment_intent_id: string } }>(db,
    "select app_private.prepare_payment_intent($1) as plan", [deliveryId]);
  const suffix = randomBytes(9).toString("hex");
  const id = `pi_fixture${suffix}`;
  await queryAsRoot(db, "select app_private.record_payment_intent($1, $2::jsonb)", [deliveryId, JSON.stringify({
    id, object: "payment_intent", amount: plan!.amount, amount_capturable: plan!.amount, amount_received: 0,
    capture_method: "manual", client_secret: `${id}_secret_fixture`, currency: plan!.currency,
    latest_charge: `ch_fixture${suffix}`, status: "requires_capture", last_payment_error: null,
    metadata: { delivery_id: deliveryId, payment_id: plan!.payment_intent_id } })]);
  return id;
}

/** authorizePayment unless the delivery's payment is authorised already (advanceDelivery's pickUp). */
export async function ensurePaymentAuthorized(db: TestDatabase, deliveryId: string): Promise<void> {
  const [{ ok }] = await queryAsRoot<{ ok: boolean }>(db, "select app_hidden.payment_authorized($1) as ok", [deliveryId]);
  if (!ok) await authorizePayment(db, deliveryId);
}

// ---- The Stripe fake, for the payment tests -------------------------------------------------------------------

/** A test file's Stripe: the fake on its own port, the official SDK and the worker's tasks pointed at it. */
export interface StripeHarness {
  fake: FakeStripe;
  /** What the server and the worker need to reach the fake (useTestServer's and workerTaskList's overrides). */
  env: Record<string, string>;
  stripe: Stripe;
  taskList: TaskList;
}

/** Starts the fake (closed after the file's tests); point its webhooks at the server once it runs (webhookUrl). */
export async function startStripeHarness(test: TestFn, webhookSecret: string): Promise<StripeHarness> {
  const fake = await startFakeStripe({ webhookSecret });
  const env = { STRIPE_API_PORT: String(fake.port), STRIPE_WEBHOOK_SECRET: webhookSecret };
  test.after.always(async () => {
    await fake.close();
  });
  return { fake, env, stripe: createStripeClient(readStripeConfig(env)), taskList: workerTaskList(env) };
}

/** Lets the fake deliver its webhooks and runs every ready job, twice (a job's Stripe call sends more webhooks). */
export async function settle(db: TestDatabase, h: StripeHarness): Promise<void> {
  for (let pass = 0; pass < 2; pass++) {
    await h.fake.settled();
    await runReadyJobs(db, { taskList: h.taskList });
  }
}

/** Enqueues one job of the task for the delivery (or refund) id, without retries, and settles. */
export async function runPaymentJob(db: TestDatabase, h: StripeHarness, task: string, id?: string): Promise<void> {
  await queryAsRoot(db, "select graphile_worker.add_job($1, coalesce(json_build_object('id', $2::text), '{}'), max_attempts => 1)",
    [task, id ?? null]);
  await settle(db, h);
}

/** The Stripe id of the delivery's PaymentIntent. */
export async function paymentIntentId(db: TestDatabase, deliveryId: string): Promise<string> {
  const rows = await queryAsRoot<{ pi: string }>(db, `select r.stripe_id as pi from app_private.stripe_refs r
    join app_public.payment_intents p on p.id = r.payment_intent_id where p.delivery_id = $1 and r.kind = 'payment_intent'`,
    [deliveryId]);
  return rows[0]!.pi;
}

/** The customer's card confirms the PaymentIntent, as the app does with its client secret; the webhook authorises it. */
export async function confirmCard(db: TestDatabase, h: StripeHarness, deliveryId: string, card = "pm_card_visa"): Promise<void> {
  await h.stripe.paymentIntents.confirm(await paymentIntentId(db, deliveryId), { payment_method: card }).catch((error) => {
    if ((error as { type?: string }).type !== "StripeCardError") throw error;
  });
  await settle(db, h);
}

/** Balances of the ledger per account (code, and the traveler's for theirs) and currency: all of them, or one delivery's. */
export async function ledgerBalances(db: TestDatabase, deliveryId?: string): Promise<Record<string, number>> {
  const rows = await queryAsRoot<{ account: string; total: number }>(db, `
    select a.code || coalesce(':' || a.user_id, '') || ' ' || a.currency as account, sum(e.amount)::int as total
      from app_private.ledger_entries e join app_private.ledger_accounts a on a.id = e.account_id
      join app_private.ledger_transactions t on t.id = e.transaction_id
     where $1::uuid is null or t.delivery_id = $1
     group by 1 order by 1`, [deliveryId ?? null]);
  return Object.fromEntries(rows.map((r) => [r.account, r.total]));
}

/** Currencies whose ledger entries do not sum to zero, with the difference (none: {}). */
export async function ledgerImbalance(db: TestDatabase): Promise<Record<string, number>> {
  const rows = await queryAsRoot<{ currency: string; total: number }>(db,
    "select currency, sum(amount)::int as total from app_private.ledger_entries group by currency having sum(amount) <> 0");
  return Object.fromEntries(rows.map((r) => [r.currency, r.total]));
}
