// Chargebacks (docs/disputes.md, Chargebacks) from the Stripe fake's signed webhooks: charge.dispute.created opens a
// dispute with source chargeback and the custody evidence bundle attached, books the funds Stripe withdrew and
// freezes the escrow; closed won reinstates the funds and pays the traveler; closed lost books the loss and waits
// for an admin, who decides what the traveler keeps (the rest clawed back to dispute losses). Serial.
import test from "ava";
import { createMember, makeAdmin, tokenFor } from "../helpers/actors.ts";
import { queryAsRoot } from "../helpers/database.ts";
import { errorCode } from "../helpers/errors.ts";
import { gqlData } from "../helpers/graphql.ts";
import { type AcceptedDelivery, advanceDelivery, createAcceptedDelivery } from "../helpers/marketplace.ts";
import { confirmCard, ledgerBalances, ledgerImbalance, runPaymentJob, settle, startStripeHarness } from "../helpers/payments.ts";
import { notificationsOf, renderedNotification } from "../helpers/notifications.ts";
import { useTestServer } from "../helpers/server.ts";

const h = await startStripeHarness(test, "whsec_disputes_chargebacks_test");
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

const RESOLVE = `mutation ($id: UUID!, $c: BigInt, $k: BigInt) {
  resolveDispute(input: { disputeId: $id, resolution: compensation, customerRefund: $c, travelerCompensation: $k }) {
    dispute { status platformLoss travelerCompensation customerRefund } } }`;

async function delivered(): Promise<AcceptedDelivery> {
  const d = await createAcceptedDelivery(db, server, { price: 2000, payment: "none" });
  await settle(db, h);
  await confirmCard(db, h, d.id);
  await advanceDelivery(db, server, d, ["pickUp"]);
  await runPaymentJob(db, h, "payments__capture", d.id);
  await advanceDelivery(db, server, d, ["deliver"]);
  await settle(db, h);
  const account = await h.stripe.accounts.create({ type: "express", country: "DE" });
  await queryAsRoot(db, `with a as (insert into app_public.payout_accounts (user_id, status, payouts_enabled)
      values ($1, 'active', true) on conflict (user_id) do nothing returning id)
    insert into app_private.stripe_refs (stripe_id, kind, payout_account_id) select $2, 'account', id from a`,
    [d.traveler, account.id]);
  await queryAsRoot(db, "update app_public.escrow_accounts set hold_until = now() - interval '1 minute' where delivery_id = $1", [d.id]);
  return d;
}
const chargeOf = async (d: string) => (await queryAsRoot(db, `select r.stripe_id from app_private.stripe_refs r
    join app_public.payment_intents p on p.id = r.payment_intent_id where p.delivery_id = $1 and r.kind = 'charge'`, [d]))[0]!.stripe_id as string;
const disputeOf = async (d: string) => (await queryAsRoot(db, `select s.*, s.amount::int as amount, s.platform_loss::int as platform_loss
    from app_public.disputes s where s.delivery_id = $1`, [d]))[0]!;
const escrow = async (d: string) => (await queryAsRoot(db, `select status, released_amount::int as released,
    refunded_amount::int as refunded, release_condition from app_public.escrow_accounts where delivery_id = $1`, [d]))[0]!;

async function chargeback(d: AcceptedDelivery): Promise<string> {
  const du = h.fake.openChargeDispute(await chargeOf(d.id), "product_not_received");
  await settle(db, h);
  return du;
}

test.serial("created: a chargeback dispute with the custody evidence bundle, the funds withdrawn, the escrow frozen", async (t) => {
  const d = await delivered();
  const du = await chargeback(d);
  const dispute = await disputeOf(d.id);
  t.like(dispute, { source: "chargeback", status: "open", category: "item_not_delivered", priority: "high",
    complainant_id: d.customer, respondent_id: d.traveler, amount: 2294, currency: "EUR" });
  t.regex(dispute.case_number, /^DISP-\d{4}-\d{6}$/);
  const [ref] = await queryAsRoot(db, "select dispute_id from app_private.stripe_refs where stripe_id = $1 and kind = 'dispute'", [du]);
  t.is(ref!.dispute_id, dispute.id, "the Stripe dispute id is kept in app_private only");
  const [evidence] = await queryAsRoot(db, `select type, submitted_by, content, sha256,
      encode(sha256(convert_to(content::text, 'UTF8')), 'hex') as computed from app_public.dispute_evidence where dispute_id = $1`, [dispute.id]);
  t.like(evidence, { type: "document", submitted_by: null });
  t.is(evidence!.content.delivery.id, d.id);
  t.true(evidence!.content.custody.length >= 2, "both handovers are in the custody chain");
  t.is(evidence!.sha256, evidence!.computed);
  t.is(await (await queryAsRoot(db, "select status from app_public.deliveries where id = $1", [d.id]))[0]!.status, "delivered",
    "a chargeback does not move the delivery");
  t.like(await ledgerBalances(db, d.id), { "chargeback_funds EUR": 2294, "platform_cash EUR": 0 });
  // Finance (finance.read) is asked for the evidence; the dispute handlers (disputes.read) hear of the case.
  const number = (await queryAsRoot(db, "select delivery_number from app_public.deliveries where id = $1", [d.id]))[0]!.delivery_number;
  const [finance] = await notificationsOf(db, "chargeback_received_alert", { case_number: dispute.case_number });
  t.like(finance?.variables, { delivery_number: number, amount: "22.94", currency: "EUR", reason: "product_not_received",
    share_transferred: false });
  t.is((await renderedNotification(db, finance!.id, { locale: "fr" }))?.text.split("\n\n")[1],
    `La banque du client conteste 22.94 EUR (product_not_received). Soumettez le dossier de preuves joint à ${dispute.case_number}.`);
  const [handlers] = await notificationsOf(db, "chargeback_opened_alert", { case_number: dispute.case_number });
  t.is((await renderedNotification(db, handlers!.id))?.title, `Chargeback ${dispute.case_number} opened`);
  await runPaymentJob(db, h, "payments__release");
  t.like(await escrow(d.id), { status: "held", released: 0 }, "frozen while the chargeback is open");
  // The same Stripe dispute again (Stripe retries; updated events) changes nothing.
  h.fake.updateChargeDispute(du);
  await settle(db, h);
  t.is((await queryAsRoot(db, "select count(*)::int as n from app_public.disputes where delivery_id = $1", [d.id]))[0]!.n, 1);
  t.like(await ledgerBalances(db, d.id), { "chargeback_funds EUR": 2294 });
});

test.serial("closed won: the funds are reinstated, the dispute resolves itself and the traveler is paid", async (t) => {
  const d = await delivered();
  const du = await chargeback(d);
  h.fake.closeChargeDispute(du, "won");
  await settle(db, h);
  t.like(await disputeOf(d.id), { status: "resolved", resolution: "no_action", platform_loss: 0 });
  t.like(await ledgerBalances(db, d.id), { "chargeback_funds EUR": 0, "platform_cash EUR": 2294 });
  await runPaymentJob(db, h, "payments__release");
  t.like(await escrow(d.id), { status: "released", released: 2000, release_condition: "dispute_resolved" });
});

test.serial("closed lost: the loss is booked, an admin decides; the share not kept is clawed back to dispute losses", async (t) => {
  const d = await delivered();
  const du = await chargeback(d);
  const id = (await disputeOf(d.id)).id;
  t.is(errorCode(await server.gql(RESOLVE, { token: adminToken, variables: { id, c: "0", k: "0" } })), "BADST",
    "not before the bank decided");
  h.fake.closeChargeDispute(du, "lost");
  await settle(db, h);
  t.like(await disputeOf(d.id), { status: "under_review", priority: "urgent", platform_loss: 2294 });
  const [lost] = await notificationsOf(db, "chargeback_lost_alert", { case_number: (await disputeOf(d.id)).case_number });
  t.is((await renderedNotification(db, lost!.id, { locale: "fr" }))?.title,
    `Rétrofacturation ${(await disputeOf(d.id)).case_number} perdue`);
  t.like(await ledgerBalances(db, d.id), { "chargeback_funds EUR": 0, "dispute_losses EUR": 2294 });
  t.is(errorCode(await server.gql(RESOLVE, { token: adminToken, variables: { id, c: "100", k: "0" } })), "INVAL",
    "the bank already refunded the customer");
  const { resolveDispute } = await gqlData(server, RESOLVE, { token: adminToken, variables: { id, c: "0", k: "500" } }) as any;
  t.like(resolveDispute.dispute, { status: "resolved", platformLoss: "794", travelerCompensation: "500", customerRefund: "0" });
  t.like(await escrow(d.id), { status: "partially_refunded", refunded: 1500 });
  t.like(await ledgerBalances(db, d.id), { "dispute_losses EUR": 794, "escrow_liability EUR": -500 });
  await runPaymentJob(db, h, "payments__release");
  t.like(await escrow(d.id), { status: "released", released: 500, release_condition: "dispute_resolved" });
  t.like(await ledgerBalances(db, d.id), { "escrow_liability EUR": 0, [`traveler_payable:${d.traveler} EUR`]: -500 });
});

test.serial("a chargeback on a delivery with an open dispute joins it (urgent) instead of opening a second one", async (t) => {
  const d = await delivered();
  await gqlData(server, `mutation ($d: UUID!) { openDispute(input: { deliveryId: $d, category: item_damaged,
    description: "Broken on arrival, see photos.", requestedResolution: full_refund, amount: "2294" }) { dispute { rowId } } }`,
    { token: d.customerToken, variables: { d: d.id } });
  await chargeback(d);
  const rows = await queryAsRoot(db, "select source, priority from app_public.disputes where delivery_id = $1", [d.id]);
  t.deepEqual(rows, [{ source: "platform", priority: "urgent" }]);
  t.is((await queryAsRoot(db, "select count(*)::int as n from app_public.dispute_evidence e join app_public.disputes s on s.id = e.dispute_id where s.delivery_id = $1", [d.id]))[0]!.n, 1);
});
