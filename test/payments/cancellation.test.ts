// Cancellation and refunds against the Stripe fake (docs/payments.md, Cancellation and refunds), and the paid story
// end to end over GraphQL: a cancellation before capture voids the authorisation (pi-cancel:<delivery>); the
// authorisation deadline cancels unpaid deliveries as the system; a cancellation after the capture refunds 100 %,
// fees included (refund:<refund>), and reverses the traveler's transfer when it was made (reversal:<refund>). The
// ledger balances after every step. Serial: jobs run one pass at a time.
import test from "ava";
import { createMember, makeAdmin, tokenFor } from "../helpers/actors.ts";
import { queryAsRoot } from "../helpers/database.ts";
import { sqlstate } from "../helpers/errors.ts";
import { gqlData } from "../helpers/graphql.ts";
import { advanceDelivery, createAcceptedDelivery, type AcceptedDelivery } from "../helpers/marketplace.ts";
import {
  confirmCard, ledgerBalances, ledgerImbalance, paymentIntentId, runPaymentJob, settle, startStripeHarness,
} from "../helpers/payments.ts";
import { useTestServer } from "../helpers/server.ts";

const h = await startStripeHarness(test, "whsec_payments_cancellation_test");
const { db, server } = useTestServer(test, h.env);
let adminToken: string;
test.serial.before(async () => {
  h.fake.webhookUrl = `${server.url}/webhooks/stripe`;
  const admin = await createMember(db, "both");
  await makeAdmin(db, admin, "admin");
  adminToken = await tokenFor(db, admin, { mfaVerified: true });
});
test.serial.afterEach(async (t) => {
  t.deepEqual(await ledgerImbalance(db), {}, "the whole ledger balances");
});

const CANCEL = `mutation ($d: UUID!, $r: DeliveryCancelReason!) {
  cancelDelivery(input: { deliveryId: $d, reason: $r }) { delivery { status } } }`;
const cancel = (d: string, token: string, reason = "no_longer_needed") =>
  gqlData(server, CANCEL, { token, variables: { d, r: reason } });
const state = async (delivery: string) => (await queryAsRoot(db, `select d.status as delivery, d.cancellation_reason,
    d.cancelled_by, p.status as payment, p.captured_amount::int as captured, p.refunded_amount::int as refunded,
    e.status as escrow, e.released_amount::int as released, e.refunded_amount::int as escrow_refunded
    from app_public.deliveries d join app_public.payment_intents p on p.delivery_id = d.id
    join app_public.escrow_accounts e on e.delivery_id = d.id where d.id = $1`, [delivery]))[0]!;
const refunds = (delivery: string) => queryAsRoot(db, `select id, amount::int, platform_fee_refund::int,
    traveler_share_refund::int, reversal_amount::int, reason, status, idempotency_key
    from app_public.refunds where delivery_id = $1 order by created_at`, [delivery]);
async function payoutAccount(traveler: string): Promise<void> {
  const account = await h.stripe.accounts.create({ type: "express", country: "DE" });
  await queryAsRoot(db, `with a as (insert into app_public.payout_accounts (user_id, status, payouts_enabled)
      values ($1, 'active', true) on conflict (user_id) do nothing returning id)
    insert into app_private.stripe_refs (stripe_id, kind, payout_account_id) select $2, 'account', id from a`,
    [traveler, account.id]);
}
/** Accepted at 2000, its PaymentIntent at the fake and authorised by the card. */
async function authorised(): Promise<AcceptedDelivery> {
  const d = await createAcceptedDelivery(db, server, { price: 2000, payment: "none" });
  await settle(db, h);
  await confirmCard(db, h, d.id);
  return d;
}

test.serial("the customer cancels before pickup: the authorisation is voided once (pi-cancel:<id>), nothing is charged", async (t) => {
  const d = await authorised();
  await cancel(d.id, d.customerToken);
  await settle(db, h);
  t.like(await state(d.id), { delivery: "cancelled", payment: "canceled", escrow: "cancelled", captured: 0 });
  const pi = await paymentIntentId(db, d.id);
  t.is(h.fake.objects.get(pi)!.status, "canceled");
  t.is(h.fake.requests.filter((r) => r.path === `/v1/payment_intents/${pi}/cancel`).length, 1);
  t.true(h.fake.requests.some((r) => r.idempotencyKey === `pi-cancel:${d.id}`));
  t.deepEqual(await ledgerBalances(db, d.id), {}, "no money moved");
  // Again (a repeated job): Stripe is asked again with the same key and nothing changes.
  await runPaymentJob(db, h, "payments__cancel", d.id);
  t.like(await state(d.id), { payment: "canceled", escrow: "cancelled" });
});

test.serial("the traveler cancels before the card is confirmed: the open PaymentIntent is cancelled too", async (t) => {
  const d = await createAcceptedDelivery(db, server, { price: 2000, payment: "none" });
  await settle(db, h);
  await cancel(d.id, d.travelerToken, "schedule_changed");
  await settle(db, h);
  t.like(await state(d.id), { delivery: "cancelled", payment: "canceled", escrow: "cancelled" });
  t.is(h.fake.objects.get(await paymentIntentId(db, d.id))!.status, "canceled");
});

test.serial("cancelled before its PaymentIntent was created: none is ever created", async (t) => {
  const d = await createAcceptedDelivery(db, server, { price: 2000, payment: "none" });
  await cancel(d.id, d.customerToken);
  await settle(db, h);                                   // payments__create_intent and payments__cancel, in some order
  const [p] = await queryAsRoot(db, "select status from app_public.payment_intents where delivery_id = $1", [d.id]);
  t.true(p === undefined || p.status === "canceled");
  t.false(h.fake.requests.some((r) => r.idempotencyKey === `pi-create:${d.id}`
    && [...h.fake.objects.values()].some((o) => o.metadata?.delivery_id === d.id && o.status !== "canceled")));
});

test.serial("the authorisation deadline: unpaid after 24 h, the system cancels (payment_failed) and voids; paid or recent stay", async (t) => {
  const unpaid = await createAcceptedDelivery(db, server, { price: 2000, payment: "none" });
  const recent = await createAcceptedDelivery(db, server, { price: 2000, payment: "none" });
  await settle(db, h);
  const paid = await authorised();
  await queryAsRoot(db, "update app_public.deliveries set accepted_at = now() - interval '25 hours' where id = any($1)",
    [[unpaid.id, paid.id]]);
  await runPaymentJob(db, h, "deliveries__cancel_unpaid");
  t.like(await state(unpaid.id), { delivery: "cancelled", cancellation_reason: "payment_failed", cancelled_by: null,
    payment: "canceled", escrow: "cancelled" });
  t.is(h.fake.objects.get(await paymentIntentId(db, unpaid.id))!.status, "canceled");
  const [history] = await queryAsRoot(db, `select source, changed_by from app_public.delivery_status_history
    where delivery_id = $1 and to_status = 'cancelled'`, [unpaid.id]);
  t.deepEqual(history, { source: "system", changed_by: null });
  const [request] = await queryAsRoot(db, "select status from app_public.delivery_requests where id = $1", [unpaid.request]);
  t.is(request!.status, "cancelled", "the customer did not pay: the request ends");
  t.like(await state(paid.id), { delivery: "accepted", payment: "requires_capture" });
  t.like(await state(recent.id), { delivery: "accepted", payment: "requires_payment_method" });
  // The setting decides: at 1 hour the recent one is past its deadline too.
  await queryAsRoot(db, "update app_public.deliveries set accepted_at = now() - interval '2 hours' where id = $1", [recent.id]);
  await runPaymentJob(db, h, "deliveries__cancel_unpaid");
  t.is((await state(recent.id)).delivery, "accepted");
  await queryAsRoot(db, `update app_public.system_configuration set value = '1'
    where category = 'deliveries' and key = 'authorization_deadline_hours'`);
  try {
    await runPaymentJob(db, h, "deliveries__cancel_unpaid");
  } finally {
    await queryAsRoot(db, `update app_public.system_configuration set value = '24'
      where category = 'deliveries' and key = 'authorization_deadline_hours'`);
  }
  t.like(await state(recent.id), { delivery: "cancelled", payment: "canceled" });
});

test.serial("the paid story over GraphQL: authorised by webhook, captured at pickup, held at delivery, released, transferred; exact to the cent", async (t) => {
  const d = await createAcceptedDelivery(db, server, { price: 2000, payment: "none" });
  await settle(db, h);
  // The app asks for the client secret and confirms the card with it (Stripe.js does; here the SDK, by its id).
  const secret = (await gqlData(server, `query ($d: UUID!) { paymentClientSecret(deliveryId: $d) }`,
    { token: d.customerToken, variables: { d: d.id } })).paymentClientSecret as string;
  await h.stripe.paymentIntents.confirm(secret.split("_secret_")[0]!, { payment_method: "pm_card_visa" });
  await settle(db, h);
  t.like(await state(d.id), { payment: "requires_capture", escrow: "pending" });
  t.deepEqual(await ledgerBalances(db, d.id), {});
  await advanceDelivery(db, server, d, ["pickUp"]);
  await settle(db, h);
  t.like(await state(d.id), { delivery: "picked_up", payment: "succeeded", captured: 2294, escrow: "held" });
  t.deepEqual(await ledgerBalances(db, d.id), { "escrow_liability EUR": -2000, "platform_cash EUR": 2294,
    "platform_fee_revenue EUR": -200, "processing_fee_revenue EUR": -94 });
  await advanceDelivery(db, server, d, ["startTransit", "deliver"]);
  await settle(db, h);
  const [{ hold }] = await queryAsRoot(db, `select e.hold_until - d.delivered_at = interval '48 hours' as hold
    from app_public.escrow_accounts e join app_public.deliveries d on d.id = e.delivery_id where d.id = $1`, [d.id]);
  t.true(hold);
  await payoutAccount(d.traveler);
  await queryAsRoot(db, "update app_public.escrow_accounts set hold_until = now() - interval '1 minute' where delivery_id = $1", [d.id]);
  await runPaymentJob(db, h, "payments__release");
  t.like(await state(d.id), { delivery: "delivered", escrow: "released", released: 2000 });
  t.deepEqual(await ledgerBalances(db, d.id), { "escrow_liability EUR": 0, "platform_cash EUR": 2294,
    "platform_fee_revenue EUR": -200, "processing_fee_revenue EUR": -94, [`traveler_payable:${d.traveler} EUR`]: -2000 });
  const transfers = [...h.fake.objects.values()].filter((o) => o.object === "transfer" && o.transfer_group === `dlv_${d.id}`);
  t.is(transfers.length, 1);
  t.like(transfers[0], { amount: 2000, currency: "eur" });
  // The traveler's earnings (their profile, over GraphQL) count the price, to the cent.
  const earnings = async (user: string, token: string) => (await gqlData(server,
    `query ($u: UUID!) { userProfile(rowId: $u) { earnings { currency totalEarnings } } }`,
    { token, variables: { u: user } })).userProfile.earnings;
  t.like((await earnings(d.traveler, d.travelerToken))[0], { currency: "EUR", totalEarnings: "2000" });
});

test.serial("an admin cancels after the pickup's capture: 100 % back, fees included (refund:<id>); the ledger nets to zero", async (t) => {
  const d = await authorised();
  await advanceDelivery(db, server, d, ["pickUp"]);
  await settle(db, h);
  t.is((await state(d.id)).payment, "succeeded");
  await cancel(d.id, adminToken, "admin_decision");
  await settle(db, h);
  const [refund] = await refunds(d.id);
  t.like(refund, { amount: 2294, platform_fee_refund: 200, traveler_share_refund: 2000, reversal_amount: 0,
    reason: "delivery_cancelled", status: "succeeded", idempotency_key: `refund:${refund!.id}` });
  t.like(await state(d.id), { delivery: "cancelled", payment: "succeeded", captured: 2294, refunded: 2294,
    escrow: "refunded", escrow_refunded: 2000, released: 0 });
  const stripeRefunds = [...h.fake.objects.values()].filter((o) => o.object === "refund" && o.metadata?.refund_id === refund!.id);
  t.is(stripeRefunds.length, 1);
  t.like(stripeRefunds[0], { amount: 2294, payment_intent: await paymentIntentId(db, d.id), status: "succeeded" });
  t.true(h.fake.requests.some((r) => r.path === "/v1/refunds" && r.idempotencyKey === `refund:${refund!.id}`));
  t.deepEqual(await ledgerBalances(db, d.id), { "escrow_liability EUR": 0, "platform_cash EUR": 0,
    "platform_fee_revenue EUR": 0, "processing_fee_revenue EUR": 0 });
  // Repeated jobs change nothing: one refund, one refund transaction.
  await runPaymentJob(db, h, "payments__cancel", d.id);
  await runPaymentJob(db, h, "payments__refund", refund!.id);
  t.is((await refunds(d.id)).length, 1);
  const [{ n }] = await queryAsRoot(db, `select count(*)::int as n from app_private.ledger_transactions
    where delivery_id = $1 and kind = 'refund'`, [d.id]);
  t.is(n, 1);
});

test.serial("lost after the traveler was paid: 100 % refund and the transfer reversed first (reversal:<refund id>)", async (t) => {
  const d = await authorised();
  await advanceDelivery(db, server, d, ["pickUp"]);
  await settle(db, h);
  await advanceDelivery(db, server, d, ["deliver"]);
  await settle(db, h);
  await payoutAccount(d.traveler);
  await queryAsRoot(db, "update app_public.escrow_accounts set hold_until = now() - interval '1 minute' where delivery_id = $1", [d.id]);
  await runPaymentJob(db, h, "payments__release");
  t.is((await state(d.id)).escrow, "released");
  // The customer disputes (it never arrived); an admin resolves it by cancelling the delivery.
  await queryAsRoot(db, "select app_hidden.transition_delivery($1, 'disputed', 'user', $2)", [d.id, d.customer]);
  await cancel(d.id, adminToken, "admin_decision");
  await settle(db, h);
  const [refund] = await refunds(d.id);
  t.like(refund, { amount: 2294, traveler_share_refund: 2000, reversal_amount: 2000, status: "succeeded" });
  const [transfer] = [...h.fake.objects.values()].filter((o) => o.object === "transfer" && o.transfer_group === `dlv_${d.id}`);
  t.like(transfer, { amount_reversed: 2000, reversed: true });
  t.true(h.fake.requests.some((r) => r.path === `/v1/transfers/${transfer!.id}/reversals`
    && r.idempotencyKey === `reversal:${refund!.id}`));
  t.like(await state(d.id), { refunded: 2294, escrow: "refunded", released: 0, escrow_refunded: 2000 });
  t.deepEqual(await ledgerBalances(db, d.id), { "escrow_liability EUR": 0, "platform_cash EUR": 0,
    "platform_fee_revenue EUR": 0, "processing_fee_revenue EUR": 0, [`traveler_payable:${d.traveler} EUR`]: 0 });
  const kinds = (await queryAsRoot(db, `select kind, idempotency_key from app_private.ledger_transactions
    where delivery_id = $1 order by created_at, kind desc`, [d.id])).map((r) => r.kind);
  t.deepEqual(kinds, ["capture", "release", "reversal", "refund"]);
});

test.serial("Σ refunds ≤ captured: a refund beyond what is left is refused (INVAL); not before capture (BADST)", async (t) => {
  const d = await authorised();
  const [{ id }] = await queryAsRoot(db, "select id from app_public.payment_intents where delivery_id = $1", [d.id]);
  t.is(await sqlstate(queryAsRoot(db, "select app_private.request_refund($1, 100, 0, 0, 'customer_request', null)", [id])), "BADST");
  await advanceDelivery(db, server, d, ["pickUp"]);
  await settle(db, h);
  await queryAsRoot(db, "select app_private.request_refund($1, 2000, 0, 0, 'customer_request', null)", [id]);
  t.is(await sqlstate(queryAsRoot(db, "select app_private.request_refund($1, 295, 0, 0, 'item_damaged', null)", [id])), "INVAL");
  await queryAsRoot(db, "select app_private.request_refund($1, 294, 0, 0, 'item_damaged', null)", [id]);
  await settle(db, h);
  t.like(await state(d.id), { captured: 2294, refunded: 2294 });
  t.deepEqual((await refunds(d.id)).map((r) => r.status), ["succeeded", "succeeded"]);
});
