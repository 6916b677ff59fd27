// Admin money operations against the Stripe fake (docs/payments.md, Admin money operations): adminRefund (the
// "damaged or partial" row: the customer gets what the admin decides, the traveler keeps the remainder, fees pro
// rata) before and after the release, and adminReleaseEscrow; each needs its finance permission and a two-factor
// session, and is audited in admin_activity_log (one high entry each). Serial: jobs run one pass at a time.
import test from "ava";
import { createMember, makeAdmin, tokenFor } from "../helpers/actors.ts";
import { queryAsRoot } from "../helpers/database.ts";
import { gqlData } from "../helpers/graphql.ts";
import { advanceDelivery, createAcceptedDelivery, type AcceptedDelivery } from "../helpers/marketplace.ts";
import { confirmCard, ledgerBalances, ledgerImbalance, runPaymentJob, settle, startStripeHarness } from "../helpers/payments.ts";
import { useTestServer } from "../helpers/server.ts";

const h = await startStripeHarness(test, "whsec_payments_admin_money_test");
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

const REFUND = `mutation ($d: UUID!, $c: BigInt!, $k: BigInt!, $r: RefundReason!, $f: BigInt) {
  adminRefund(input: { deliveryId: $d, customerRefund: $c, travelerCompensation: $k, reason: $r, platformFeeRefund: $f, note: "photos" }) {
    refund { id amount platformFeeRefund travelerShareRefund travelerCompensation reason status } } }`;
const RELEASE = `mutation ($d: UUID!, $r: String!) { adminReleaseEscrow(input: { deliveryId: $d, reason: $r }) { escrowAccount { status } } }`;
const refund = (token: string, d: string, c: number, k: number, f?: number) =>
  gqlData(server, REFUND, { token, variables: { d, c: String(c), k: String(k), r: "ITEM_DAMAGED".toLowerCase(), f: f === undefined ? null : String(f) } });
const failure = async (promise: Promise<unknown>) => (await promise.then(() => undefined, (e: Error) => e))?.message ?? "no error";
const state = async (d: string) => (await queryAsRoot(db, `select p.refunded_amount::int as refunded, e.status as escrow,
    e.released_amount::int as released, e.refunded_amount::int as escrow_refunded, e.release_condition
    from app_public.payment_intents p join app_public.escrow_accounts e on e.payment_intent_id = p.id where p.delivery_id = $1`, [d]))[0]!;
const refundId = async (d: string) =>
  (await queryAsRoot(db, "select id from app_public.refunds where delivery_id = $1", [d]))[0]!.id as string;
// The admin activity log (docs/admin.md, Audit): one high entry per money operation, on the delivery.
const audit = (d: string) => queryAsRoot(db, `select admin_id, action, (new_values ->> 'amount')::int as amount,
    new_values ->> 'currency' as currency, reason, severity, new_values - '{amount,currency}'::text[] as details
    from app_public.admin_activity_log where resource_type = 'delivery' and resource_id = $1 order by created_at`, [d]);
async function delivered(): Promise<AcceptedDelivery> {
  const d = await createAcceptedDelivery(db, server, { price: 2000, payment: "none" });
  await settle(db, h);
  await confirmCard(db, h, d.id);
  await advanceDelivery(db, server, d, ["pickUp"]);
  await runPaymentJob(db, h, "payments__capture", d.id);
  await advanceDelivery(db, server, d, ["deliver"]);
  await settle(db, h);
  return d;
}
async function payoutAccount(traveler: string): Promise<void> {
  const account = await h.stripe.accounts.create({ type: "express", country: "DE" });
  await queryAsRoot(db, `with a as (insert into app_public.payout_accounts (user_id, status, payouts_enabled)
      values ($1, 'active', true) on conflict (user_id) do nothing returning id)
    insert into app_private.stripe_refs (stripe_id, kind, payout_account_id) select $2, 'account', id from a`,
    [traveler, account.id]);
}
const holdOver = (d: string) =>
  queryAsRoot(db, "update app_public.escrow_accounts set hold_until = now() - interval '1 minute' where delivery_id = $1", [d]);

test.serial("only finance admins in a two-factor session: support, a session without the second factor and the customer are refused", async (t) => {
  const d = await delivered();
  t.regex(await failure(refund(supportToken, d.id, 1100, 1000)), /Only admins with finance.refund/);
  t.regex(await failure(refund(financeNoMfa, d.id, 1100, 1000)), /Only admins with finance.refund/,
    "admin rights need the second factor (security.admin_requires_2fa)");
  // Money operations need it even where the platform does not require it for admin rights.
  await queryAsRoot(db, "update app_public.system_configuration set value = 'false' where category = 'security' and key = 'admin_requires_2fa'");
  try {
    t.regex(await failure(refund(financeNoMfa, d.id, 1100, 1000)), /passed the second factor/);
  } finally {
    await queryAsRoot(db, "update app_public.system_configuration set value = 'true' where category = 'security' and key = 'admin_requires_2fa'");
  }
  t.regex(await failure(refund(d.customerToken, d.id, 2294, 0)), /Only admins with finance.refund/);
  t.regex(await failure(gqlData(server, RELEASE, { token: supportToken, variables: { d: d.id, r: "x" } })), /finance.release/);
  t.deepEqual(await audit(d.id), []);
});

test.serial("damaged, decided before the release: 1100 back (share 1000, fee 100 pro rata), the traveler keeps and gets the remainder 1000", async (t) => {
  const d = await delivered();
  t.regex(await failure(refund(financeToken, d.id, 1100, 2001)), /traveler_compensation must be between 0 and the traveler's share left \(2000\)/);
  t.regex(await failure(refund(financeToken, d.id, 1099, 1000)), /customer_refund must be between 1100 .* and 1194/);
  t.regex(await failure(refund(financeToken, d.id, 1195, 1000)), /customer_refund must be between 1100/);
  const { adminRefund } = (await refund(financeToken, d.id, 1100, 1000)) as any;
  t.like(adminRefund.refund, { amount: "1100", platformFeeRefund: "100", travelerShareRefund: "1000", travelerCompensation: "1000",
    reason: "item_damaged", status: "pending" });
  await settle(db, h);
  t.like(await state(d.id), { refunded: 1100, escrow: "partially_refunded", escrow_refunded: 1000, released: 0 });
  await payoutAccount(d.traveler);
  await holdOver(d.id);
  await runPaymentJob(db, h, "payments__release");
  t.like(await state(d.id), { escrow: "released", released: 1000, escrow_refunded: 1000, release_condition: "hold_expired" });
  t.like(await ledgerBalances(db, d.id), { "escrow_liability EUR": 0, [`traveler_payable:${d.traveler} EUR`]: -1000,
    "platform_fee_revenue EUR": -100, "processing_fee_revenue EUR": -94, "platform_cash EUR": 1194 });
  const entries = await audit(d.id);
  t.is(entries.length, 1, "one entry for the refund");
  const [entry] = entries;
  t.like(entry, { admin_id: finance, action: "admin_refund", amount: 1100, currency: "EUR", reason: "photos", severity: "high",
    details: { refund_id: await refundId(d.id), platform_fee_refund: 100, traveler_share_refund: 1000, traveler_compensation: 1000 } });
});

test.serial("partial, decided after the release: the traveler keeps 1500, 500 is reversed from their transfer, 550 back", async (t) => {
  const d = await delivered();
  await payoutAccount(d.traveler);
  await holdOver(d.id);
  await runPaymentJob(db, h, "payments__release");
  const { adminRefund } = (await refund(financeToken, d.id, 550, 1500)) as any;
  await settle(db, h);
  t.like(await state(d.id), { refunded: 550, escrow: "partially_refunded", released: 1500, escrow_refunded: 500 });
  t.truthy(adminRefund.refund.id);
  const rid = await refundId(d.id);
  t.true(h.fake.requests.some((r) => r.idempotencyKey === `reversal:${rid}`));
  t.like(await ledgerBalances(db, d.id), { "escrow_liability EUR": 0, [`traveler_payable:${d.traveler} EUR`]: -1500 });
  // A second decision may not refund more of the share than is left, nor more than was captured.
  t.regex(await failure(refund(financeToken, d.id, 100, 1501)), /share left \(1500\)/);
});

test.serial("adminReleaseEscrow releases a held escrow now, under review and before the hold's end, once; audited", async (t) => {
  const d = await delivered();
  await queryAsRoot(db, "update app_public.escrow_accounts set review_required = true where delivery_id = $1", [d.id]);
  t.regex(await failure(gqlData(server, RELEASE, { token: financeToken, variables: { d: d.id, r: "checked the photos" } })),
    /cannot be released now/, "no payout account");
  await payoutAccount(d.traveler);
  t.like(await gqlData(server, RELEASE, { token: financeToken, variables: { d: d.id, r: "checked the photos" } }),
    { adminReleaseEscrow: { escrowAccount: { status: "held" } } });
  await settle(db, h);
  t.like(await state(d.id), { escrow: "released", released: 2000, release_condition: "manual_release" });
  t.regex(await failure(gqlData(server, RELEASE, { token: financeToken, variables: { d: d.id, r: "again" } })), /cannot be released now/);
  await runPaymentJob(db, h, "payments__release");
  const { escrow } = (await queryAsRoot(db, "select id as escrow from app_public.escrow_accounts where delivery_id = $1", [d.id]))[0]!;
  t.is([...h.fake.objects.values()].filter((o) => o.object === "transfer" && o.metadata?.escrow_id === escrow).length, 1);
  t.like((await audit(d.id))[0], { action: "admin_release_escrow", amount: 2000, reason: "checked the photos" });
});
