// Handover needs money (docs/payments.md, Flow; app_hidden.pickup_allowed): the pickup code is issued, and a pickup
// scan succeeds, only once the payment is authorised (otherwise BADST, and wrong_state for a scan); a delivery scan
// on a payment whose capture failed holds nothing and alerts finance. Against the Stripe fake, through the real
// tasks and webhooks; serial, since jobs run one pass at a time.
import test from "ava";
import { createMember, makeAdmin } from "../helpers/actors.ts";
import { queryAsRoot } from "../helpers/database.ts";
import { errorCode } from "../helpers/errors.ts";
import { readyFile } from "../helpers/files.ts";
import { handOver, ISSUE, issueCode, PICKUP_AT, scanCode } from "../helpers/handover.ts";
import { advanceDelivery, createAcceptedDelivery } from "../helpers/marketplace.ts";
import { confirmCard, paymentIntentId, runPaymentJob, settle, startStripeHarness } from "../helpers/payments.ts";
import { notificationsOf, renderedNotification } from "../helpers/notifications.ts";
import { useTestServer } from "../helpers/server.ts";

const h = await startStripeHarness(test, "whsec_payments_handover_gate_test");
const { db, server } = useTestServer(test, h.env);
let finance: string;
test.serial.before(async () => {
  h.fake.webhookUrl = `${server.url}/webhooks/stripe`;
  finance = await createMember(db, "both");
  await makeAdmin(db, finance, "finance");
});

const issuePickup = (d: { id: string; customerToken: string }) =>
  server.gql(ISSUE, { token: d.customerToken, variables: { d: d.id, t: "pickup" } });
const row = async (delivery: string) => (await queryAsRoot(db, `select d.status as delivery, p.status as payment,
    e.status as escrow, e.hold_until from app_public.deliveries d left join app_public.payment_intents p on p.delivery_id = d.id
    left join app_public.escrow_accounts e on e.delivery_id = d.id where d.id = $1`, [delivery]))[0]!;

test.serial("no pickup code before the card is authorised (BADST), whatever the payment's state; one once it is", async (t) => {
  const d = await createAcceptedDelivery(db, server, { price: 2000, payment: "none" });
  t.is(errorCode(await issuePickup(d)), "BADST", "no payment yet");
  await settle(db, h);
  t.is((await row(d.id)).payment, "requires_payment_method");
  t.is(errorCode(await issuePickup(d)), "BADST", "waiting for the card");
  await confirmCard(db, h, d.id, "pm_card_chargeDeclined");
  t.is((await row(d.id)).payment, "failed");
  t.is(errorCode(await issuePickup(d)), "BADST", "declined");
  // The delivery code is not the money's business: it is issued from acceptance.
  t.regex((await issueCode(server, d.customerToken, d.id, "delivery")).token, /^P2PQR1\./);
  await confirmCard(db, h, d.id, "pm_card_visa");
  t.is((await row(d.id)).payment, "requires_capture");
  t.falsy(errorCode(await issuePickup(d)));
  await handOver(db, server, d, "pickup");
  t.is((await row(d.id)).delivery, "picked_up");
});

test.serial("a code issued while authorised scans wrong_state once the authorisation is gone; the delivery stays", async (t) => {
  const d = await createAcceptedDelivery(db, server, { price: 2000, payment: "none" });
  await settle(db, h);
  await confirmCard(db, h, d.id);
  const code = await issueCode(server, d.customerToken, d.id, "pickup");
  // The authorisation is voided at Stripe (it lapsed, or the bank released it): the webhook cancels the payment.
  await h.stripe.paymentIntents.cancel(await paymentIntentId(db, d.id));
  await settle(db, h);
  t.like(await row(d.id), { payment: "canceled", escrow: "cancelled" });
  const photoId = await readyFile(db, d.traveler, "pickup_evidence");
  t.like(await scanCode(server, d.travelerToken, code.token, { at: PICKUP_AT, photoId }), { result: "wrong_state" });
  t.is((await row(d.id)).delivery, "accepted");
  t.is(errorCode(await issuePickup(d)), "BADST");
});

test.serial("a delivery scan after a failed capture holds nothing and alerts finance", async (t) => {
  const d = await createAcceptedDelivery(db, server, { price: 2000, payment: "none" });
  await settle(db, h);
  await confirmCard(db, h, d.id);
  // The pickup scan enqueues the capture; before it runs, the authorisation is gone at Stripe and the webhook is lost.
  await advanceDelivery(db, server, d, ["pickUp"]);
  const url = h.fake.webhookUrl;
  h.fake.webhookUrl = undefined;
  await h.stripe.paymentIntents.cancel(await paymentIntentId(db, d.id));
  h.fake.webhookUrl = url;
  await settle(db, h);                                   // payments__capture: Stripe refuses, the task records canceled
  t.like(await row(d.id), { delivery: "picked_up", payment: "canceled", escrow: "cancelled" });
  await advanceDelivery(db, server, d, ["deliver"]);
  await settle(db, h);                                   // payments__hold
  t.like(await row(d.id), { delivery: "delivered", payment: "canceled", escrow: "cancelled", hold_until: null });
  const [{ number }] = await queryAsRoot(db, "select delivery_number as number from app_public.deliveries where id = $1", [d.id]);
  const alerts = await notificationsOf(db, "payment_not_captured_alert", { delivery_number: number });
  t.deepEqual(alerts.map((a) => a.user_id), [finance]);
  t.like(alerts[0]!.variables, { payment_status: "canceled", escrow_status: "cancelled" });
  t.is((await renderedNotification(db, alerts[0]!.id, { locale: "fr" }))?.title, "Livrée sans paiement capturé");
  t.regex((await renderedNotification(db, alerts[0]!.id))!.text, /was delivered but its payment is canceled \(escrow cancelled\)/);
  const [{ n }] = await queryAsRoot(db, "select count(*)::int as n from app_private.ledger_transactions where delivery_id = $1", [d.id]);
  t.is(n, 0, "no money moved");
});

test.serial("a delivery whose capture succeeded is held as before, and nobody is alerted", async (t) => {
  const d = await createAcceptedDelivery(db, server, { price: 2000, payment: "none" });
  await settle(db, h);
  await confirmCard(db, h, d.id);
  await advanceDelivery(db, server, d, ["pickUp"]);
  await settle(db, h);
  await advanceDelivery(db, server, d, ["deliver"]);
  await runPaymentJob(db, h, "payments__hold", d.id);
  const r = await row(d.id);
  t.like(r, { delivery: "delivered", payment: "succeeded", escrow: "held" });
  t.truthy(r.hold_until);
  const [{ number }] = await queryAsRoot(db, "select delivery_number as number from app_public.deliveries where id = $1", [d.id]);
  t.deepEqual(await notificationsOf(db, "payment_not_captured_alert", { delivery_number: number }), []);
});
