// Promotional credits (docs/payments.md, Credits) against the Stripe fake: spent oldest first when the payment is
// created, never pushing the charge below payments.min_charge, the unused part re-issued; two payments racing for
// one credit spend it once; a void or a full refund gives the credits back; referral bonuses after the referee's
// first delivery; adminGrantCredit (finance.write, two-factor session, audited). Every grant and spend posts one
// balanced ledger transaction. Serial: jobs run one pass at a time.
import test from "ava";
import { createMember, makeAdmin, tokenFor } from "../helpers/actors.ts";
import { asRoot, queryAsRoot } from "../helpers/database.ts";
import { errorCode } from "../helpers/errors.ts";
import { gqlData } from "../helpers/graphql.ts";
import {
  advanceDelivery, createAcceptedDelivery, createDeliveryRecord, createTrip, transitionDelivery, type AcceptedDelivery,
} from "../helpers/marketplace.ts";
import { confirmCard, ledgerBalances, ledgerImbalance, runPaymentJob, settle, startStripeHarness } from "../helpers/payments.ts";
import { useTestServer } from "../helpers/server.ts";

const h = await startStripeHarness(test, "whsec_payments_credits_test");
const { db, server } = useTestServer(test, h.env);
let finance: string;
let financeToken: string;
let financeNoMfa: string;
let supportToken: string;
test.serial.before(async () => {
  h.fake.webhookUrl = `${server.url}/webhooks/stripe`;
  finance = await createMember(db, "both");
  await makeAdmin(db, finance, "finance");
  financeToken = await tokenFor(db, finance, { mfaVerified: true });
  financeNoMfa = await tokenFor(db, finance, { mfaVerified: false });
  const support = await createMember(db, "both");
  await makeAdmin(db, support, "support");
  supportToken = await tokenFor(db, support, { mfaVerified: true });
});
test.serial.afterEach(async (t) => {
  t.deepEqual(await ledgerImbalance(db), {}, "the whole ledger balances");
});

/** Grants a credit as the platform would (app_private.grant_credit), expiring in `days`; returns its id. */
async function grant(user: string, amount: number, days = 30, currency = "EUR"): Promise<string> {
  return (await queryAsRoot(db, `select (app_private.grant_credit($1, 'promotional', $2, $3,
      now() + make_interval(days => $4))).id as id`, [user, amount, currency, days]))[0]!.id;
}
const credits = (user: string) => queryAsRoot(db, `select amount::int, used_amount::int, reissue_reason,
    (used_at is not null) as used, expires_at from app_public.promotional_credits where user_id = $1
    order by created_at, amount`, [user]);
const spendable = async (user: string) => (await queryAsRoot(db, `select coalesce(sum(amount), 0)::int as n
    from app_public.promotional_credits where user_id = $1 and used_at is null and expires_at > now()`, [user]))[0]!.n as number;
const payment = async (delivery: string) => (await queryAsRoot(db, `select status, amount::int, credits_applied::int,
    captured_amount::int as captured, refunded_amount::int as refunded from app_public.payment_intents where delivery_id = $1`,
  [delivery]))[0]!;
const ledgerKeys = async (prefix: string) => (await queryAsRoot(db,
  "select idempotency_key from app_private.ledger_transactions where idempotency_key like $1 || '%' order by created_at",
  [prefix])).map((r) => r.idempotency_key as string);
/** A customer holding the given credits, accepted at 2000 (charge 2294), its PaymentIntent created at the fake. */
async function acceptedWithCredits(amounts: number[]): Promise<AcceptedDelivery> {
  const d = await createAcceptedDelivery(db, server, { price: 2000, payment: "none" });
  // Granted before payments__create_intent runs (settle): the payment spends them.
  for (const amount of amounts) await grant(d.customer, amount);
  await settle(db, h);
  return d;
}

test.serial("credits are spent oldest expiry first at payment time; the unused part of the last is re-issued", async (t) => {
  const customer = await createMember(db, "customer", "email_verified");
  const later = await grant(customer, 3000, 60);
  await grant(customer, 300, 10);
  await grant(customer, 500, 20);
  const expired = await grant(customer, 5000, 1);
  await queryAsRoot(db, "update app_public.promotional_credits set expires_at = now() - interval '1 second' where id = $1", [expired]);
  // 3000 + 300 + 126 = 3426, of which credits may pay 3326: 300 (10 days), 500 (20 days), 2526 of 3000 (60 days).
  const delivery = await createDeliveryRecord(db, await createTrip(db, await createMember(db, "traveler")), { customerId: customer });
  await queryAsRoot(db, "select app_private.prepare_payment_intent($1)", [delivery]);
  t.like(await payment(delivery), { amount: 100, credits_applied: 3326 });
  // Asked again (the task retried), nothing more is spent.
  await queryAsRoot(db, "select app_private.prepare_payment_intent($1)", [delivery]);
  t.like(await payment(delivery), { credits_applied: 3326 });
  t.deepEqual((await credits(customer)).map(({ amount, used_amount, reissue_reason, used }) => ({ amount, used_amount, reissue_reason, used })), [
    { amount: 3000, used_amount: 2526, reissue_reason: null, used: true },
    { amount: 300, used_amount: 300, reissue_reason: null, used: true },
    { amount: 500, used_amount: 500, reissue_reason: null, used: true },
    { amount: 5000, used_amount: null, reissue_reason: null, used: false },
    { amount: 474, used_amount: null, reissue_reason: "remainder", used: false },
  ]);
  const [remainder] = await queryAsRoot(db, `select r.expires_at = c.expires_at as same_expiry
      from app_public.promotional_credits r join app_public.promotional_credits c on c.id = r.reissue_of_id
     where c.id = $1`, [later]);
  t.true(remainder!.same_expiry, "the remainder keeps the credit's expiry");
  t.is(await spendable(customer), 474, "the expired credit is not spendable");
});

test.serial("credits never push the charge below the minimum charge (100)", async (t) => {
  const customer = await createMember(db, "customer", "email_verified");
  await grant(customer, 5000);
  await grant(customer, 700, 30, "USD");
  const delivery = await createDeliveryRecord(db, await createTrip(db, await createMember(db, "traveler")), { customerId: customer });
  await queryAsRoot(db, "select app_private.prepare_payment_intent($1)", [delivery]);
  t.like(await payment(delivery), { amount: 100, credits_applied: 3326 });
  t.is(await spendable(customer), 5000 - 3326 + 700, "the rest of the credit, and the USD one, stay spendable");
});

test.serial("two payments racing for the same credit: it is spent once", async (t) => {
  const customer = await createMember(db, "customer", "email_verified");
  await grant(customer, 1000);
  const trip = await createTrip(db, await createMember(db, "traveler"));
  const deliveries = [await createDeliveryRecord(db, trip, { customerId: customer }),
                      await createDeliveryRecord(db, trip, { customerId: customer })];
  // Two connections, each in a transaction that holds its locks a while before committing.
  await Promise.all(deliveries.map((delivery) => asRoot(db, async (c) => {
    await c.query("begin");
    await c.query("select app_private.prepare_payment_intent($1)", [delivery]);
    await c.query("select pg_sleep(0.3)");
    await c.query("commit");
  })));
  const applied = (await Promise.all(deliveries.map(payment))).map((p) => p.credits_applied).sort();
  t.deepEqual(applied, [0, 1000]);
  t.is((await queryAsRoot(db, "select count(*)::int as n from app_public.promotional_credits where user_id = $1", [customer]))[0]!.n, 1,
    "no remainder was made from a credit already spent");
});

test.serial("paid story with a credit: charged 1294, captured; the ledger posts the capture of 2294 and the spend of 1000", async (t) => {
  const d = await acceptedWithCredits([1000]);
  t.like(await payment(d.id), { amount: 1294, credits_applied: 1000 });
  await confirmCard(db, h, d.id);
  await queryAsRoot(db, "update app_public.payment_intents set capture_before = now() + interval '1 hour' where delivery_id = $1", [d.id]);
  await runPaymentJob(db, h, "payments__capture_early");
  t.like(await payment(d.id), { status: "succeeded", captured: 1294 });
  t.like(await ledgerBalances(db, d.id), {
    "platform_cash EUR": 1294, "promo_liability EUR": 1000, "escrow_liability EUR": -2000,
    "platform_fee_revenue EUR": -200, "processing_fee_revenue EUR": -94,
  });
  const pi = (await queryAsRoot(db, "select id from app_public.payment_intents where delivery_id = $1", [d.id]))[0]!.id;
  t.deepEqual(await ledgerKeys(`credit-spend:${pi}`), [`credit-spend:${pi}`]);

  // Cancelled after the capture: 1294 back to the card, the 1000 back as a credit; every account nets to zero.
  await gqlData(server, `mutation ($d: UUID!) { cancelDelivery(input: { deliveryId: $d, reason: no_longer_needed }) { delivery { status } } }`,
    { token: d.customerToken, variables: { d: d.id } });
  await settle(db, h);
  t.like(await payment(d.id), { refunded: 1294 });
  t.like((await queryAsRoot(db, "select amount::int, credits_restored::int, status from app_public.refunds where delivery_id = $1", [d.id]))[0],
    { amount: 1294, credits_restored: 1000, status: "succeeded" });
  t.deepEqual(Object.values(await ledgerBalances(db, d.id)).filter((v) => v !== 0), [], "every account of the delivery nets to zero");
  t.is(await spendable(d.customer), 1000);
  t.deepEqual((await credits(d.customer)).map((c) => c.reissue_reason), [null, "restored"]);
});

test.serial("a void before the capture gives the credits back, once; nothing is posted for them", async (t) => {
  const d = await acceptedWithCredits([600, 400]);
  await confirmCard(db, h, d.id);
  t.is(await spendable(d.customer), 0);
  await gqlData(server, `mutation ($d: UUID!) { cancelDelivery(input: { deliveryId: $d, reason: no_longer_needed }) { delivery { status } } }`,
    { token: d.customerToken, variables: { d: d.id } });
  await settle(db, h);
  t.like(await payment(d.id), { status: "canceled", credits_applied: 1000 });
  t.is(await spendable(d.customer), 1000);
  // The restoration is once per credit, whatever repeats it.
  await queryAsRoot(db, "select app_private.restore_credits(id) from app_public.payment_intents where delivery_id = $1", [d.id]);
  t.is(await spendable(d.customer), 1000);
  t.deepEqual(await ledgerBalances(db, d.id), {}, "no capture, no spend");
});

test.serial("referral: after the referee's first delivery (a real delivery scan), both parties get payments.referral_bonus, once", async (t) => {
  const referrer = await createMember(db, "both");
  const d = await createAcceptedDelivery(db, server, { price: 2000 });
  const referee = d.customer;
  await queryAsRoot(db, "update app_public.users set referred_by_user_id = $2 where id = $1", [referee, referrer]);
  await advanceDelivery(db, server, d, ["pickUp"]);
  t.deepEqual(await credits(referee), [], "nothing before the delivery");
  await advanceDelivery(db, server, d, ["deliver"]);
  for (const user of [referee, referrer]) {
    const rows = await queryAsRoot(db, `select type, amount::int, currency, referee_id,
        expires_at between now() + interval '12 months' - interval '1 hour' and now() + interval '12 months' as expiry
        from app_public.promotional_credits where user_id = $1`, [user]);
    t.deepEqual(rows, [{ type: "referral_bonus", amount: 1000, currency: "EUR", referee_id: referee, expiry: true }]);
  }
  t.like(await ledgerBalances(db, d.id), { "promo_expense EUR": 2000, "promo_liability EUR": -2000 });
  const second = await createDeliveryRecord(db, d.trip, { customerId: referee, reserveCapacity: true });
  await transitionDelivery(db, second, "picked_up", "delivered");
  t.is(await spendable(referee), 1000, "the second delivery earns nothing");
  t.is(await spendable(referrer), 1000);
});

test.serial("a referee who already had a delivery before the referral rule earns nothing; a bonus of 0 grants nothing", async (t) => {
  const referrer = await createMember(db, "both");
  const referee = await createMember(db, "customer", "email_verified");
  const trip = await createTrip(db, await createMember(db, "traveler"));
  const earlier = await createDeliveryRecord(db, trip, { customerId: referee, reserveCapacity: true });
  await transitionDelivery(db, earlier, "picked_up", "delivered");
  await queryAsRoot(db, "update app_public.users set referred_by_user_id = $2 where id = $1", [referee, referrer]);
  const next = await createDeliveryRecord(db, trip, { customerId: referee, reserveCapacity: true });
  await transitionDelivery(db, next, "picked_up", "delivered");
  t.is(await spendable(referrer), 0);
  const other = await createMember(db, "customer", "email_verified");
  await queryAsRoot(db, "update app_public.users set referred_by_user_id = $2 where id = $1", [other, referrer]);
  await queryAsRoot(db, "update app_public.system_configuration set value = '0' where category = 'payments' and key = 'referral_bonus'");
  try {
    const d = await createDeliveryRecord(db, trip, { customerId: other, reserveCapacity: true });
    await transitionDelivery(db, d, "picked_up", "delivered");
  } finally {
    await queryAsRoot(db, "update app_public.system_configuration set value = '1000' where category = 'payments' and key = 'referral_bonus'");
  }
  t.is(await spendable(other), 0);
});

const GRANT = `mutation ($u: UUID!, $a: BigInt!, $c: String!, $n: String!, $t: CreditType, $e: Datetime) {
  adminGrantCredit(input: { userId: $u, amount: $a, currency: $c, note: $n, type: $t, expiresAt: $e }) {
    promotionalCredit { rowId amount currency type expiresAt userId } } }`;
const grantAs = (token: string, variables: Record<string, unknown>) =>
  server.gql(GRANT, { token, variables: { a: "500", c: "EUR", n: "late delivery", ...variables } });

test.serial("adminGrantCredit: finance in a two-factor session grants, audited and posted; the owner reads it", async (t) => {
  const customer = await createMember(db, "customer", "email_verified");
  const res = await grantAs(financeToken, { u: customer });
  t.is(res.errors, undefined);
  const credit = (res.data as any).adminGrantCredit.promotionalCredit;
  t.like(credit, { amount: "500", currency: "EUR", type: "compensation", userId: customer });
  t.like((await queryAsRoot(db, `select action, severity, (new_values ->> 'amount')::int as amount,
      new_values ->> 'currency' as currency, reason, resource_id as credit
      from app_public.admin_activity_log where admin_id = $1 and resource_type = 'promotional_credit'
       and new_values ->> 'user_id' = $2`, [finance, customer]))[0],
    { action: "admin_grant_credit", severity: "high", amount: 500, currency: "EUR", reason: "late delivery", credit: credit.rowId });
  t.deepEqual(await ledgerKeys(`credit-grant:${credit.rowId}`), [`credit-grant:${credit.rowId}`]);
  const mine = await gqlData(server, "{ promotionalCredits { nodes { rowId amount } } }", { token: await tokenFor(db, customer) });
  t.deepEqual((mine as any).promotionalCredits.nodes, [{ rowId: credit.rowId, amount: "500" }]);
  const other = await gqlData(server, "{ promotionalCredits { nodes { rowId } } }",
    { token: await tokenFor(db, await createMember(db, "customer", "email_verified")) });
  t.deepEqual((other as any).promotionalCredits.nodes, []);
});

test.serial("adminGrantCredit refuses: support, no second factor, the user themself, visitors (DNIED); bad input (INVAL); unknown user (NTFND)", async (t) => {
  const customer = await createMember(db, "customer", "email_verified");
  t.is(errorCode(await grantAs(supportToken, { u: customer })), "DNIED");
  t.is(errorCode(await grantAs(financeNoMfa, { u: customer })), "DNIED");
  t.is(errorCode(await grantAs(await tokenFor(db, customer), { u: customer })), "DNIED");
  t.is(errorCode(await server.gql(GRANT, { variables: { u: customer, a: "500", c: "EUR", n: "x" } })), "DNIED", "visitors");
  t.is(errorCode(await grantAs(financeToken, { u: customer, a: "0" })), "INVAL");
  t.is(errorCode(await grantAs(financeToken, { u: customer, a: "-5" })), "INVAL");
  t.is(errorCode(await grantAs(financeToken, { u: customer, c: "XXX" })), "INVAL");
  t.is(errorCode(await grantAs(financeToken, { u: customer, n: " " })), "INVAL");
  t.is(errorCode(await grantAs(financeToken, { u: customer, t: "referral_bonus" })), "INVAL");
  t.is(errorCode(await grantAs(financeToken, { u: customer, e: new Date(Date.now() - 60_000).toISOString() })), "INVAL");
  t.is(errorCode(await grantAs(financeToken, { u: "00000000-0000-4000-8000-000000000000" })), "NTFND");
  t.deepEqual(await credits(customer), [], "nothing was granted");
});
