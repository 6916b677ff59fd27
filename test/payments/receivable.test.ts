// A refund after the transfer whose reversal Stripe refuses (docs/payments.md, Cancellation and refunds): the
// traveler paid the money out, so their connected balance is short; the customer is refunded anyway and the share not
// taken back becomes the traveler's receivable (ledger receivable:<refund>, finance alerted), withheld from their
// payouts. A reversal that succeeds leaves what they may pay out at released − payouts. Serial: jobs run one pass at a
// time.
import test from "ava";
import { createMember, makeAdmin, tokenFor } from "../helpers/actors.ts";
import { queryAsRoot } from "../helpers/database.ts";
import { gqlData } from "../helpers/graphql.ts";
import { advanceDelivery, createAcceptedDelivery, type AcceptedDelivery } from "../helpers/marketplace.ts";
import { confirmCard, ledgerBalances, ledgerImbalance, runPaymentJob, settle, startStripeHarness } from "../helpers/payments.ts";
import { notificationsOf, renderedNotification } from "../helpers/notifications.ts";
import { useTestServer } from "../helpers/server.ts";

const h = await startStripeHarness(test, "whsec_payments_receivable_test");
const { db, server } = useTestServer(test, h.env);
let financeToken: string;
test.serial.before(async () => {
  h.fake.webhookUrl = `${server.url}/webhooks/stripe`;
  const finance = await createMember(db, "both");
  await makeAdmin(db, finance, "finance");
  financeToken = await tokenFor(db, finance, { mfaVerified: true });
});
test.serial.afterEach(async (t) => {
  t.deepEqual(await ledgerImbalance(db), {}, "the whole ledger balances");
});

const REFUND = `mutation ($d: UUID!, $c: BigInt!, $k: BigInt!) {
  adminRefund(input: { deliveryId: $d, customerRefund: $c, travelerCompensation: $k, reason: service_not_provided }) {
    refund { rowId } } }`;
/** Delivered at 2000, captured, held, and released: 2000 transferred to the traveler's active connected account. */
async function released(): Promise<AcceptedDelivery & { account: string }> {
  const d = await createAcceptedDelivery(db, server, { price: 2000, payment: "none" });
  await settle(db, h);
  await confirmCard(db, h, d.id);
  await advanceDelivery(db, server, d, ["pickUp"]);
  await runPaymentJob(db, h, "payments__capture", d.id);
  await advanceDelivery(db, server, d, ["deliver"]);
  await settle(db, h);
  const account = (await h.stripe.accounts.create({ type: "express", country: "DE" })).id;
  h.fake.completeOnboarding(account);
  await queryAsRoot(db, `with a as (insert into app_public.payout_accounts (user_id, status, payouts_enabled)
      values ($1, 'active', true) returning id)
    insert into app_private.stripe_refs (stripe_id, kind, payout_account_id) select $2, 'account', id from a`,
    [d.traveler, account]);
  await queryAsRoot(db, "update app_public.escrow_accounts set hold_until = now() - interval '1 minute' where delivery_id = $1", [d.id]);
  await runPaymentJob(db, h, "payments__release");
  return { ...d, account };
}
const available = async (traveler: string) => (await queryAsRoot(db,
  "select app_private.payout_available($1, 'EUR')::int as n", [traveler]))[0]!.n as number;
const refundRow = async (d: string) => (await queryAsRoot(db, `select amount::int, status, reversal_amount::int as reversed,
    receivable_amount::int as receivable from app_public.refunds where delivery_id = $1`, [d]))[0]!;

test.serial("the reversal refused (balance paid out): the customer is refunded, the traveler owes the share", async (t) => {
  const d = await released();
  t.is(h.fake.balanceOf(d.account, "eur"), 2000);
  // The traveler's money left for their bank before the refund.
  await h.stripe.payouts.create({ amount: 2000, currency: "eur" }, { stripeAccount: d.account });
  t.is(h.fake.balanceOf(d.account, "eur"), 0);
  await gqlData(server, REFUND, { token: financeToken, variables: { d: d.id, c: "2294", k: "0" } });
  await settle(db, h);
  t.like(await refundRow(d.id), { amount: 2294, status: "succeeded", reversed: 0, receivable: 2000 });
  t.like((await queryAsRoot(db, `select p.refunded_amount::int as refunded, e.released_amount::int as released, e.status
      from app_public.payment_intents p join app_public.escrow_accounts e on e.payment_intent_id = p.id
     where p.delivery_id = $1`, [d.id]))[0], { refunded: 2294, released: 0, status: "refunded" });
  t.like(await ledgerBalances(db, d.id), {
    [`traveler_receivable:${d.traveler} EUR`]: 2000, [`traveler_payable:${d.traveler} EUR`]: -2000,
    "escrow_liability EUR": 0, "platform_cash EUR": 0,
  });
  const number = (await queryAsRoot(db, "select delivery_number from app_public.deliveries where id = $1", [d.id]))[0]!.delivery_number;
  const [told] = await notificationsOf(db, "traveler_owes_refund_alert", { delivery_number: number });
  t.like(told?.variables, { amount: "20.00", currency: "EUR", traveler_id: d.traveler }, "finance is told");
  t.regex((await renderedNotification(db, told!.id, { locale: "fr" }))!.text,
    /l'annulation de 20\.00 EUR sur le virement du voyageur a été refusée \(son solde était insuffisant\)/);
  // The payout (mirrored from its payout.* events) and the share taken back leave the traveler 2000 short: nothing
  // can be paid out until later releases cover what is owed.
  t.is(await available(d.traveler), -2000);
  // The reconciliation finds the transfer as recorded: 2000, nothing reversed.
  await runPaymentJob(db, h, "payments__reconcile");
  const [run] = await queryAsRoot(db, "select differences from app_private.reconciliation_runs order by created_at desc limit 1");
  const escrow = (await queryAsRoot(db, "select id from app_public.escrow_accounts where delivery_id = $1", [d.id]))[0]!.id;
  t.deepEqual((run!.differences as Array<{ local_id?: string }>).filter((x) => x.local_id === escrow), []);
});

test.serial("a reversal that succeeds leaves released − payouts available (the share is not counted out twice)", async (t) => {
  const d = await released();
  t.is(await available(d.traveler), 2000);
  await gqlData(server, REFUND, { token: financeToken, variables: { d: d.id, c: "1100", k: "1000" } });
  await settle(db, h);
  t.like(await refundRow(d.id), { amount: 1100, reversed: 1000, receivable: 0 });
  t.is(h.fake.balanceOf(d.account, "eur"), 1000);
  t.is(await available(d.traveler), 1000, "what is left on the connected account");
});
