// deliveryMoneyTrail ("where is my money", docs/payments.md, Money trail) against the Stripe fake: the steps of a
// paid and released delivery, of a voided one and of one refunded after the capture, as each party reads them over
// GraphQL; finance reads them too; another user, and an admin without finance.read, get an empty list (the policies
// of the money tables decide); a visitor is refused. Serial: jobs run one pass at a time.
import test from "ava";
import { actAs, anonymous, createMember, makeAdmin, user } from "../helpers/actors.ts";
import { queryAsRoot } from "../helpers/database.ts";
import { sqlstate } from "../helpers/errors.ts";
import { gqlData } from "../helpers/graphql.ts";
import { advanceDelivery, createAcceptedDelivery, type AcceptedDelivery } from "../helpers/marketplace.ts";
import { confirmCard, runPaymentJob, settle, startStripeHarness } from "../helpers/payments.ts";
import { useTestServer } from "../helpers/server.ts";

const h = await startStripeHarness(test, "whsec_payments_money_trail_test");
const { db, server } = useTestServer(test, h.env);
let finance: string;
let support: string;
let stranger: string;
test.serial.before(async () => {
  h.fake.webhookUrl = `${server.url}/webhooks/stripe`;
  finance = await createMember(db, "both");
  support = await createMember(db, "both");
  stranger = await createMember(db, "both");
  await makeAdmin(db, finance, "finance");
  await makeAdmin(db, support, "support");
});

const TRAIL = `query ($d: UUID!) { deliveryMoneyTrail(deliveryId: $d) { step amount currency beneficiary until refundId } }`;
const trail = async (d: string, token: string) =>
  ((await gqlData(server, TRAIL, { token, variables: { d } })) as { deliveryMoneyTrail: Array<Record<string, unknown>> })
    .deliveryMoneyTrail;
const steps = (rows: Array<Record<string, unknown>>) => rows.map((r) => `${r.step} ${r.amount} ${r.beneficiary}`);
const sqlTrail = (actorId: string, d: string) =>
  actAs(db, user(actorId), async (c) => (await c.query("select step, amount::int from app_public.delivery_money_trail($1)", [d])).rows);

async function authorised(): Promise<AcceptedDelivery> {
  const d = await createAcceptedDelivery(db, server, { price: 2000, payment: "none" });
  await settle(db, h);
  await confirmCard(db, h, d.id);
  return d;
}
async function payoutAccount(traveler: string): Promise<void> {
  const account = await h.stripe.accounts.create({ type: "express", country: "DE" });
  await queryAsRoot(db, `with a as (insert into app_public.payout_accounts (user_id, status, payouts_enabled)
      values ($1, 'active', true) on conflict (user_id) do nothing returning id)
    insert into app_private.stripe_refs (stripe_id, kind, payout_account_id) select $2, 'account', id from a`,
    [traveler, account.id]);
}

test.serial("a released delivery: created, authorised, captured, held until the hold's end, released to the traveler", async (t) => {
  const d = await authorised();
  t.deepEqual(steps(await trail(d.id, d.customerToken)), ["payment_created 2294 customer", "authorized 2294 customer"]);
  await advanceDelivery(db, server, d, ["pickUp"]);
  await runPaymentJob(db, h, "payments__capture", d.id);
  await advanceDelivery(db, server, d, ["deliver"]);
  await settle(db, h);
  const held = await trail(d.id, d.travelerToken);
  t.deepEqual(steps(held), ["payment_created 2294 customer", "authorized 2294 customer", "captured 2294 platform",
    "held 2000 platform"]);
  const [{ hold_until }] = await queryAsRoot(db, "select hold_until from app_public.escrow_accounts where delivery_id = $1", [d.id]);
  t.is(new Date(String(held[3]!.until)).getTime(), (hold_until as Date).getTime(), "held until the end of the hold");
  await payoutAccount(d.traveler);
  await queryAsRoot(db, "update app_public.escrow_accounts set hold_until = now() - interval '1 minute' where delivery_id = $1", [d.id]);
  await runPaymentJob(db, h, "payments__release");
  const released = await trail(d.id, d.customerToken);
  t.deepEqual(steps(released).slice(4), ["released 2000 traveler"]);
  t.deepEqual(await trail(d.id, d.travelerToken), released, "both parties read the same trail");
  t.deepEqual((await sqlTrail(finance, d.id)).map((r) => r.step), released.map((r) => r.step), "finance reads it");
  t.deepEqual(await sqlTrail(stranger, d.id), [], "another user: nothing");
  t.deepEqual(await sqlTrail(support, d.id), [], "an admin without finance.read: nothing");
  t.is(await sqlstate(actAs(db, anonymous, (c) => c.query("select * from app_public.delivery_money_trail($1)", [d.id]))), "42501");
});

test.serial("a cancellation before the capture: voided, nothing charged", async (t) => {
  const d = await authorised();
  await gqlData(server, `mutation ($d: UUID!) { cancelDelivery(input: { deliveryId: $d, reason: no_longer_needed }) { delivery { status } } }`,
    { token: d.customerToken, variables: { d: d.id } });
  await settle(db, h);
  t.deepEqual(steps(await trail(d.id, d.customerToken)),
    ["payment_created 2294 customer", "authorized 2294 customer", "voided 2294 customer"]);
});

test.serial("a cancellation after the release: the refund requested, the transfer reversed, refunded", async (t) => {
  const d = await authorised();
  await advanceDelivery(db, server, d, ["pickUp"]);
  await runPaymentJob(db, h, "payments__capture", d.id);
  await advanceDelivery(db, server, d, ["deliver"]);
  await payoutAccount(d.traveler);
  await queryAsRoot(db, "update app_public.escrow_accounts set hold_until = now() - interval '1 minute' where delivery_id = $1", [d.id]);
  await runPaymentJob(db, h, "payments__release");
  // An admin decision (docs/payments.md: request_refund is the admin refund's back end): 100 % back.
  const [{ refund }] = await queryAsRoot(db, `select app_private.request_refund(p.id, p.captured_amount, p.platform_fee,
      p.traveler_amount, 'service_not_provided', null) as refund
    from app_public.payment_intents p where p.delivery_id = $1`, [d.id]);
  await settle(db, h);
  const rows = await trail(d.id, d.customerToken);
  t.deepEqual(steps(rows).slice(5), ["refund_requested 2294 customer", "transfer_reversed 2000 platform", "refunded 2294 customer"]);
  t.true(rows.slice(5).every((r) => r.refundId === refund));
});
