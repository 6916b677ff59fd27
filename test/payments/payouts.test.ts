// Payout onboarding and payouts against the Stripe fake (docs/payments.md, Payouts): requestPayoutOnboarding records a
// request, payouts__onboard creates the Express account once and its Account Link, payoutOnboardingUrl returns it;
// Stripe's hosted page onboards the account and account.updated (re-fetched, so an older state arriving late changes
// nothing) makes the payout account active. Then the paid story goes on to the traveler's bank: an instant payout
// (fully_verified, ≥ 500, fee max(50, 1.5 %)) paid by the bank (payout.paid), and the daily standard payout of the
// rest (≥ 100, free), which the bank fails (payout.failed: the money is available again). Serial: jobs run one pass
// at a time.
import test from "ava";
import { actAs, user } from "../helpers/actors.ts";
import { queryAsRoot } from "../helpers/database.ts";
import { gqlData } from "../helpers/graphql.ts";
import { advanceDelivery, createAcceptedDelivery, type AcceptedDelivery } from "../helpers/marketplace.ts";
import { confirmCard, runPaymentJob, settle, startStripeHarness } from "../helpers/payments.ts";
import { useTestServer } from "../helpers/server.ts";

const h = await startStripeHarness(test, "whsec_payments_payouts_test");
const { db, server } = useTestServer(test, h.env);
test.serial.before(() => {
  h.fake.webhookUrl = `${server.url}/webhooks/stripe`;
});

const ONBOARD = `mutation ($c: String!, $r: String!, $f: String!) {
  requestPayoutOnboarding(input: { country: $c, returnUrl: $r, refreshUrl: $f }) { requestId } }`;
const URL_QUERY = "query { payoutOnboardingUrl }";
const INSTANT = `mutation ($a: BigInt!) { requestInstantPayout(input: { amount: $a }) {
  payout { id amount fee net currency type status } } }`;
const account = async (user: string) => (await queryAsRoot(db, `select pa.status, pa.payouts_enabled, pa.country,
    pa.default_currency, r.stripe_id from app_public.payout_accounts pa
    left join app_private.stripe_refs r on r.payout_account_id = pa.id and r.kind = 'account' where pa.user_id = $1`, [user]))[0];
const payouts = (user: string) => queryAsRoot(db, `select p.id, p.amount::int, p.fee::int, p.net::int, p.type, p.status,
    p.failure_message, r.stripe_id from app_public.payouts p left join app_private.stripe_refs r on r.payout_id = p.id and r.kind = 'payout'
    where p.user_id = $1 order by p.created_at`, [user]);
const available = async (user: string) =>
  (await queryAsRoot(db, "select app_private.payout_available($1, 'EUR')::int as n", [user]))[0]!.n as number;
const gqlError = async (promise: Promise<unknown>) => {
  const error = await promise.then(() => undefined, (e: Error) => e);
  return error?.message ?? "";
};

async function onboard(d: AcceptedDelivery): Promise<string> {
  await gqlData(server, ONBOARD, { token: d.travelerToken,
    variables: { c: "DE", r: "https://app.example/payouts/done", f: "https://app.example/payouts/again" } });
  await settle(db, h);
  const { payoutOnboardingUrl } = (await gqlData(server, URL_QUERY, { token: d.travelerToken })) as { payoutOnboardingUrl: string };
  return payoutOnboardingUrl;
}

let story: AcceptedDelivery;
test.serial("onboarding: an Account Link from the worker, Stripe's page onboards the account, account.updated makes it active", async (t) => {
  story = await createAcceptedDelivery(db, server, { price: 2000, payment: "none" });
  t.like(await gqlData(server, URL_QUERY, { token: story.travelerToken }), { payoutOnboardingUrl: null }, "no request yet");
  const { requestPayoutOnboarding } = (await gqlData(server, ONBOARD, { token: story.travelerToken,
    variables: { c: "DE", r: "https://app.example/payouts/done", f: "https://app.example/payouts/again" } })) as any;
  t.regex(requestPayoutOnboarding.requestId, /^[0-9a-f-]{36}$/);
  t.like(await gqlData(server, URL_QUERY, { token: story.travelerToken }), { payoutOnboardingUrl: null }, "being obtained");
  t.like(await account(story.traveler), { status: "pending", payouts_enabled: false, country: "DE", stripe_id: null });
  await settle(db, h);
  const { payoutOnboardingUrl: url } = (await gqlData(server, URL_QUERY, { token: story.travelerToken })) as any;
  t.regex(url, /\/connect\/onboarding\//);
  const created = await account(story.traveler);
  t.like(created, { status: "pending", payouts_enabled: false, default_currency: "EUR" });
  t.regex(created!.stripe_id, /^acct_/);
  t.like(h.fake.objects.get(created!.stripe_id), { type: "express", country: "DE",
    settings: { payouts: { schedule: { interval: "manual" } } } });
  t.true(h.fake.requests.some((r) => r.idempotencyKey === `account-link:${requestPayoutOnboarding.requestId}`));
  // The traveler completes Stripe's page and comes back.
  const page = await fetch(url, { redirect: "manual" });
  t.is(page.headers.get("location"), "https://app.example/payouts/done");
  await settle(db, h);
  t.like(await account(story.traveler), { status: "active", payouts_enabled: true });
  // Asking again makes a new link for the same account.
  t.regex(await onboard(story), /\/connect\/onboarding\//);
  t.is((await account(story.traveler))!.stripe_id, created!.stripe_id);
  t.is([...h.fake.objects.values()].filter((o) => o.object === "account" && o.metadata?.user_id === story.traveler).length, 1);
});

test.serial("account.updated applies the account as Stripe has it now: a late older event does not undo a restriction", async (t) => {
  const { stripe_id } = (await account(story.traveler))!;
  const onboarded = h.fake.events.filter((e) => e.type === "account.updated" && e.body.includes(stripe_id)).at(-1)!;
  h.fake.restrictAccount(stripe_id);
  await settle(db, h);
  t.like(await account(story.traveler), { status: "restricted", payouts_enabled: false });
  // The onboarded state again, as a new event that arrives late: re-fetched, the account is still restricted.
  const late = onboarded.body.replace(/"id": "evt_[A-Za-z0-9]+"/, '"id": "evt_latearrival1"');
  const res = await fetch(`${server.url}/webhooks/stripe`, { method: "POST", body: late,
    headers: { "content-type": "application/json", "stripe-signature": h.fake.sign(late) } });
  t.is(res.status, 200);
  await settle(db, h);
  t.like(await account(story.traveler), { status: "restricted", payouts_enabled: false });
  h.fake.completeOnboarding(stripe_id);
  await settle(db, h);
  t.like(await account(story.traveler), { status: "active", payouts_enabled: true });
});

test.serial("onboarding refuses URLs that are not http(s) (INVAL) and visitors", async (t) => {
  t.regex(await gqlError(gqlData(server, ONBOARD, { token: story.travelerToken,
    variables: { c: "DE", r: "javascript:alert(1)", f: "https://app.example/again" } })), /return_url must be an http\(s\) URL/);
  t.regex(await gqlError(gqlData(server, ONBOARD, {
    variables: { c: "DE", r: "https://app.example/done", f: "https://app.example/again" } })), /.+/);
});

test.serial("the paid story to the bank: released 2000, an instant payout of 1000 (fee 50, net 950) paid, the daily standard payout of the rest", async (t) => {
  await runPaymentJob(db, h, "payments__create_intent", story.id);
  await confirmCard(db, h, story.id);
  await advanceDelivery(db, server, story, ["pickUp"]);
  await runPaymentJob(db, h, "payments__capture", story.id);
  await advanceDelivery(db, server, story, ["deliver"]);
  await queryAsRoot(db, "update app_public.escrow_accounts set hold_until = now() - interval '1 minute' where delivery_id = $1", [story.id]);
  await runPaymentJob(db, h, "payments__release");
  const { stripe_id: acct } = (await account(story.traveler))!;
  t.is(h.fake.balanceOf(acct, "eur"), 2000);
  t.is(await available(story.traveler), 2000);

  t.regex(await gqlError(gqlData(server, INSTANT, { token: story.travelerToken, variables: { a: "1000" } })),
    /must be fully verified/, "instant payouts need fully_verified");
  await queryAsRoot(db, "update app_public.users set verification_level = 'fully_verified' where id = $1", [story.traveler]);
  t.regex(await gqlError(gqlData(server, INSTANT, { token: story.travelerToken, variables: { a: "499" } })),
    /amount must be at least 500/);
  t.regex(await gqlError(gqlData(server, INSTANT, { token: story.travelerToken, variables: { a: "2001" } })),
    /at most your available balance \(2000 EUR\)/);
  const { requestInstantPayout } = (await gqlData(server, INSTANT, { token: story.travelerToken, variables: { a: "1000" } })) as any;
  t.like(requestInstantPayout.payout, { amount: "1000", fee: "50", net: "950", currency: "EUR", type: "instant", status: "pending" });
  t.is(await available(story.traveler), 1000, "the payout's amount left the balance at once");
  await settle(db, h);
  const [instant] = await payouts(story.traveler);
  t.regex(instant!.stripe_id, /^po_/);
  t.like(h.fake.objects.get(instant!.stripe_id), { amount: 950, method: "instant", metadata: { payout_id: instant!.id } });
  t.true(h.fake.requests.some((r) => r.idempotencyKey === `payout:${instant!.id}`));
  h.fake.payoutArrives(instant!.stripe_id, "paid");
  await settle(db, h);
  t.like((await payouts(story.traveler))[0], { status: "paid" });

  // The daily standard payout: the rest (1000), free; twice in a day decides it once.
  await runPaymentJob(db, h, "payouts__schedule");
  await runPaymentJob(db, h, "payouts__schedule");
  const [, standard, ...none] = await payouts(story.traveler);
  t.deepEqual(none, []);
  t.like(standard, { amount: 1000, fee: 0, net: 1000, type: "standard", status: "pending" });
  t.like(h.fake.objects.get(standard!.stripe_id), { amount: 1000, method: "standard" });
  t.is(await available(story.traveler), 0);
  // The bank refuses it: failed with Stripe's message; the money is available again.
  h.fake.payoutArrives(standard!.stripe_id, "failed");
  await settle(db, h);
  t.like((await payouts(story.traveler))[1], { status: "failed", failure_message: "The bank account has been closed." });
  t.is(await available(story.traveler), 1000);
});

test.serial("the instant fee is max(50, 1.5 %) rounded half-up; a balance under 100 is not paid out daily", async (t) => {
  const d = await createAcceptedDelivery(db, server, { price: 5000, payment: "none" });
  await onboard(d);
  h.fake.completeOnboarding((await account(d.traveler))!.stripe_id);
  await settle(db, h);
  await queryAsRoot(db, "update app_public.users set verification_level = 'fully_verified' where id = $1", [d.traveler]);
  const release = (amount: number) => queryAsRoot(db, `update app_public.escrow_accounts set status = 'released',
    released_amount = $2, released_at = now(), release_condition = 'manual_release' where delivery_id = $1`, [d.id, amount]);
  await release(99);
  await runPaymentJob(db, h, "payouts__schedule");
  t.deepEqual(await payouts(d.traveler), [], "99 < payments.payout_min_standard");
  await release(5000);
  const fee = (amount: number) => actAs(db, user(d.traveler), async (c) =>
    (await c.query("select fee::int, net::int from app_public.request_instant_payout($1)", [amount])).rows[0]);
  t.deepEqual(await fee(5000), { fee: 75, net: 4925 });
  t.deepEqual(await fee(3350), { fee: 50, net: 3300 }, "50.25 → the minimum 50");
  t.deepEqual(await fee(3367), { fee: 51, net: 3316 }, "50.505 → 51");
  t.deepEqual(await fee(500), { fee: 50, net: 450 });
});
