// POST /webhooks/stripe on the real server: only events signed with the endpoint's secret, within 300 s, over the
// exact bytes, are stored (once per event id, enqueueing stripe__process_event once); unknown types are stored and
// processed as ignored; payment states only move forward whatever order events arrive in.
import test from "ava";
import Stripe from "stripe";
import { readStripeConfig } from "../../lib/config.ts";
import { createStripeClient } from "../../lib/stripe.ts";
import { startFakeStripe } from "../../lib/stripe_fake.ts";
import { queryAsRoot } from "../helpers/database.ts";
import { createAcceptedDelivery } from "../helpers/marketplace.ts";
import { useTestServer } from "../helpers/server.ts";
import { runReadyJobs, workerTaskList } from "../helpers/worker.ts";

const SECRET = "whsec_payments_webhook_test";
const fake = await startFakeStripe({ webhookSecret: SECRET });
const env = { STRIPE_API_PORT: String(fake.port), STRIPE_WEBHOOK_SECRET: SECRET };
const { db, server } = useTestServer(test, env);
const taskList = workerTaskList(env);
const stripe = createStripeClient(readStripeConfig(env));
test.after.always(async () => {
  await fake.close();
});

let counter = 0;
const event = (type: string, object: Record<string, unknown> = { id: "pi_none", object: "payment_intent" }) =>
  JSON.stringify({ id: `evt_test${Date.now()}${++counter}`, object: "event", type, created: Math.floor(Date.now() / 1000),
    livemode: false, data: { object } });
const header = (body: string, timestamp = Math.floor(Date.now() / 1000), secret = SECRET) =>
  Stripe.webhooks.generateTestHeaderString({ payload: body, secret, timestamp });
const post = async (body: string, signature: string | undefined) => {
  const res = await fetch(`${server.url}/webhooks/stripe`, { method: "POST", body,
    headers: { "content-type": "application/json", ...(signature ? { "stripe-signature": signature } : {}) } });
  return { status: res.status, body: await res.json() as any };
};
const stored = async (id: string) => (await queryAsRoot(db,
  "select count(*)::int as n from app_private.stripe_events where id = $1", [id]))[0]!.n as number;
const jobs = async (id: string) => (await queryAsRoot(db,
  `select count(*)::int as n from graphile_worker._private_jobs j join graphile_worker._private_tasks k on k.id = j.task_id
    where k.identifier = 'stripe__process_event' and j.payload ->> 'id' = $1 and j.revision = 0`,
  [id]))[0]!.n as number;

test.serial("a correctly signed event is stored once and enqueues its processing once; a replay changes nothing", async (t) => {
  const body = event("payment_intent.created");
  const id = JSON.parse(body).id;
  t.like(await post(body, header(body)), { status: 200, body: { received: true, duplicate: false } });
  t.like(await post(body, header(body)), { status: 200, body: { received: true, duplicate: true } });
  t.is(await stored(id), 1);
  t.is(await jobs(id), 1);
});

test.serial("refused with 400 BADTK: no signature, another secret, an expired timestamp, a tampered body", async (t) => {
  const body = event("payment_intent.succeeded");
  const id = JSON.parse(body).id;
  const cases: Array<[string, string | undefined, string]> = [
    ["no signature", undefined, body],
    ["another secret", header(body, undefined, "whsec_someone_else"), body],
    ["older than 300 s", header(body, Math.floor(Date.now() / 1000) - 301), body],
    ["tampered body", header(body), body.replace('"livemode": false', '"livemode": true').replace("false", "true")],
    ["garbage header", "t=abc,v1=def", body],
  ];
  for (const [name, signature, sent] of cases) {
    const res = await post(sent, signature);
    t.is(res.status, 400, name);
    t.is(res.body.errors[0].extensions.code, "BADTK", name);
  }
  t.is(await stored(id), 0);
  t.like(await post(body, header(body, Math.floor(Date.now() / 1000) - 290)), { status: 200 }, "within the tolerance");
  const get = await fetch(`${server.url}/webhooks/stripe`);
  t.is(get.status, 405);
});

test.serial("unknown event types are stored and processed as ignored", async (t) => {
  const body = event("customer.created", { id: "cus_x", object: "customer" });
  const id = JSON.parse(body).id;
  await post(body, header(body));
  await runReadyJobs(db, { taskList });
  t.deepEqual((await queryAsRoot(db, "select outcome, processed_at is not null as processed from app_private.stripe_events where id = $1",
    [id]))[0], { outcome: "ignored", processed: true });
});

test.serial("states only move forward: a late authorisation event after the capture changes nothing", async (t) => {
  const delivery = await createAcceptedDelivery(db, server, { price: 2000, payment: "none" });
  await runReadyJobs(db, { taskList });
  const [{ pi }] = await queryAsRoot(db, `select r.stripe_id as pi from app_private.stripe_refs r
    join app_public.payment_intents p on p.id = r.payment_intent_id where p.delivery_id = $1 and r.kind = 'payment_intent'`,
    [delivery.id]) as [{ pi: string }];
  const authorised = await stripe.paymentIntents.confirm(pi, { payment_method: "pm_card_visa" });
  const captured = await stripe.paymentIntents.capture(pi);
  // Delivered out of order: the capture first, then the authorisation.
  for (const [type, object] of [["payment_intent.succeeded", captured], ["payment_intent.amount_capturable_updated", authorised]] as const) {
    const body = event(type, object as unknown as Record<string, unknown>);
    t.is((await post(body, header(body))).status, 200);
    await runReadyJobs(db, { taskList });
  }
  const [row] = await queryAsRoot(db, `select p.status, p.captured_amount, e.status as escrow
    from app_public.payment_intents p join app_public.escrow_accounts e on e.payment_intent_id = p.id where p.delivery_id = $1`,
    [delivery.id]);
  t.deepEqual(row, { status: "succeeded", captured_amount: "2294", escrow: "held" });
  const outcomes = (await queryAsRoot(db, `select outcome from app_private.stripe_events where id like 'evt_test%'
    and body -> 'data' -> 'object' ->> 'id' = $1 order by received_at`, [pi])).map((r) => r.outcome);
  t.deepEqual(outcomes, ["succeeded", "stale: requires_capture after succeeded"]);
  const [{ n }] = await queryAsRoot(db, "select count(*)::int as n from app_private.ledger_transactions where delivery_id = $1",
    [delivery.id]);
  t.is(n, 1, "the capture is posted once");
});
