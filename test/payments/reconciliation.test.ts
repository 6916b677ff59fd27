// The nightly reconciliation against the Stripe fake (docs/payments.md, Reconciliation): after payments, a release and
// a refund that went through the platform, nothing differs; a PaymentIntent cancelled at Stripe whose event never
// arrived, and a refund whose amount was recorded wrong, are reported (the run's differences, and an email to
// finance). Serial: jobs run one pass at a time.
import test from "ava";
import { createMember, makeAdmin } from "../helpers/actors.ts";
import { queryAsRoot } from "../helpers/database.ts";
import { advanceDelivery, createAcceptedDelivery, type AcceptedDelivery } from "../helpers/marketplace.ts";
import { confirmCard, paymentIntentId, runPaymentJob, settle, startStripeHarness } from "../helpers/payments.ts";
import { notificationsOf, renderedNotification } from "../helpers/notifications.ts";
import { useTestServer } from "../helpers/server.ts";

const h = await startStripeHarness(test, "whsec_payments_reconciliation_test");
const { db, server } = useTestServer(test, h.env);
test.serial.before(async () => {
  h.fake.webhookUrl = `${server.url}/webhooks/stripe`;
  await makeAdmin(db, await createMember(db, "both"), "finance");
});

const lastRun = async () => (await queryAsRoot(db,
  "select checked, differences from app_private.reconciliation_runs order by created_at desc limit 1"))[0]!;
async function authorised(): Promise<AcceptedDelivery> {
  const d = await createAcceptedDelivery(db, server, { price: 2000, payment: "none" });
  await settle(db, h);
  await confirmCard(db, h, d.id);
  return d;
}

test.serial("after payments, a release and a refund through the platform, Stripe agrees with every record", async (t) => {
  const d = await authorised();
  await advanceDelivery(db, server, d, ["pickUp"]);
  await runPaymentJob(db, h, "payments__capture", d.id);
  await advanceDelivery(db, server, d, ["deliver"]);
  const account = await h.stripe.accounts.create({ type: "express", country: "DE" });
  await queryAsRoot(db, `with a as (insert into app_public.payout_accounts (user_id, status, payouts_enabled)
      values ($1, 'active', true) returning id)
    insert into app_private.stripe_refs (stripe_id, kind, payout_account_id) select $2, 'account', id from a`, [d.traveler, account.id]);
  await queryAsRoot(db, "update app_public.escrow_accounts set hold_until = now() - interval '1 minute' where delivery_id = $1", [d.id]);
  await runPaymentJob(db, h, "payments__release");
  await queryAsRoot(db, `select app_private.request_refund(p.id, 500, 0, 400, 'item_damaged', null)
    from app_public.payment_intents p where p.delivery_id = $1`, [d.id]);
  await settle(db, h);
  await authorised();
  await runPaymentJob(db, h, "payments__reconcile");
  const run = await lastRun();
  t.true(run.checked >= 4, "PaymentIntents, the transfer and the refund");
  t.deepEqual(run.differences, []);
});

test.serial("differences are reported, not corrected: a PaymentIntent cancelled at Stripe unseen, a refund recorded wrong", async (t) => {
  const d = await authorised();
  const pi = await paymentIntentId(db, d.id);
  const url = h.fake.webhookUrl;
  h.fake.webhookUrl = undefined; // the event is lost
  await h.stripe.paymentIntents.cancel(pi);
  h.fake.webhookUrl = url;
  await queryAsRoot(db, "update app_public.refunds set amount = 499 where status = 'succeeded'");
  await runPaymentJob(db, h, "payments__reconcile");
  const { differences } = await lastRun();
  t.like(differences.find((x: any) => x.stripe_id === pi), { kind: "payment_intent", field: "status",
    expected: "requires_capture", actual: "canceled" });
  t.like(differences.find((x: any) => x.kind === "refund"), { field: "amount", expected: 499, actual: 500 });
  const run = (await queryAsRoot(db, "select id from app_private.reconciliation_runs order by created_at desc limit 1"))[0]!.id;
  const [mail] = await notificationsOf(db, "reconciliation_differences_alert", { run_id: run });
  t.like(mail?.variables, { differences: differences.length }, "finance gets the run's differences");
  const fr = await renderedNotification(db, mail!.id, { locale: "fr" });
  t.is(fr?.title, "Le rapprochement avec Stripe a trouvé des écarts");
  t.regex(fr!.html!, new RegExp(`diffèrent de Stripe \\(exécution ${run}\\)\\.</p>\n<pre>\\[`));
  t.regex(fr!.text, /"stripe_id": "pi_/, "the differences themselves, in the email");
  const [{ status }] = await queryAsRoot(db, "select status from app_public.payment_intents where delivery_id = $1", [d.id]);
  t.is(status, "requires_capture", "nothing corrected");
});
