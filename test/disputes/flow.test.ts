// Disputes end to end over GraphQL against the Stripe fake (docs/disputes.md): a party opens one (the delivery becomes
// disputed, the escrow freezes), an admin resolves it and the payments domain settles it once — a full refund, a
// partial refund with the rest released to the traveler, the whole share released — with the delivery's outcome,
// the audit row and a balanced ledger; then an appeal reopens it once. Serial: jobs run one pass at a time.
import test from "ava";
import { createMember, makeAdmin, tokenFor } from "../helpers/actors.ts";
import { queryAsRoot } from "../helpers/database.ts";
import { errorCode } from "../helpers/errors.ts";
import { gqlData } from "../helpers/graphql.ts";
import { type AcceptedDelivery, advanceDelivery, createAcceptedDelivery } from "../helpers/marketplace.ts";
import { confirmCard, ledgerBalances, ledgerImbalance, runPaymentJob, settle, startStripeHarness } from "../helpers/payments.ts";
import { notificationsOf, renderedNotification } from "../helpers/notifications.ts";
import { useTestServer } from "../helpers/server.ts";

const h = await startStripeHarness(test, "whsec_disputes_flow_test");
const { db, server } = useTestServer(test, h.env);
let admin: string;
let adminToken: string;
test.serial.before(async () => {
  h.fake.webhookUrl = `${server.url}/webhooks/stripe`;
  admin = await createMember(db, "both");
  await makeAdmin(db, admin, "admin");
  adminToken = await tokenFor(db, admin, { mfaVerified: true });
});
test.serial.afterEach(async (t) => {
  t.deepEqual(await ledgerImbalance(db), {}, "the whole ledger balances");
});

const DISPUTE_FIELDS = `rowId caseNumber status source priority complainantId respondentId amount currency
  responseDueAt dueDate resolution deliveryOutcome customerRefund platformFeeRefund travelerCompensation resolvedAt`;
const OPEN = `mutation ($d: UUID!, $c: DisputeCategory!, $x: String!, $r: DisputeResolution, $a: BigInt) {
  openDispute(input: { deliveryId: $d, category: $c, description: $x, requestedResolution: $r, amount: $a }) {
    dispute { ${DISPUTE_FIELDS} } } }`;
const RESOLVE = `mutation ($id: UUID!, $r: DisputeResolution!, $o: DeliveryStatus, $c: BigInt, $f: BigInt, $k: BigInt) {
  resolveDispute(input: { disputeId: $id, resolution: $r, outcome: $o, customerRefund: $c, platformFeeRefund: $f,
    travelerCompensation: $k, note: "checked the photos" }) { dispute { ${DISPUTE_FIELDS} } } }`;
const APPEAL = `mutation ($id: UUID!, $r: String!) { appealDispute(input: { disputeId: $id, reason: $r }) { dispute { status priority appealedAt } } }`;

const open = async (token: string, d: string, category = "item_damaged", amount = 1000) =>
  ((await gqlData(server, OPEN, { token, variables: { d, c: category, x: "The vase arrived broken in two.", r: "partial_refund",
    a: String(amount) } })) as any).openDispute.dispute;
const resolve = (id: string, r: string, o: string | null, c: number, k: number | null, f?: number) =>
  server.gql(RESOLVE, { token: adminToken, variables: { id, r, o, c: String(c), k: k === null ? null : String(k),
    f: f === undefined ? null : String(f) } });
const deliveryStatus = async (d: string) =>
  (await queryAsRoot(db, "select status from app_public.deliveries where id = $1", [d]))[0]!.status as string;
const money = async (d: string) => (await queryAsRoot(db, `select p.refunded_amount::int as refunded, e.status as escrow,
    e.released_amount::int as released, e.refunded_amount::int as escrow_refunded, e.release_condition,
    (select count(*)::int from app_public.refunds r where r.delivery_id = p.delivery_id) as refunds,
    (select count(*)::int from app_private.ledger_transactions t where t.delivery_id = p.delivery_id and t.kind = 'refund') as refund_postings
    from app_public.payment_intents p join app_public.escrow_accounts e on e.payment_intent_id = p.id where p.delivery_id = $1`, [d]))[0]!;
// The admin activity log (docs/admin.md, Audit): one high entry per resolution, on the dispute.
const audit = (d: string) => queryAsRoot(db, `select admin_id, action, severity, (new_values ->> 'amount')::int as amount,
    reason, new_values - '{amount,currency,delivery_id}'::text[] as details
    from app_public.admin_activity_log where resource_type = 'dispute' and new_values ->> 'delivery_id' = $1
   order by created_at`, [d]);

async function inCustody(): Promise<AcceptedDelivery> {
  const d = await createAcceptedDelivery(db, server, { price: 2000, payment: "none" });
  await settle(db, h);
  await confirmCard(db, h, d.id);
  await advanceDelivery(db, server, d, ["pickUp"]);
  await runPaymentJob(db, h, "payments__capture", d.id);
  return d;
}
async function delivered(): Promise<AcceptedDelivery> {
  const d = await inCustody();
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

test.serial("opening: the delivery becomes disputed, the case gets its number and due dates, the other party and admins are told", async (t) => {
  const d = await delivered();
  const dispute = await open(d.customerToken, d.id);
  t.regex(dispute.caseNumber, new RegExp(`^DISP-${new Date().getUTCFullYear()}-\\d{6}$`));
  t.like(dispute, { status: "open", source: "platform", priority: "medium", complainantId: d.customer, respondentId: d.traveler,
    amount: "1000", currency: "EUR", resolution: null });
  const opened = Date.now();
  const responseHours = (Date.parse(dispute.responseDueAt) - opened) / 3_600_000;
  t.true(responseHours > 23.9 && responseHours <= 24, "response due 24 h after opening");
  const due = new Date(dispute.dueDate);
  t.true(due.getUTCDay() >= 1 && due.getUTCDay() <= 5, "due on a business day");
  const days = (due.getTime() - opened) / 86_400_000;
  t.true(days >= 7 && days <= 11, "7 business days are 9 to 11 calendar days (fewer never)");
  t.is(await deliveryStatus(d.id), "disputed");
  const told = await queryAsRoot(db, `select distinct n.user_id, t.name as template
    from app_public.notifications n join app_public.notification_templates t on t.id = n.template_id
    where t.name in ('dispute_opened', 'dispute_opened_alert') and n.user_id in ($1, $2, $3)`,
    [d.traveler, d.customer, admin]);
  t.deepEqual(told.map((n) => `${n.user_id === d.traveler ? "traveler" : n.user_id === admin ? "admin" : "customer"}:${n.template}`).sort(),
    ["admin:dispute_opened_alert", "traveler:dispute_opened"]);
  const [alert] = await notificationsOf(db, "dispute_opened_alert", { case_number: dispute.caseNumber }, "in_app");
  t.like(alert?.variables, { dispute_category: "item_damaged", response_due: `${new Date(dispute.responseDueAt).toISOString().slice(0, 16).replace("T", " ")} UTC` });
  t.regex((await renderedNotification(db, alert!.id, { locale: "fr" }))!.text,
    /^Un litige \(item_damaged\) a été ouvert sur la livraison DEL-\d+ ; répondez avant le \d{4}-\d\d-\d\d \d\d:\d\d UTC\.$/);
});

test.serial("full refund: 2294 back to the customer, the delivery cancelled, nothing released; payments__cancel adds no second refund", async (t) => {
  const d = await delivered();
  await payoutAccount(d.traveler);
  await holdOver(d.id);
  const dispute = await open(d.customerToken, d.id, "item_not_delivered", 2294);
  t.is(dispute.priority, "high");
  await runPaymentJob(db, h, "payments__release");
  t.like(await money(d.id), { escrow: "held", released: 0 }, "an open dispute freezes the escrow, hold over or not");
  const res = await resolve(dispute.rowId, "full_refund", "cancelled", 2294, 0);
  t.falsy(res.errors, JSON.stringify(res.errors));
  t.like((res.data as any).resolveDispute.dispute, { status: "resolved", resolution: "full_refund", deliveryOutcome: "cancelled",
    customerRefund: "2294", platformFeeRefund: "200", travelerCompensation: "0" });
  t.is(await deliveryStatus(d.id), "cancelled");
  await settle(db, h);
  await runPaymentJob(db, h, "payments__release");
  t.like(await money(d.id), { refunded: 2294, escrow: "refunded", released: 0, escrow_refunded: 2000, refunds: 1, refund_postings: 1 });
  t.like(await ledgerBalances(db, d.id), { "escrow_liability EUR": 0, "platform_fee_revenue EUR": 0,
    "processing_fee_revenue EUR": 0, "platform_cash EUR": 0 });
  const [entry] = await audit(d.id);
  t.like(entry, { admin_id: admin, action: "resolve_dispute", severity: "high", amount: 2294, reason: "checked the photos",
    details: { case_number: dispute.caseNumber, resolution: "full_refund", outcome: "cancelled", traveler_compensation: 0 } });
});

test.serial("partial refund of a dispute opened in transit: 1100 back, the traveler's 1000 released (dispute_resolved) once the refund is made", async (t) => {
  const d = await inCustody();
  await payoutAccount(d.traveler);
  const dispute = await open(d.travelerToken, d.id, "other", 0);
  t.like(dispute, { complainantId: d.traveler, respondentId: d.customer });
  t.is(errorCode(await resolve(dispute.rowId, "partial_refund", "delivered", 1099, 1000)), "INVAL");
  t.is(errorCode(await resolve(dispute.rowId, "partial_refund", "delivered", 1100, 2001)), "INVAL");
  t.is(errorCode(await resolve(dispute.rowId, "partial_refund", null, 1100, 1000)), "INVAL", "a disputed delivery needs its outcome");
  const res = await resolve(dispute.rowId, "partial_refund", "delivered", 1100, 1000);
  t.falsy(res.errors, JSON.stringify(res.errors));
  t.is(await deliveryStatus(d.id), "delivered");
  // The release waits for the refund: what it takes from the share is not recorded yet.
  const due = () => queryAsRoot(db, "select e ->> 'condition' as c from app_private.escrows_to_release() e where e ->> 'delivery_id' = $1", [d.id]);
  t.deepEqual(await due(), [], "not due while the refund is pending");
  await settle(db, h);
  t.deepEqual(await due(), [{ c: "dispute_resolved" }], "due once the refund is recorded, with no hold elapsed");
  t.like(await money(d.id), { refunded: 1100, escrow_refunded: 1000 });
  await runPaymentJob(db, h, "payments__release");
  t.like(await money(d.id), { escrow: "released", released: 1000, escrow_refunded: 1000, release_condition: "dispute_resolved", refunds: 1 });
  t.like(await ledgerBalances(db, d.id), { "escrow_liability EUR": 0, [`traveler_payable:${d.traveler} EUR`]: -1000,
    "platform_fee_revenue EUR": -100, "processing_fee_revenue EUR": -94, "platform_cash EUR": 1194 });
});

test.serial("release to the traveler: no action, the whole share released now (before the hold ends); support cannot move money", async (t) => {
  const d = await delivered();
  await payoutAccount(d.traveler);
  const dispute = await open(d.customerToken, d.id);
  const support = await createMember(db, "both");
  await makeAdmin(db, support, "support");
  const supportToken = await tokenFor(db, support, { mfaVerified: true });
  const refused = await server.gql(RESOLVE, { token: supportToken, variables: { id: dispute.rowId, r: "no_action", o: "delivered", c: "0" } });
  t.is(errorCode(refused), "DNIED", "disputes.write without finance.write");
  t.regex(refused.errors![0]!.message, /finance\.write/);
  const res = await resolve(dispute.rowId, "no_action", "delivered", 0, null);
  t.falsy(res.errors, JSON.stringify(res.errors));
  t.like((res.data as any).resolveDispute.dispute, { travelerCompensation: "2000", customerRefund: "0" });
  await runPaymentJob(db, h, "payments__release");
  t.like(await money(d.id), { escrow: "released", released: 2000, release_condition: "dispute_resolved", refunds: 0 });
  const escrow = (await queryAsRoot(db, "select id from app_public.escrow_accounts where delivery_id = $1", [d.id]))[0]!.id;
  t.is([...h.fake.objects.values()].filter((o) => o.object === "transfer" && o.metadata?.escrow_id === escrow).length, 1);
  t.is(errorCode(await resolve(dispute.rowId, "no_action", "delivered", 0, null)), "BADST", "resolved once");
});

test.serial("appeal: once, within 7 days, by a party; it reopens the dispute (frozen again) and a second round settles what is left", async (t) => {
  const d = await delivered();
  const dispute = await open(d.customerToken, d.id);
  t.falsy((await resolve(dispute.rowId, "partial_refund", "delivered", 550, 1500)).errors);
  await settle(db, h);
  const stranger = await createMember(db, "both");
  t.is(errorCode(await server.gql(APPEAL, { token: await tokenFor(db, stranger), variables: { id: dispute.rowId, r: "I disagree strongly." } })), "NTFND");
  t.is(errorCode(await server.gql(APPEAL, { token: d.customerToken, variables: { id: dispute.rowId, r: "short" } })), "INVAL");
  const appealed = await gqlData(server, APPEAL, { token: d.customerToken, variables: { id: dispute.rowId, r: "The photos show more damage." } }) as any;
  t.like(appealed.appealDispute.dispute, { status: "under_review", priority: "high" });
  const [appealAlert] = await notificationsOf(db, "dispute_appealed_alert", { case_number: dispute.caseNumber });
  t.is((await renderedNotification(db, appealAlert!.id, { locale: "fr" }))?.text.split("\n\n")[1],
    `Une partie a fait appel de la résolution du litige ${dispute.caseNumber} : The photos show more damage.`);
  t.is(errorCode(await server.gql(APPEAL, { token: d.travelerToken, variables: { id: dispute.rowId, r: "Me too, please." } })), "BADST");
  await payoutAccount(d.traveler);
  await runPaymentJob(db, h, "payments__release");
  t.like(await money(d.id), { escrow: "partially_refunded", released: 0 }, "the reopened dispute freezes the rest");
  t.is(errorCode(await resolve(dispute.rowId, "partial_refund", "cancelled", 500, 1000)), "INVAL", "the delivery already ended delivered");
  t.falsy((await resolve(dispute.rowId, "partial_refund", null, 550, 1000)).errors);
  await settle(db, h);
  await runPaymentJob(db, h, "payments__release");
  t.like(await money(d.id), { refunded: 1100, escrow_refunded: 1000, escrow: "released", released: 1000, refunds: 2 });
  t.is((await queryAsRoot(db, "select count(*)::int as n from app_private.dispute_settlements where dispute_id = $1", [dispute.rowId]))[0]!.n, 2);
  await queryAsRoot(db, "update app_public.disputes set status = 'closed', closed_at = now() where id = $1", [dispute.rowId]);
  t.is(errorCode(await server.gql(APPEAL, { token: d.customerToken, variables: { id: dispute.rowId, r: "Once more, please." } })), "LIMIT");
});
