// The payment flow end to end against the Stripe fake on loopback, through the real pieces: acceptOffer enqueues
// payments__create_intent, the worker's tasks call the fake through the official SDK, the fake sends signed webhooks
// to the real server's /webhooks/stripe, record_stripe_event stores them and stripe__process_event applies them;
// the capture, hold and release tasks run as the QR handover and the crontab will run them. Jobs run one pass at a
// time (runReadyJobs), so the tests of this file are serial.
import test from "ava";
import { runOnce } from "graphile-worker";
import type Stripe from "stripe";
import { readStripeConfig } from "../../lib/config.ts";
import { createStripeClient } from "../../lib/stripe.ts";
import { startFakeStripe } from "../../lib/stripe_fake.ts";
import { queryAsRoot } from "../helpers/database.ts";
import { advanceDelivery, createAcceptedDelivery, type AcceptedDelivery } from "../helpers/marketplace.ts";
import { useTestServer } from "../helpers/server.ts";
import { runOnceOptions, runReadyJobs, workerTaskList } from "../helpers/worker.ts";

const SECRET = "whsec_payments_flow_test";
const fake = await startFakeStripe({ webhookSecret: SECRET });
const env = { STRIPE_API_PORT: String(fake.port), STRIPE_WEBHOOK_SECRET: SECRET };
const { db, server } = useTestServer(test, env);
const taskList = workerTaskList(env);
const stripe: Stripe = createStripeClient(readStripeConfig(env));
test.serial.before(() => {
  fake.webhookUrl = `${server.url}/webhooks/stripe`;
});
test.after.always(async () => {
  await fake.close();
});

/** Lets the fake deliver its webhooks, then runs every ready job (their processing included). */
async function work(): Promise<void> {
  await fake.settled();
  await runReadyJobs(db, { taskList });
}
async function runJob(task: string, id: string): Promise<void> {
  await queryAsRoot(db, "select graphile_worker.add_job($1, json_build_object('id', $2::text), max_attempts => 1)", [task, id]);
  await work();
}
const payment = async (delivery: string) => (await queryAsRoot(db, `
  select p.*, e.status as escrow_status, e.hold_until, e.held_at, e.released_amount, e.release_condition,
         (select stripe_id from app_private.stripe_refs r where r.payment_intent_id = p.id and r.kind = 'payment_intent') as pi,
         (select client_secret from app_private.stripe_refs r where r.payment_intent_id = p.id and r.kind = 'payment_intent') as secret,
         (select stripe_id from app_private.stripe_refs r where r.payment_intent_id = p.id and r.kind = 'charge') as charge
    from app_public.payment_intents p join app_public.escrow_accounts e on e.payment_intent_id = p.id
   where p.delivery_id = $1`, [delivery]))[0]!;
const ledger = (delivery: string) => queryAsRoot(db, `
  select t.kind, a.code, e.amount::int from app_private.ledger_transactions t
    join app_private.ledger_entries e on e.transaction_id = t.id join app_private.ledger_accounts a on a.id = e.account_id
   where t.delivery_id = $1 order by t.created_at, a.code`, [delivery]);
const authorized = async (delivery: string) =>
  (await queryAsRoot(db, "select app_hidden.payment_authorized($1) as ok", [delivery]))[0]!.ok as boolean;

/** An accepted delivery at 2000 whose PaymentIntent exists at the fake. */
async function acceptedWithIntent(): Promise<AcceptedDelivery> {
  const delivery = await createAcceptedDelivery(db, server, { price: 2000, payment: "none" });
  await work();
  return delivery;
}
/** The customer's card authorises the payment, as the app does with the client secret. */
async function authorise(delivery: AcceptedDelivery, card = "pm_card_visa"): Promise<void> {
  const { pi } = await payment(delivery.id);
  await stripe.paymentIntents.confirm(pi, { payment_method: card }).catch((error) => {
    if ((error as { type?: string }).type !== "StripeCardError") throw error;
  });
  await work();
}
async function payoutAccount(traveler: string): Promise<void> {
  const account = await stripe.accounts.create({ type: "express", country: "DE" });
  await queryAsRoot(db, `with a as (insert into app_public.payout_accounts (user_id, status, payouts_enabled)
      values ($1, 'active', true) on conflict (user_id) do nothing returning id)
    insert into app_private.stripe_refs (stripe_id, kind, payout_account_id) select $2, 'account', id from a`,
    [traveler, account.id]);
}

test.serial("accepting an offer creates the PaymentIntent: manual capture, dlv_<id>, key pi-create:<id>, the fee formula's amount", async (t) => {
  const delivery = await acceptedWithIntent();
  const row = await payment(delivery.id);
  t.like(row, { status: "requires_payment_method", traveler_amount: "2000", platform_fee: "200", processing_fee: "94",
    amount: "2294", currency: "EUR", escrow_status: "pending" });
  t.regex(row.pi, /^pi_/);
  t.regex(row.secret, new RegExp(`^${row.pi}_secret_`));
  t.like(fake.objects.get(row.pi), { amount: 2294, currency: "eur", capture_method: "manual",
    transfer_group: `dlv_${delivery.id}`, metadata: { delivery_id: delivery.id } });
  t.true(fake.requests.some((r) => r.path === "/v1/payment_intents" && r.idempotencyKey === `pi-create:${delivery.id}`));
  t.false(await authorized(delivery.id));
  // The payment_intent.created event came back through the webhook and was stored, processed and ignored.
  const [event] = await queryAsRoot(db, `select outcome, processed_at is not null as processed from app_private.stripe_events
    where body -> 'data' -> 'object' ->> 'id' = $1 and type = 'payment_intent.created'`, [row.pi]);
  t.deepEqual(event, { outcome: "ignored", processed: true });
});

test.serial("a create whose commit was lost repeats safely: Stripe answers the same key with the same PaymentIntent", async (t) => {
  const delivery = await createAcceptedDelivery(db, server, { price: 2000, payment: "none" });
  // A first run made the call and died before recording it: the call is made again with the same key.
  const [{ plan }] = await queryAsRoot(db, "select app_private.prepare_payment_intent($1) as plan", [delivery.id]) as [{ plan: any }];
  const lost = await stripe.paymentIntents.create({ amount: plan.amount, currency: plan.currency, capture_method: "manual",
    transfer_group: plan.transfer_group, description: plan.description,
    metadata: { delivery_id: delivery.id, payment_id: plan.payment_intent_id } }, { idempotencyKey: plan.idempotency_key });
  await work();
  t.is((await payment(delivery.id)).pi, lost.id);
  t.is([...fake.objects.values()].filter((o) => o.metadata?.delivery_id === delivery.id && o.object === "payment_intent").length, 1);
});

test.serial("authorisation (amount_capturable_updated) makes the payment requires_capture with capture_before; payment_authorized turns true", async (t) => {
  const delivery = await acceptedWithIntent();
  await authorise(delivery);
  const row = await payment(delivery.id);
  t.is(row.status, "requires_capture");
  t.regex(row.charge, /^ch_/);
  const days = (row.capture_before.getTime() - row.authorized_at.getTime()) / 86_400_000;
  t.is(Math.round(days), 7, "payments.auth_validity_days");
  t.true(await authorized(delivery.id));
});

test.serial("a declined test card marks the payment failed with Stripe's decline code; another card then authorises it", async (t) => {
  const delivery = await acceptedWithIntent();
  await authorise(delivery, "pm_card_chargeDeclinedInsufficientFunds");
  t.like(await payment(delivery.id), { status: "failed", failure_code: "insufficient_funds" });
  t.false(await authorized(delivery.id));
  await authorise(delivery, "pm_card_visa");
  t.like(await payment(delivery.id), { status: "requires_capture" });
});

let paid: AcceptedDelivery;
test.serial("the pickup's capture (pi-capture:<id>) holds the escrow and posts Dr cash 2294 / Cr escrow 2000, fee 200, processing 94", async (t) => {
  paid = await acceptedWithIntent();
  await authorise(paid);
  await advanceDelivery(db, server, paid, ["pickUp"]);
  await runJob("payments__capture", paid.id);
  const row = await payment(paid.id);
  t.like(row, { status: "succeeded", captured_amount: "2294", escrow_status: "held", hold_until: null });
  t.truthy(row.held_at);
  t.deepEqual(await ledger(paid.id), [
    { kind: "capture", code: "escrow_liability", amount: -2000 },
    { kind: "capture", code: "platform_cash", amount: 2294 },
    { kind: "capture", code: "platform_fee_revenue", amount: -200 },
    { kind: "capture", code: "processing_fee_revenue", amount: -94 },
  ]);
  // Again (a repeated job), and the payment_intent.succeeded webhook: nothing more happens.
  await runJob("payments__capture", paid.id);
  t.is((await ledger(paid.id)).length, 4);
  t.true(fake.requests.some((r) => r.path.endsWith("/capture") && r.idempotencyKey === `pi-capture:${paid.id}`));
  t.is(fake.objects.get(row.pi)!.status, "succeeded");
});

test.serial("the delivery scan's hold runs for the dispute window; release waits for it, then transfers once from the charge", async (t) => {
  await advanceDelivery(db, server, paid, ["deliver"]);
  await runJob("payments__hold", paid.id);
  const held = await payment(paid.id);
  const [{ delivered_at }] = await queryAsRoot(db, "select delivered_at from app_public.deliveries where id = $1", [paid.id]);
  t.is(held.hold_until.getTime() - delivered_at.getTime(), 48 * 3600_000);
  await payoutAccount(paid.traveler);
  await runJob("payments__release", paid.id);
  t.is((await payment(paid.id)).escrow_status, "held", "the hold is not over");
  await queryAsRoot(db, "update app_public.escrow_accounts set hold_until = now() - interval '1 minute' where delivery_id = $1", [paid.id]);
  await runJob("payments__release", paid.id);
  const released = await payment(paid.id);
  t.like(released, { escrow_status: "released", released_amount: "2000", release_condition: "hold_expired" });
  const transfers = [...fake.objects.values()].filter((o) => o.object === "transfer" && o.transfer_group === `dlv_${paid.id}`);
  t.is(transfers.length, 1);
  t.like(transfers[0], { amount: 2000, currency: "eur", source_transaction: released.charge });
  t.deepEqual((await ledger(paid.id)).filter((e) => e.kind === "release"), [
    { kind: "release", code: "escrow_liability", amount: 2000 },
    { kind: "release", code: "traveler_payable", amount: -2000 },
  ]);
});

test.serial("20 release runs at once make exactly one transfer and one ledger transaction", async (t) => {
  const delivery = await acceptedWithIntent();
  await authorise(delivery);
  await advanceDelivery(db, server, delivery, ["pickUp"]);
  await runJob("payments__capture", delivery.id);
  await advanceDelivery(db, server, delivery, ["deliver"]);
  await payoutAccount(delivery.traveler);
  await queryAsRoot(db, "update app_public.escrow_accounts set hold_until = now() - interval '1 minute' where delivery_id = $1",
    [delivery.id]);
  await queryAsRoot(db, "select graphile_worker.add_job('payments__release', '{}'::json, max_attempts => 1) from generate_series(1, 20)");
  await Promise.all(Array.from({ length: 4 }, () => runOnce(runOnceOptions(db, { taskList, concurrency: 5 }))));
  const [{ escrow }] = await queryAsRoot(db, "select id as escrow from app_public.escrow_accounts where delivery_id = $1", [delivery.id]);
  t.is([...fake.objects.values()].filter((o) => o.object === "transfer" && o.metadata?.escrow_id === escrow).length, 1);
  t.true(fake.requests.filter((r) => r.idempotencyKey === `transfer:${escrow}`).length >= 1);
  const [{ n }] = await queryAsRoot(db, `select count(*)::int as n from app_private.ledger_transactions
    where kind = 'release' and delivery_id = $1`, [delivery.id]);
  t.is(n, 1);
  t.is((await payment(delivery.id)).escrow_status, "released");
});

test.serial("release waits for an active payout account and skips a delivery under review", async (t) => {
  const delivery = await acceptedWithIntent();
  await authorise(delivery);
  await advanceDelivery(db, server, delivery, ["pickUp"]);
  await runJob("payments__capture", delivery.id);
  await advanceDelivery(db, server, delivery, ["deliver"]);
  await queryAsRoot(db, "update app_public.escrow_accounts set hold_until = now() - interval '1 minute' where delivery_id = $1",
    [delivery.id]);
  await runJob("payments__release", delivery.id);
  t.is((await payment(delivery.id)).escrow_status, "held", "no payout account");
  await payoutAccount(delivery.traveler);
  await queryAsRoot(db, "update app_public.escrow_accounts set review_required = true where delivery_id = $1", [delivery.id]);
  await runJob("payments__release", delivery.id);
  t.is((await payment(delivery.id)).escrow_status, "held", "review required");
  await queryAsRoot(db, "update app_public.escrow_accounts set review_required = false where delivery_id = $1", [delivery.id]);
  await runJob("payments__release", delivery.id);
  t.is((await payment(delivery.id)).escrow_status, "released");
});
