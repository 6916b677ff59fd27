// Collecting the instant payout fee (docs/payments.md, Payouts) against the Stripe fake: after payouts__create pays
// net to the bank, it moves the fee from the traveler's connected account to the platform by an account debit (a
// Transfer made on the connected account, to the platform's account, key payout-fee:<payout>), records it once
// (fee_collected_at, the account_debit's Stripe id) and posts ledger payout-fee:<payout> (Dr traveler_payable /
// Cr instant_payout_fee_revenue). A debit made before the worker died is replayed and recorded once; a debit Stripe
// refuses alerts finance (once), posts nothing and is retried with a new key (Stripe replays a key's refusal).
// Serial: jobs run one pass at a time.
import test from "ava";
import { createMember, makeAdmin } from "../helpers/actors.ts";
import { queryAsRoot } from "../helpers/database.ts";
import { gqlData } from "../helpers/graphql.ts";
import { advanceDelivery, createAcceptedDelivery, type AcceptedDelivery } from "../helpers/marketplace.ts";
import { confirmCard, ledgerBalances, ledgerImbalance, runPaymentJob, settle, startStripeHarness } from "../helpers/payments.ts";
import { notificationsOf } from "../helpers/notifications.ts";
import { useTestServer } from "../helpers/server.ts";

const h = await startStripeHarness(test, "whsec_payments_payout_fee_test");
const { db, server } = useTestServer(test, h.env);
test.serial.before(async () => {
  h.fake.webhookUrl = `${server.url}/webhooks/stripe`;
  await makeAdmin(db, await createMember(db, "both"), "finance");
});

const ONBOARD = `mutation ($c: String!, $r: String!, $f: String!) {
  requestPayoutOnboarding(input: { country: $c, returnUrl: $r, refreshUrl: $f }) { requestId } }`;
const INSTANT = `mutation ($a: BigInt!) { requestInstantPayout(input: { amount: $a }) {
  payout { id: rowId amount fee net feeCollectedAt } } }`;

interface Story {
  delivery: AcceptedDelivery;
  acct: string;
}

/** A traveler paid `price` for a delivery, released to their active, fully verified payout account. */
async function released(price: number): Promise<Story> {
  const d = await createAcceptedDelivery(db, server, { price, payment: "none" });
  await gqlData(server, ONBOARD, { token: d.travelerToken,
    variables: { c: "DE", r: "https://app.example/payouts/done", f: "https://app.example/payouts/again" } });
  await settle(db, h);
  const [{ acct }] = (await queryAsRoot(db, `select r.stripe_id as acct from app_public.payout_accounts pa
    join app_private.stripe_refs r on r.payout_account_id = pa.id and r.kind = 'account' where pa.user_id = $1`,
    [d.traveler])) as [{ acct: string }];
  h.fake.completeOnboarding(acct);
  await runPaymentJob(db, h, "payments__create_intent", d.id);
  await confirmCard(db, h, d.id);
  await advanceDelivery(db, server, d, ["pickUp"]);
  await runPaymentJob(db, h, "payments__capture", d.id);
  await advanceDelivery(db, server, d, ["deliver"]);
  await queryAsRoot(db, "update app_public.escrow_accounts set hold_until = now() - interval '1 minute' where delivery_id = $1", [d.id]);
  await runPaymentJob(db, h, "payments__release");
  await queryAsRoot(db, "update app_public.users set verification_level = 'fully_verified' where id = $1", [d.traveler]);
  return { delivery: d, acct };
}

async function requestInstant(s: Story, amount: number): Promise<{ id: string; fee: string; net: string }> {
  const { requestInstantPayout } = (await gqlData(server, INSTANT, { token: s.delivery.travelerToken,
    variables: { a: String(amount) } })) as { requestInstantPayout: { payout: { id: string; fee: string; net: string } } };
  return requestInstantPayout.payout;
}
const collected = async (payoutId: string) => (await queryAsRoot(db, `select p.fee_collected_at is not null as collected,
    (select r.stripe_id from app_private.stripe_refs r where r.payout_id = p.id and r.kind = 'account_debit') as debit
    from app_public.payouts p where p.id = $1`, [payoutId]))[0] as { collected: boolean; debit: string | null };
const feeTransactions = async (payoutId: string) => (await queryAsRoot(db, `select t.kind, a.code, e.amount::int
    from app_private.ledger_transactions t join app_private.ledger_entries e on e.transaction_id = t.id
    join app_private.ledger_accounts a on a.id = e.account_id where t.idempotency_key = $1 order by a.code`,
    [`payout-fee:${payoutId}`]));
const debits = (payoutId: string) =>
  [...h.fake.objects.values()].filter((o) => o.object === "transfer" && o.metadata?.payout_id === payoutId);
const keyUses = (payoutId: string) => h.fake.requests.filter((r) => r.idempotencyKey === `payout-fee:${payoutId}`).length;
const available = async (user: string) =>
  (await queryAsRoot(db, "select app_private.payout_available($1, 'EUR')::int as n", [user]))[0]!.n as number;
const feeAlerts = async (payoutId: string) => (await notificationsOf(db, "payout_fee_refused_alert", { payout_id: payoutId })).length;

test.serial("the instant payout story to the cent: 4000 paid out, net 3940 to the bank, fee 60 (1.5 %) debited to the platform and posted once", async (t) => {
  const s = await released(4000);
  const platformBefore = h.fake.balanceOf(h.fake.platformAccountId, "eur");
  t.is(h.fake.balanceOf(s.acct, "eur"), 4000);
  const payout = await requestInstant(s, 4000);
  t.like(payout, { fee: "60", net: "3940" });
  await settle(db, h);

  const [debit, ...more] = debits(payout.id);
  t.deepEqual(more, []);
  t.like(debit, { amount: 60, currency: "eur", destination: h.fake.platformAccountId, _account: s.acct });
  t.is(h.fake.balanceOf(s.acct, "eur"), 0, "net went to the bank and the fee to the platform: nothing is left");
  t.is(h.fake.balanceOf(h.fake.platformAccountId, "eur") - platformBefore, 60);
  t.deepEqual(await collected(payout.id), { collected: true, debit: debit!.id });
  t.deepEqual(await feeTransactions(payout.id), [
    { kind: "payout", code: "instant_payout_fee_revenue", amount: -60 },
    { kind: "payout", code: "traveler_payable", amount: 60 },
  ]);
  const balances = await ledgerBalances(db);
  t.is(balances[`traveler_payable:${s.delivery.traveler} EUR`], -3940, "released 4000, less the fee the platform took");
  t.deepEqual(await ledgerImbalance(db), {});
  t.is(await available(s.delivery.traveler), 0);
  const { payout: listed } = ((await gqlData(server, `query ($id: UUID!) { payout(rowId: $id) { feeCollectedAt } }`,
    { token: s.delivery.travelerToken, variables: { id: payout.id } })) as { payout: { feeCollectedAt: string | null } });
  t.truthy(listed.feeCollectedAt, "the traveler sees when the fee was collected");

  // The job again (a retry, a duplicate): nothing is debited or posted twice.
  await runPaymentJob(db, h, "payouts__create", payout.id);
  t.is(keyUses(payout.id), 1);
  t.is(debits(payout.id).length, 1);
  t.is((await feeTransactions(payout.id)).length, 2);
  t.is(h.fake.balanceOf(s.acct, "eur"), 0);
});

test.serial("a worker killed after Stripe made the debit: the retry's same key is replayed, one debit, recorded once", async (t) => {
  const s = await released(2000);
  const payout = await requestInstant(s, 1000);
  t.like(payout, { fee: "50", net: "950" });
  // The dead worker's debit: made at Stripe with the job's key and parameters, never recorded.
  const made = await h.stripe.transfers.create(
    { amount: 50, currency: "eur", destination: h.fake.platformAccountId, metadata: { payout_id: payout.id } },
    { stripeAccount: s.acct, idempotencyKey: `payout-fee:${payout.id}` });
  t.deepEqual(await collected(payout.id), { collected: false, debit: null });
  await settle(db, h);
  t.is(keyUses(payout.id), 2, "asked again with the same key");
  t.deepEqual(debits(payout.id).map((d) => d.id), [made.id], "Stripe replayed it: one debit");
  t.is(h.fake.balanceOf(s.acct, "eur"), 2000 - 950 - 50);
  t.deepEqual(await collected(payout.id), { collected: true, debit: made.id });
  t.is((await feeTransactions(payout.id)).length, 2);
  t.deepEqual(await ledgerImbalance(db), {});
});

test.serial("a debit Stripe refuses alerts finance, posts nothing, and the retry collects it once the balance is back", async (t) => {
  const s = await released(2000);
  const payout = await requestInstant(s, 1000);
  // The traveler paid 1001 out at Stripe directly first: after net (950) only 49 remain, short of the fee (50).
  const direct = await h.stripe.payouts.create({ amount: 1001, currency: "eur" }, { stripeAccount: s.acct });
  await settle(db, h);
  t.is(h.fake.balanceOf(s.acct, "eur"), 49);
  t.deepEqual(debits(payout.id), []);
  t.deepEqual(await collected(payout.id), { collected: false, debit: null });
  t.deepEqual(await feeTransactions(payout.id), [], "nothing posted");
  t.is(await feeAlerts(payout.id), 1, "finance was alerted");
  const [job] = await queryAsRoot(db, `select attempts, last_error from graphile_worker.jobs
    where key = $1`, [`payouts__create:${payout.id}`]);
  t.is(job?.attempts, 1, "the job waits for its retry");
  t.regex(job?.last_error ?? "", /insufficient funds/);

  // The bank returns the direct payout; the retry collects the fee, once.
  h.fake.payoutArrives(direct.id, "failed");
  await queryAsRoot(db, "update graphile_worker._private_jobs set run_at = now() where key = $1", [`payouts__create:${payout.id}`]);
  await settle(db, h);
  t.is(debits(payout.id).length, 1);
  t.is(h.fake.balanceOf(s.acct, "eur"), 49 + 1001 - 50);
  t.like(await collected(payout.id), { collected: true });
  t.is((await feeTransactions(payout.id)).length, 2);
  t.is(await feeAlerts(payout.id), 1, "no second alert for a retry that succeeds");
  t.true(h.fake.requests.some((r) => r.idempotencyKey === `payout-fee:${payout.id}:1`),
    "Stripe keeps a key's refusal: the retry asked with a new key");
  t.is((await queryAsRoot(db, "select fee_debit_refusals from app_public.payouts where id = $1", [payout.id]))[0]!.fee_debit_refusals, 1);
  t.deepEqual(await ledgerImbalance(db), {});
});

test.serial("an instant payout the bank fails after its fee was collected: the net is available again, the fee is not", async (t) => {
  const s = await released(2000);
  const payout = await requestInstant(s, 1000);
  await settle(db, h);
  t.like(await collected(payout.id), { collected: true });
  t.is(await available(s.delivery.traveler), 1000);
  const [{ po }] = (await queryAsRoot(db, `select stripe_id as po from app_private.stripe_refs
    where payout_id = $1 and kind = 'payout'`, [payout.id])) as [{ po: string }];
  h.fake.payoutArrives(po, "failed");
  await settle(db, h);
  t.is((await queryAsRoot(db, "select status from app_public.payouts where id = $1", [payout.id]))[0]!.status, "failed");
  t.is(await available(s.delivery.traveler), 2000 - 50, "the fee stayed with the platform");
  t.is(h.fake.balanceOf(s.acct, "eur"), 2000 - 50, "which is what the connected account holds");
  t.deepEqual(await ledgerImbalance(db), {});
});
