// The early-capture guard and the webhooks of money the worker moves itself, against the Stripe fake
// (docs/payments.md, Flow 3 and Webhooks): an authorisation lapsing within payments.capture_margin_hours is captured
// before the pickup (and a cancellation then refunds it in full); transfer.created records a release whose task died
// after the transfer; charge.refunded and transfer.reversed confirm the platform's own refunds and reversals, and
// report to finance money moved at Stripe outside the platform. Serial: jobs run one pass at a time.
import test from "ava";
import { createMember, makeAdmin } from "../helpers/actors.ts";
import { queryAsRoot } from "../helpers/database.ts";
import { gqlData } from "../helpers/graphql.ts";
import { advanceDelivery, createAcceptedDelivery, type AcceptedDelivery } from "../helpers/marketplace.ts";
import {
  confirmCard, ledgerBalances, ledgerImbalance, paymentIntentId, runPaymentJob, settle, startStripeHarness,
} from "../helpers/payments.ts";
import { notificationsOf, renderedNotification } from "../helpers/notifications.ts";
import { useTestServer } from "../helpers/server.ts";

const h = await startStripeHarness(test, "whsec_payments_money_events_test");
const { db, server } = useTestServer(test, h.env);
test.serial.before(async () => {
  h.fake.webhookUrl = `${server.url}/webhooks/stripe`;
  await makeAdmin(db, await createMember(db, "both"), "finance");
});
test.serial.afterEach(async (t) => {
  t.deepEqual(await ledgerImbalance(db), {}, "the whole ledger balances");
});

const state = async (delivery: string) => (await queryAsRoot(db, `select d.status as delivery, p.status as payment,
    p.captured_amount::int as captured, p.refunded_amount::int as refunded, e.status as escrow, e.id as escrow_id
    from app_public.deliveries d join app_public.payment_intents p on p.delivery_id = d.id
    join app_public.escrow_accounts e on e.delivery_id = d.id where d.id = $1`, [delivery]))[0]!;
const outcomes = async (type: string, objectId: string) => (await queryAsRoot(db, `select outcome from app_private.stripe_events
    where type = $1 and body -> 'data' -> 'object' ->> 'id' = $2 order by received_at`, [type, objectId])).map((r) => r.outcome);
async function authorised(): Promise<AcceptedDelivery> {
  const d = await createAcceptedDelivery(db, server, { price: 2000, payment: "none" });
  await settle(db, h);
  await confirmCard(db, h, d.id);
  return d;
}
async function delivered(): Promise<AcceptedDelivery> {
  const d = await authorised();
  await advanceDelivery(db, server, d, ["pickUp"]);
  await runPaymentJob(db, h, "payments__capture", d.id);
  await advanceDelivery(db, server, d, ["deliver"]);
  await settle(db, h);
  return d;
}
async function payoutAccount(traveler: string): Promise<string> {
  const account = await h.stripe.accounts.create({ type: "express", country: "DE" });
  await queryAsRoot(db, `with a as (insert into app_public.payout_accounts (user_id, status, payouts_enabled)
      values ($1, 'active', true) on conflict (user_id) do nothing returning id)
    insert into app_private.stripe_refs (stripe_id, kind, payout_account_id) select $2, 'account', id from a`,
    [traveler, account.id]);
  return account.id;
}
const lapseIn = (delivery: string, hours: number) => queryAsRoot(db, `update app_public.payment_intents
    set capture_before = now() + make_interval(hours => $2) where delivery_id = $1`, [delivery, hours]);

test.serial("the early-capture guard captures an authorisation lapsing within 12 h before the pickup, not one lapsing later", async (t) => {
  const soon = await authorised();
  const later = await authorised();
  await lapseIn(soon.id, 11);
  await lapseIn(later.id, 13);
  await runPaymentJob(db, h, "payments__capture_early");
  t.like(await state(soon.id), { delivery: "accepted", payment: "succeeded", captured: 2294, escrow: "held" });
  t.like(await state(later.id), { delivery: "accepted", payment: "requires_capture", escrow: "pending" });
  t.true(h.fake.requests.some((r) => r.idempotencyKey === `pi-capture:${soon.id}`));
  t.is(h.fake.objects.get(await paymentIntentId(db, soon.id))!.status, "succeeded");
  // The pickup later captures nothing more; the delivery goes on as usual.
  await advanceDelivery(db, server, soon, ["pickUp"]);
  await runPaymentJob(db, h, "payments__capture", soon.id);
  t.is(h.fake.requests.filter((r) => r.idempotencyKey === `pi-capture:${soon.id}`).length, 1);
  t.like(await state(soon.id), { delivery: "picked_up", captured: 2294, escrow: "held" });
});

test.serial("a cancellation after an early capture refunds 100 %, fees included", async (t) => {
  const d = await authorised();
  await lapseIn(d.id, 1);
  await runPaymentJob(db, h, "payments__capture_early");
  await gqlData(server, `mutation ($d: UUID!) { cancelDelivery(input: { deliveryId: $d, reason: no_longer_needed }) { delivery { status } } }`,
    { token: d.customerToken, variables: { d: d.id } });
  await settle(db, h);
  t.like(await state(d.id), { delivery: "cancelled", payment: "succeeded", captured: 2294, refunded: 2294, escrow: "refunded" });
  t.deepEqual(Object.values(await ledgerBalances(db, d.id)).filter((v) => v !== 0), [], "every account of the delivery nets to zero");
  const charge = String(h.fake.objects.get(await paymentIntentId(db, d.id))!.latest_charge);
  t.deepEqual(await outcomes("charge.refunded", charge), ["refunds recorded"]);
});

test.serial("transfer.created records a release whose task died after the transfer, once", async (t) => {
  const d = await delivered();
  const acct = await payoutAccount(d.traveler);
  const { escrow_id } = await state(d.id);
  const charge = String(h.fake.objects.get(await paymentIntentId(db, d.id))!.latest_charge);
  // What payments__release sends, without its recording (the worker died before its commit).
  const transfer = await h.stripe.transfers.create({ amount: 2000, currency: "eur", destination: acct, source_transaction: charge,
    transfer_group: `dlv_${d.id}`, metadata: { escrow_id } }, { idempotencyKey: `transfer:${escrow_id}` });
  await settle(db, h);
  t.like(await state(d.id), { escrow: "released" });
  t.deepEqual(await outcomes("transfer.created", transfer.id), ["release recorded"]);
  await queryAsRoot(db, "update app_public.escrow_accounts set hold_until = now() - interval '1 minute' where delivery_id = $1", [d.id]);
  await runPaymentJob(db, h, "payments__release");
  t.is([...h.fake.objects.values()].filter((o) => o.object === "transfer" && o.metadata?.escrow_id === escrow_id).length, 1);
  t.like(await ledgerBalances(db, d.id), { [`escrow_liability EUR`]: 0, [`traveler_payable:${d.traveler} EUR`]: -2000 });
});

test.serial("charge.refunded and transfer.reversed: the platform's own are recorded; money moved at Stripe directly alerts finance", async (t) => {
  const d = await delivered();
  const acct = await payoutAccount(d.traveler);
  await queryAsRoot(db, "update app_public.escrow_accounts set hold_until = now() - interval '1 minute' where delivery_id = $1", [d.id]);
  await runPaymentJob(db, h, "payments__release");
  const pi = await paymentIntentId(db, d.id);
  const charge = String(h.fake.objects.get(pi)!.latest_charge);
  const number = (await queryAsRoot(db, "select delivery_number from app_public.deliveries where id = $1", [d.id]))[0]!.delivery_number;
  // Someone refunds 300 and reverses 200 in Stripe's dashboard.
  await h.stripe.refunds.create({ payment_intent: pi, amount: 300 });
  const transfer = [...h.fake.objects.values()].find((o) => o.object === "transfer" && o.destination === acct)!;
  await h.stripe.transfers.createReversal(transfer.id, { amount: 200 });
  await settle(db, h);
  t.deepEqual(await outcomes("charge.refunded", charge), ["unrecorded refund: finance alerted"]);
  t.deepEqual(await outcomes("transfer.reversed", transfer.id), ["unrecorded reversal: finance alerted"]);
  // The finance admin gets one email of each, with the amounts in major units.
  const refunds = await notificationsOf(db, "refund_outside_platform_alert", { delivery_number: number });
  t.is(refunds.length, 1);
  t.like(refunds[0]!.variables, { charge_id: charge, amount: "3.00", unrecorded_amount: "3.00", currency: "EUR" });
  t.is((await renderedNotification(db, refunds[0]!.id, { locale: "fr" }))?.text.split("\n\n")[1],
    `Le paiement ${charge} de la livraison ${number} a été remboursé de 3.00 EUR chez Stripe, dont 3.00 EUR qu'aucun remboursement de la plateforme n'explique. Vérifiez-le.`);
  const reversals = await notificationsOf(db, "transfer_reversed_alert", { delivery_number: number });
  t.is(reversals.length, 1);
  t.like(reversals[0]!.variables, { transfer_id: transfer.id, amount: "2.00", unrecorded_amount: "2.00", currency: "EUR" });
  t.like(await state(d.id), { refunded: 0, escrow: "released" }, "nothing is booked on a guess");
});
