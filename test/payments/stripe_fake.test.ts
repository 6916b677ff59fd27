// The Stripe fake (lib/stripe_fake.ts) through the official SDK, as the worker uses it: PaymentIntents with manual
// capture and Stripe's test PaymentMethods (declines included), idempotency keys replayed or refused, transfers
// bounded by their source charge, and webhook events whose signatures the SDK itself verifies.
import test from "ava";
import Stripe from "stripe";
import { createStripeClient } from "../../lib/stripe.ts";
import { startFakeStripe, parseForm, type FakeStripe } from "../../lib/stripe_fake.ts";

const SECRET = "whsec_fake_stripe_test";
let fake: FakeStripe;
let stripe: Stripe;
test.before(async () => {
  fake = await startFakeStripe({ webhookSecret: SECRET });
  stripe = createStripeClient({ fake: true, secretKey: "sk_test_fake", webhookSecret: SECRET, host: fake.host,
    port: fake.port, protocol: "http" });
});
test.after.always(async () => {
  await fake?.close();
});

const create = (key?: string, amount = 2294) => stripe.paymentIntents.create(
  { amount, currency: "eur", capture_method: "manual", transfer_group: "dlv_x", metadata: { delivery_id: "x" } },
  key ? { idempotencyKey: key } : {});

test("form bodies decode as Stripe encodes them", (t) => {
  t.deepEqual(parseForm("a=1&m%5Bk%5D=v&l%5B%5D=x&l%5B%5D=y&n%5B0%5D=z"), { a: "1", m: { k: "v" }, l: ["x", "y"], n: ["z"] });
});

test("manual capture: authorised by a test card, captured once, events in order", async (t) => {
  const pi = await create();
  t.like(pi, { status: "requires_payment_method", amount: 2294, currency: "eur", capture_method: "manual",
    transfer_group: "dlv_x", metadata: { delivery_id: "x" } });
  t.regex(pi.client_secret!, new RegExp(`^${pi.id}_secret_`));
  const confirmed = await stripe.paymentIntents.confirm(pi.id, { payment_method: "pm_card_visa" });
  t.like(confirmed, { status: "requires_capture", amount_capturable: 2294 });
  t.regex(String(confirmed.latest_charge), /^ch_/);
  const captured = await stripe.paymentIntents.capture(pi.id, {}, { idempotencyKey: `cap-${pi.id}` });
  t.like(captured, { status: "succeeded", amount_received: 2294, amount_capturable: 0 });
  const again = await stripe.paymentIntents.capture(pi.id, {}, { idempotencyKey: `cap-${pi.id}` });
  t.is(again.status, "succeeded", "the same key replays the answer");
  const error = await t.throwsAsync(stripe.paymentIntents.capture(pi.id, {}, { idempotencyKey: `other-${pi.id}` }));
  t.like(error, { type: "StripeInvalidRequestError", code: "payment_intent_unexpected_state" });
  const mine = fake.events.filter((e) => JSON.parse(e.body).data.object.id === pi.id).map((e) => e.type);
  t.deepEqual(mine, ["payment_intent.created", "payment_intent.amount_capturable_updated", "payment_intent.succeeded"]);
});

test("declining test cards answer 402 card_error as in test mode and send payment_failed", async (t) => {
  const pi = await create();
  const cases: Array<[string, string, string]> = [
    ["pm_card_chargeDeclined", "card_declined", "generic_decline"],
    ["pm_card_chargeDeclinedInsufficientFunds", "card_declined", "insufficient_funds"],
    ["pm_card_chargeDeclinedExpiredCard", "expired_card", "expired_card"],
  ];
  for (const [card, code, declineCode] of cases) {
    const error = await t.throwsAsync(stripe.paymentIntents.confirm(pi.id, { payment_method: card }));
    t.like(error, { type: "StripeCardError", statusCode: 402, code, decline_code: declineCode }, card);
  }
  const after = await stripe.paymentIntents.retrieve(pi.id);
  t.like(after, { status: "requires_payment_method", last_payment_error: { code: "expired_card" } });
  t.like(await stripe.paymentIntents.confirm(pi.id, { payment_method: "pm_card_mastercard" }), { status: "requires_capture" },
    "a declined payment may be retried with another card");
  t.is(fake.events.filter((e) => e.type === "payment_intent.payment_failed" && e.body.includes(pi.id)).length, 3);
});

test("idempotency: a repeated create returns the same object; other parameters under the key are refused", async (t) => {
  const first = await create("pi-create:same");
  const second = await create("pi-create:same");
  t.is(second.id, first.id);
  t.is(second.lastResponse.headers["idempotent-replayed"], "true");
  const error = await t.throwsAsync(create("pi-create:same", 999));
  t.like(error, { type: "StripeIdempotencyError" });
});

test("cancel voids an authorisation; a captured payment cannot be cancelled", async (t) => {
  const pi = await create();
  await stripe.paymentIntents.confirm(pi.id, { payment_method: "pm_card_visa" });
  t.like(await stripe.paymentIntents.cancel(pi.id, { cancellation_reason: "abandoned" }), { status: "canceled" });
  const captured = await create();
  await stripe.paymentIntents.confirm(captured.id, { payment_method: "pm_card_visa" });
  await stripe.paymentIntents.capture(captured.id);
  t.like(await t.throwsAsync(stripe.paymentIntents.cancel(captured.id)), { code: "payment_intent_unexpected_state" });
  t.like(await t.throwsAsync(stripe.paymentIntents.retrieve("pi_missing")), { statusCode: 404, code: "resource_missing" });
});

test("transfers to a connected account from a captured charge, never beyond it", async (t) => {
  const account = await stripe.accounts.create({ type: "express", country: "DE" });
  t.regex(account.id, /^acct_/);
  const pi = await create();
  await stripe.paymentIntents.confirm(pi.id, { payment_method: "pm_card_visa" });
  const uncaptured = await stripe.paymentIntents.retrieve(pi.id);
  t.like(await t.throwsAsync(stripe.transfers.create({ amount: 2000, currency: "eur", destination: account.id,
    source_transaction: String(uncaptured.latest_charge) })), { code: "balance_insufficient" }, "not captured yet");
  await stripe.paymentIntents.capture(pi.id);
  const transfer = await stripe.transfers.create({ amount: 2000, currency: "eur", destination: account.id,
    source_transaction: String(uncaptured.latest_charge), transfer_group: "dlv_x" }, { idempotencyKey: "transfer:e1" });
  t.like(transfer, { amount: 2000, destination: account.id, transfer_group: "dlv_x" });
  t.like(await t.throwsAsync(stripe.transfers.create({ amount: 295, currency: "eur", destination: account.id,
    source_transaction: String(uncaptured.latest_charge) })), { code: "balance_insufficient" }, "2000 + 295 > 2294");
  t.like(await t.throwsAsync(stripe.transfers.create({ amount: 1, currency: "eur", destination: "acct_none" })),
    { code: "resource_missing", param: "destination" });
});

test("a wrong API key is refused with 401", async (t) => {
  const other = createStripeClient({ fake: true, secretKey: "sk_live_x", webhookSecret: SECRET, host: fake.host,
    port: fake.port, protocol: "http" });
  t.like(await t.throwsAsync(other.paymentIntents.retrieve("pi_x")), { type: "StripeAuthenticationError", statusCode: 401 });
});

test("events are signed as Stripe signs them: the SDK's constructEvent accepts them, and a changed byte fails", async (t) => {
  const pi = await create();
  const event = fake.events.find((e) => e.body.includes(pi.id))!;
  const header = fake.sign(event.body);
  t.is(stripe.webhooks.constructEvent(event.body, header, SECRET, 300).id, event.id);
  t.throws(() => stripe.webhooks.constructEvent(event.body.replace("2294", "2295") + " ", header, SECRET, 300),
    { instanceOf: Stripe.errors.StripeSignatureVerificationError });
  t.is(header, stripe.webhooks.generateTestHeaderString({ payload: event.body, secret: SECRET,
    timestamp: Number(/t=(\d+)/.exec(header)![1]) }));
});

test("events are POSTed to the webhook URL with the signature header", async (t) => {
  const received: Array<{ body: string; signature: string }> = [];
  const { createServer } = await import("node:http");
  const sink = createServer((req, res) => {
    let body = "";
    req.on("data", (c) => { body += c; });
    req.on("end", () => { received.push({ body, signature: String(req.headers["stripe-signature"]) }); res.end("ok"); });
  });
  await new Promise<void>((resolve) => sink.listen(0, "127.0.0.1", resolve));
  const own = await startFakeStripe({ webhookSecret: SECRET,
    webhookUrl: `http://127.0.0.1:${(sink.address() as { port: number }).port}/webhooks/stripe` });
  try {
    const client = createStripeClient({ fake: true, secretKey: "sk_test_fake", webhookSecret: SECRET, host: own.host,
      port: own.port, protocol: "http" });
    await client.paymentIntents.create({ amount: 500, currency: "usd" });
    await own.settled();
    t.is(received.length, 1);
    t.is(client.webhooks.constructEvent(received[0]!.body, received[0]!.signature, SECRET).type, "payment_intent.created");
  } finally {
    await own.close();
    sink.close();
  }
});

test("Connect: an account link's hosted page onboards the account (account.updated) and sends the browser back", async (t) => {
  const account = await stripe.accounts.create({ type: "express", country: "DE", email: "t@example.com" });
  t.like(account, { details_submitted: false, payouts_enabled: false, default_currency: "eur",
    capabilities: { transfers: "inactive" } });
  t.like(await t.throwsAsync(stripe.accountLinks.create({ account: account.id, refresh_url: "nope",
    return_url: "https://app.example/back", type: "account_onboarding" })), { param: "refresh_url" });
  const link = await stripe.accountLinks.create({ account: account.id, refresh_url: "https://app.example/again",
    return_url: "https://app.example/back", type: "account_onboarding" });
  t.true(link.expires_at > link.created);
  const page = await fetch(link.url, { redirect: "manual" });
  t.is(page.status, 302);
  t.is(page.headers.get("location"), "https://app.example/back");
  t.like(await stripe.accounts.retrieve(account.id), { details_submitted: true, payouts_enabled: true,
    capabilities: { transfers: "active" }, requirements: { disabled_reason: null } });
  const event = JSON.parse(fake.events.filter((e) => e.type === "account.updated").at(-1)!.body);
  t.like(event, { account: account.id, data: { object: { id: account.id, payouts_enabled: true } } });
  t.is((await fetch(link.url, { redirect: "manual" })).status, 404, "a link is used once");
  fake.restrictAccount(account.id);
  t.like(await stripe.accounts.retrieve(account.id), { payouts_enabled: false, requirements: { disabled_reason: "requirements.past_due" } });
});

test("Connect: payouts from a connected account's balance (what was transferred to it), paid or failed by the bank", async (t) => {
  const account = await stripe.accounts.create({ type: "express", country: "DE" });
  fake.completeOnboarding(account.id);
  const pi = await create();
  await stripe.paymentIntents.confirm(pi.id, { payment_method: "pm_card_visa" });
  await stripe.paymentIntents.capture(pi.id);
  const charge = String((await stripe.paymentIntents.retrieve(pi.id)).latest_charge);
  await stripe.transfers.create({ amount: 2000, currency: "eur", destination: account.id, source_transaction: charge });
  const on = { stripeAccount: account.id };
  t.like(await stripe.balance.retrieve({}, on), { available: [{ amount: 2000, currency: "eur" }] });
  t.like(await t.throwsAsync(stripe.payouts.create({ amount: 2001, currency: "eur" }, on)), { code: "balance_insufficient" });
  t.like(await t.throwsAsync(stripe.payouts.create({ amount: 100, currency: "eur" })), { type: "StripeInvalidRequestError" },
    "a payout needs the connected account");
  const payout = await stripe.payouts.create({ amount: 1500, currency: "eur", method: "instant" },
    { ...on, idempotencyKey: "payout:p1" });
  t.like(payout, { amount: 1500, method: "instant", status: "pending" });
  t.false("_account" in payout);
  t.is((await stripe.payouts.create({ amount: 1500, currency: "eur", method: "instant" }, { ...on, idempotencyKey: "payout:p1" })).id,
    payout.id, "the same key, the same payout");
  t.is(fake.balanceOf(account.id, "eur"), 500);
  fake.payoutArrives(payout.id, "paid");
  t.like(await stripe.payouts.retrieve(payout.id, {}, on), { status: "paid" });
  const failing = await stripe.payouts.create({ amount: 500, currency: "eur" }, on);
  fake.payoutArrives(failing.id, "failed");
  t.is(fake.balanceOf(account.id, "eur"), 500, "a failed payout's money is back");
  const types = fake.events.filter((e) => JSON.parse(e.body).account === account.id).map((e) => e.type);
  t.deepEqual(types.filter((type) => type.startsWith("payout.")),
    ["payout.created", "payout.paid", "payout.created", "payout.failed"]);
});

test("Connect: an account debit (a transfer made on the connected account to the platform) moves balance, never below zero", async (t) => {
  const account = await stripe.accounts.create({ type: "express", country: "DE" });
  fake.completeOnboarding(account.id);
  const pi = await create();
  await stripe.paymentIntents.confirm(pi.id, { payment_method: "pm_card_visa" });
  await stripe.paymentIntents.capture(pi.id);
  const charge = String((await stripe.paymentIntents.retrieve(pi.id)).latest_charge);
  await stripe.transfers.create({ amount: 100, currency: "eur", destination: account.id, source_transaction: charge });
  const platform = await stripe.accounts.retrieve(null);
  t.is(platform.id, fake.platformAccountId, "GET /v1/account: the platform's own account");
  const platformBefore = fake.balanceOf(platform.id, "eur");
  const on = { stripeAccount: account.id };
  t.like(await t.throwsAsync(stripe.transfers.create({ amount: 101, currency: "eur", destination: platform.id }, on)),
    { type: "StripeInvalidRequestError", code: "balance_insufficient" });
  t.like(await t.throwsAsync(stripe.transfers.create({ amount: 10, currency: "eur", destination: account.id }, on)),
    { type: "StripeInvalidRequestError", param: "destination" }, "a connected account pays only the platform");
  const debit = await stripe.transfers.create({ amount: 60, currency: "eur", destination: platform.id }, { ...on, idempotencyKey: "fee:1" });
  t.like(debit, { amount: 60, currency: "eur", destination: platform.id });
  t.is((await stripe.transfers.create({ amount: 60, currency: "eur", destination: platform.id }, { ...on, idempotencyKey: "fee:1" })).id,
    debit.id, "the same key, the same debit");
  t.is(fake.balanceOf(account.id, "eur"), 40);
  t.is(fake.balanceOf(platform.id, "eur") - platformBefore, 60);
  const created = fake.events.map((e) => JSON.parse(e.body)).filter((e) => e.type === "transfer.created" && e.data.object.id === debit.id);
  t.is(created.length, 1);
  t.is(created[0].account, account.id, "a Connect event of the connected account");
});
