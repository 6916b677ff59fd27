// A Stripe-compatible fake on loopback, for development and tests without a Stripe key (README "Payments"). The
// official SDK talks to it through its host, port and protocol settings, exactly as to Stripe: form-encoded requests
// with bracketed keys, Bearer secret keys, Idempotency-Key replay, Stripe's error shapes and status codes. It keeps
// its objects in memory and sends webhook events signed as Stripe signs them (Stripe-Signature: t=<unix time>,
// v1=HMAC-SHA256(secret, "<t>.<body>")) to one endpoint.
//
// It covers what the payment flow calls, no more:
//   POST /v1/payment_intents, GET /v1/payment_intents/:id, POST /v1/payment_intents/:id/confirm|capture|cancel;
//   POST /v1/accounts, GET|POST /v1/accounts/:id; POST /v1/account_links (a hosted onboarding page on the fake
//   itself: GET it and the account is onboarded, then redirected to the return_url); POST /v1/transfers,
//   GET /v1/transfers/:id, POST /v1/transfers/:id/reversals; POST /v1/refunds (of a captured PaymentIntent),
//   GET /v1/refunds/:id; with Stripe-Account (a connected account): GET /v1/balance, POST /v1/payouts,
//   GET /v1/payouts/:id (a connected account's balance is what was transferred to it, less reversals and payouts),
//   POST /v1/transfers to the platform's own account (an account debit: it leaves the connected account's balance and
//   reaches the platform's, refused with balance_insufficient when the balance is short); GET /v1/account (the
//   platform's own account, platformAccountId);
//   events payment_intent.created|amount_capturable_updated|succeeded|canceled|payment_failed, transfer.created,
//   transfer.reversed, refund.created, charge.refunded, account.updated, payout.created|paid|failed (Connect events
//   carry the connected account as `account`), charge.dispute.created|updated|closed. Tests move payouts on with
//   payoutArrives (paid or failed), as the banks do, onboard accounts with completeOnboarding, and play the
//   customer's bank with openChargeDispute, updateChargeDispute and closeChargeDispute (won or lost).
// Confirmation takes Stripe's test PaymentMethods: pm_card_visa (and the other pm_card_<brand> ones) succeed;
// pm_card_chargeDeclined, …InsufficientFunds, …LostCard, …StolenCard, …ExpiredCard, …IncorrectCvc and
// …ProcessingError decline with Stripe's codes (HTTP 402, the PaymentIntent back to requires_payment_method with its
// last_payment_error, and payment_intent.payment_failed). stripe-stateful-mock was evaluated and covers none of
// PaymentIntents, transfers or webhooks, hence this file.
import { createHmac, randomBytes } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

// biome-ignore lint/suspicious/noExplicitAny: Stripe's JSON objects, whose shape each route knows
type Obj = Record<string, any>;
type Emit = (type: string, object: Obj, account?: string) => void;

export interface FakeStripeOptions {
  host?: string;
  /** 0 (default): any free port. */
  port?: number;
  /** Signing secret of the webhook endpoint (whsec_…). */
  webhookSecret: string;
  /** Where events are POSTed; unset: events are only recorded (set it later through the returned object). */
  webhookUrl?: string;
}

export interface FakeEvent {
  id: string;
  type: string;
  body: string;
}

export interface FakeStripe {
  host: string;
  port: number;
  webhookUrl: string | undefined;
  webhookSecret: string;
  /** Every object by id (PaymentIntents, charges, accounts, transfers). */
  objects: Map<string, Obj>;
  /** Every event, in the order they happened. */
  events: FakeEvent[];
  /** Requests received: method, path and idempotency key. */
  requests: Array<{ method: string; path: string; idempotencyKey: string | undefined }>;
  /** The signed header Stripe would send with this body now (or at the given unix time). */
  sign(body: string, timestamp?: number): string;
  /** The connected account finishes Stripe's onboarding (details submitted, payouts enabled): account.updated. */
  completeOnboarding(accountId: string): void;
  /** Stripe restricts the account (payouts disabled, a requirement past due): account.updated. */
  restrictAccount(accountId: string): void;
  /** The bank answers a payout: paid (payout.paid) or failed (payout.failed, the money back on the balance). */
  payoutArrives(payoutId: string, outcome?: "paid" | "failed"): void;
  /** The customer's bank disputes a captured charge (all of it unless amount): charge.dispute.created; the dispute's id. */
  openChargeDispute(chargeId: string, reason?: string, amount?: number): string;
  /** Finance submitted evidence (status under_review): charge.dispute.updated. */
  updateChargeDispute(disputeId: string): void;
  /** The bank decides: won (the funds come back) or lost: charge.dispute.closed. */
  closeChargeDispute(disputeId: string, outcome: "won" | "lost"): void;
  /** A connected account's available balance in a currency (lowercase); of platformAccountId: what account debits brought. */
  balanceOf(accountId: string, currency: string): number;
  /** The platform's own account (GET /v1/account), the destination of account debits. */
  platformAccountId: string;
  /** Resolves once every event so far was delivered (or given up on). */
  settled(): Promise<void>;
  close(): Promise<void>;
}

/** Test PaymentMethods that decline, with Stripe's error code and decline code. */
const DECLINES: Record<string, { code: string; decline_code?: string; message: string }> = {
  pm_card_chargeDeclined: {
    code: "card_declined",
    decline_code: "generic_decline",
    message: "Your card was declined.",
  },
  pm_card_chargeDeclinedInsufficientFunds: {
    code: "card_declined",
    decline_code: "insufficient_funds",
    message: "Your card has insufficient funds.",
  },
  pm_card_chargeDeclinedLostCard: {
    code: "card_declined",
    decline_code: "lost_card",
    message: "Your card was declined.",
  },
  pm_card_chargeDeclinedStolenCard: {
    code: "card_declined",
    decline_code: "stolen_card",
    message: "Your card was declined.",
  },
  pm_card_chargeDeclinedExpiredCard: {
    code: "expired_card",
    decline_code: "expired_card",
    message: "Your card has expired.",
  },
  pm_card_chargeDeclinedIncorrectCvc: {
    code: "incorrect_cvc",
    decline_code: "incorrect_cvc",
    message: "Your card's security code is incorrect.",
  },
  pm_card_chargeDeclinedProcessingError: {
    code: "processing_error",
    decline_code: "processing_error",
    message: "An error occurred while processing your card. Try again in a little bit.",
  },
};

class StripeError extends Error {
  readonly status: number;
  readonly body: Obj;
  constructor(status: number, body: Obj) {
    super(body.message);
    this.status = status;
    this.body = body;
  }
}
const invalid = (message: string, extra: Obj = {}) =>
  new StripeError(400, { type: "invalid_request_error", message, ...extra });
const missing = (kind: string, id: string, param?: string) =>
  new StripeError(404, {
    type: "invalid_request_error",
    code: "resource_missing",
    message: `No such ${kind}: '${id}'`,
    ...(param ? { param } : {}),
  });

const newId = (prefix: string) => `${prefix}_${randomBytes(12).toString("base64url").replace(/[-_]/g, "x")}`;
const now = () => Math.floor(Date.now() / 1000);

/** Stripe's form encoding: a[b]=1&a[c][]=2 → { a: { b: "1", c: ["2"] } }. */
export function parseForm(body: string): Obj {
  const result: Obj = {};
  for (const [key, value] of new URLSearchParams(body)) {
    const path = key.replace(/\]/g, "").split("[");
    let node: Obj = result;
    for (let i = 0; i < path.length; i++) {
      const part = path[i]!;
      const name = part === "" && Array.isArray(node) ? String(node.length) : part;
      if (i === path.length - 1) node[name] = value;
      else {
        node[name] ??= path[i + 1] === "" || /^\d+$/.test(path[i + 1]!) ? [] : {};
        node = node[name];
      }
    }
  }
  return result;
}

function amountParam(value: unknown, param: string): number {
  const amount = Number(value);
  if (value === undefined || !Number.isInteger(amount) || amount < 0) {
    throw invalid(`Invalid integer: ${String(value)}`, { param });
  }
  return amount;
}

export async function startFakeStripe(options: FakeStripeOptions): Promise<FakeStripe> {
  const objects = new Map<string, Obj>();
  const events: FakeEvent[] = [];
  const requests: FakeStripe["requests"] = [];
  const idempotent = new Map<string, { method: string; path: string; params: string; status: number; body: string }>();
  let delivery: Promise<void> = Promise.resolve();
  /** Connected accounts' available balances: account → currency → amount. */
  const balances = new Map<string, Map<string, number>>();
  const credit = (account: string, currency: string, amount: number) => {
    const own = balances.get(account) ?? new Map<string, number>();
    balances.set(account, own);
    own.set(currency, (own.get(currency) ?? 0) + amount);
  };
  const balanceOf = (account: string, currency: string) => balances.get(account)?.get(currency) ?? 0;
  /** The platform's own account: not a connected one (no Stripe-Account calls on it), the destination of debits. */
  const platformAccountId = newId("acct");
  /** The hosted onboarding pages of account links: token → the link. */
  const onboardingPages = new Map<string, Obj>();

  const sign = (body: string, timestamp = now()) =>
    `t=${timestamp},v1=${createHmac("sha256", fake.webhookSecret).update(`${timestamp}.${body}`).digest("hex")}`;

  async function deliver(body: string): Promise<void> {
    for (let attempt = 0; attempt < 4 && fake.webhookUrl; attempt++) {
      try {
        const res = await fetch(fake.webhookUrl, {
          method: "POST",
          headers: {
            "content-type": "application/json; charset=utf-8",
            "user-agent": "Stripe/1.0 (+https://stripe.com/docs/webhooks)",
            "stripe-signature": sign(body),
          },
          body,
        });
        await res.arrayBuffer();
        if (res.ok) return;
      } catch {
        // Stripe retries deliveries that fail; so does the fake, briefly.
      }
      await new Promise((resolve) => setTimeout(resolve, 50 * 4 ** attempt));
    }
  }

  function emit(
    type: string,
    object: Obj,
    request: { id: string | null; idempotencyKey: string | undefined },
    account?: string
  ): void {
    const event = {
      id: newId("evt"),
      ...(account ? { account } : {}),
      object: "event",
      api_version: "2026-11-18.endive",
      created: now(),
      data: { object: structuredClone(object) },
      livemode: false,
      pending_webhooks: fake.webhookUrl ? 1 : 0,
      request: { id: request.id, idempotency_key: request.idempotencyKey ?? null },
      type,
    };
    const body = JSON.stringify(event, null, 2);
    events.push({ id: event.id, type, body });
    delivery = delivery.then(() => deliver(body));
  }

  function get(kind: string, prefix: string, id: string, param?: string): Obj {
    const object = objects.get(id);
    if (!object || !id.startsWith(`${prefix}_`)) throw missing(kind, id, param);
    return object;
  }

  function currencyParam(value: unknown): string {
    const currency = String(value ?? "").toLowerCase();
    if (!/^[a-z]{3}$/.test(currency)) throw invalid("Invalid currency", { param: "currency" });
    return currency;
  }

  function confirm(pi: Obj, paymentMethod: string | undefined, emitEvent: Emit): void {
    if (!["requires_payment_method", "requires_confirmation"].includes(pi.status)) {
      throw invalid(
        `This PaymentIntent's status is ${pi.status}, but it must be requires_payment_method or requires_confirmation to be confirmed.`,
        { code: "payment_intent_unexpected_state", payment_intent: pi }
      );
    }
    const method = paymentMethod ?? pi.payment_method;
    if (!method) {
      throw invalid("You cannot confirm this PaymentIntent because it's missing a payment method.", {
        code: "payment_intent_unexpected_state",
        payment_intent: pi,
      });
    }
    if (!/^pm_/.test(method)) throw missing("PaymentMethod", method, "payment_method");
    pi.payment_method = method;
    const decline = DECLINES[method];
    const charge: Obj = {
      id: newId("ch"),
      object: "charge",
      amount: pi.amount,
      amount_captured: 0,
      amount_refunded: 0,
      captured: false,
      currency: pi.currency,
      created: now(),
      paid: !decline,
      payment_intent: pi.id,
      payment_method: method,
      refunded: false,
      status: decline ? "failed" : "succeeded",
      transfer_group: pi.transfer_group,
      failure_code: decline?.code ?? null,
      outcome: { type: decline ? "issuer_declined" : "authorized" },
      metadata: pi.metadata,
    };
    objects.set(charge.id, charge);
    pi.latest_charge = charge.id;
    if (decline) {
      pi.status = "requires_payment_method";
      pi.last_payment_error = { type: "card_error", ...decline, charge: charge.id, payment_method: { id: method } };
      pi.payment_method = null;
      emitEvent("payment_intent.payment_failed", pi);
      throw new StripeError(402, { ...pi.last_payment_error, payment_intent: structuredClone(pi) });
    }
    pi.last_payment_error = null;
    if (pi.capture_method === "manual") {
      pi.status = "requires_capture";
      pi.amount_capturable = pi.amount;
      emitEvent("payment_intent.amount_capturable_updated", pi);
    } else {
      pi.status = "succeeded";
      pi.amount_received = pi.amount;
      Object.assign(charge, { captured: true, amount_captured: pi.amount });
      emitEvent("payment_intent.succeeded", pi);
    }
  }

  /** Stripe's Connect view of an account from its onboarding state. */
  function accountState(account: Obj, state: "new" | "onboarded" | "restricted"): void {
    const onboarded = state !== "new";
    Object.assign(account, {
      details_submitted: onboarded,
      charges_enabled: state === "onboarded",
      payouts_enabled: state === "onboarded",
      capabilities: { transfers: state === "onboarded" ? "active" : "inactive" },
      requirements: {
        currently_due:
          state === "onboarded"
            ? []
            : state === "restricted"
              ? ["external_account"]
              : ["individual.dob.day", "external_account"],
        past_due: state === "restricted" ? ["external_account"] : [],
        disabled_reason:
          state === "onboarded"
            ? null
            : state === "restricted"
              ? "requirements.past_due"
              : "requirements.pending_verification",
      },
    });
  }
  function connected(account: string | undefined): Obj {
    if (!account) throw invalid("This call needs the Stripe-Account header of a connected account.");
    return get("account", "acct", account);
  }

  // An account debit: a Transfer made on a connected account (Stripe-Account) to the platform's own account. It may not
  // take the connected account's balance below zero.
  function accountDebit(
    account: Obj,
    amount: number,
    currency: string,
    destination: string,
    p: Obj,
    emitEvent: Emit
  ): Obj {
    if (destination !== platformAccountId) {
      throw invalid("A transfer from a connected account can only go to the platform's account.", {
        param: "destination",
      });
    }
    if (amount <= 0 || amount > balanceOf(account.id, currency)) {
      throw invalid("You have insufficient funds in your Stripe account for this transfer.", {
        code: "balance_insufficient",
        param: "amount",
      });
    }
    const transfer = {
      id: newId("tr"),
      object: "transfer",
      amount,
      amount_reversed: 0,
      currency,
      destination,
      source_transaction: null,
      transfer_group: p.transfer_group ?? null,
      created: now(),
      livemode: false,
      reversed: false,
      metadata: p.metadata ?? {},
      _account: account.id,
    };
    objects.set(transfer.id, transfer);
    credit(account.id, currency, -amount);
    credit(platformAccountId, currency, amount);
    emitEvent("transfer.created", transfer, account.id);
    return transfer;
  }

  type Handler = (params: Obj, match: string[], emitEvent: Emit, account: string | undefined) => Obj;
  const routes: Array<[string, RegExp, Handler]> = [
    [
      "POST",
      /^\/v1\/payment_intents$/,
      (p, _m, emitEvent) => {
        const amount = amountParam(p.amount, "amount");
        const currency = currencyParam(p.currency);
        if (amount < 50) {
          throw invalid("Amount must be at least 50 cents", { code: "amount_too_small", param: "amount" });
        }
        const captureMethod = p.capture_method ?? "automatic";
        if (!["automatic", "automatic_async", "manual"].includes(captureMethod)) {
          throw invalid(`Invalid capture_method: ${captureMethod}`, { param: "capture_method" });
        }
        const id = newId("pi");
        const pi: Obj = {
          id,
          object: "payment_intent",
          amount,
          amount_capturable: 0,
          amount_received: 0,
          capture_method: captureMethod,
          client_secret: `${id}_secret_${randomBytes(12).toString("hex")}`,
          confirmation_method: "automatic",
          created: now(),
          currency,
          description: p.description ?? null,
          last_payment_error: null,
          latest_charge: null,
          livemode: false,
          metadata: p.metadata ?? {},
          payment_method: p.payment_method ?? null,
          payment_method_types: p.payment_method_types ?? ["card"],
          status: p.payment_method ? "requires_confirmation" : "requires_payment_method",
          transfer_group: p.transfer_group ?? null,
          canceled_at: null,
          cancellation_reason: null,
        };
        objects.set(id, pi);
        emitEvent("payment_intent.created", pi);
        if (p.confirm === "true") confirm(pi, undefined, emitEvent);
        return pi;
      },
    ],
    ["GET", /^\/v1\/payment_intents\/([^/]+)$/, (_p, m) => get("payment_intent", "pi", m[1]!)],
    [
      "POST",
      /^\/v1\/payment_intents\/([^/]+)\/confirm$/,
      (p, m, emitEvent) => {
        const pi = get("payment_intent", "pi", m[1]!);
        confirm(pi, p.payment_method, emitEvent);
        return pi;
      },
    ],
    [
      "POST",
      /^\/v1\/payment_intents\/([^/]+)\/capture$/,
      (p, m, emitEvent) => {
        const pi = get("payment_intent", "pi", m[1]!);
        if (pi.status !== "requires_capture") {
          throw invalid(
            `This PaymentIntent could not be captured because it has a status of ${pi.status}. Only a PaymentIntent with one of the following statuses may be captured: requires_capture.`,
            { code: "payment_intent_unexpected_state", payment_intent: pi }
          );
        }
        const amount =
          p.amount_to_capture === undefined
            ? pi.amount_capturable
            : amountParam(p.amount_to_capture, "amount_to_capture");
        if (amount > pi.amount_capturable || amount <= 0) {
          throw invalid("The amount to capture must be positive and at most the amount capturable.", {
            param: "amount_to_capture",
          });
        }
        Object.assign(pi, { status: "succeeded", amount_received: amount, amount_capturable: 0 });
        Object.assign(objects.get(pi.latest_charge)!, {
          captured: true,
          amount_captured: amount,
          amount_refunded: pi.amount - amount,
        });
        emitEvent("payment_intent.succeeded", pi);
        return pi;
      },
    ],
    [
      "POST",
      /^\/v1\/payment_intents\/([^/]+)\/cancel$/,
      (p, m, emitEvent) => {
        const pi = get("payment_intent", "pi", m[1]!);
        if (
          ![
            "requires_payment_method",
            "requires_confirmation",
            "requires_action",
            "processing",
            "requires_capture",
          ].includes(pi.status)
        ) {
          throw invalid(
            `You cannot cancel this PaymentIntent because it has a status of ${pi.status}. Only a PaymentIntent with one of the following statuses may be canceled: requires_payment_method, requires_capture, requires_confirmation, requires_action, processing.`,
            { code: "payment_intent_unexpected_state", payment_intent: pi }
          );
        }
        if (pi.status === "requires_capture") {
          Object.assign(objects.get(pi.latest_charge)!, { refunded: true, amount_refunded: pi.amount });
        }
        Object.assign(pi, {
          status: "canceled",
          amount_capturable: 0,
          canceled_at: now(),
          cancellation_reason: p.cancellation_reason ?? null,
        });
        emitEvent("payment_intent.canceled", pi);
        return pi;
      },
    ],
    [
      "POST",
      /^\/v1\/accounts$/,
      (p) => {
        const country = String(p.country ?? "US").toUpperCase();
        const account: Obj = {
          id: newId("acct"),
          object: "account",
          type: p.type ?? "express",
          country,
          default_currency: country === "US" ? "usd" : country === "GB" ? "gbp" : "eur",
          email: p.email ?? null,
          created: now(),
          metadata: p.metadata ?? {},
          settings: { payouts: { schedule: { interval: p.settings?.payouts?.schedule?.interval ?? "daily" } } },
        };
        accountState(account, "new");
        objects.set(account.id, account);
        return account;
      },
    ],
    ["GET", /^\/v1\/accounts\/([^/]+)$/, (_p, m) => get("account", "acct", m[1]!)],
    [
      "POST",
      /^\/v1\/accounts\/([^/]+)$/,
      (p, m, emitEvent) => {
        const account = get("account", "acct", m[1]!);
        if (p.metadata) account.metadata = { ...account.metadata, ...p.metadata };
        if (p.email) account.email = p.email;
        emitEvent("account.updated", account, account.id);
        return account;
      },
    ],
    [
      "POST",
      /^\/v1\/account_links$/,
      (p) => {
        const account = get("account", "acct", String(p.account ?? ""), "account");
        for (const param of ["refresh_url", "return_url"]) {
          if (!/^https?:\/\//.test(String(p[param] ?? ""))) throw invalid(`Invalid URL: ${param}`, { param });
        }
        if (!["account_onboarding", "account_update"].includes(p.type)) {
          throw invalid(`Invalid type: must be one of account_onboarding or account_update`, { param: "type" });
        }
        const token = randomBytes(16).toString("hex");
        const link = {
          object: "account_link",
          created: now(),
          expires_at: now() + 300,
          url: `http://${fake.host}:${fake.port}/connect/onboarding/${token}`,
        };
        onboardingPages.set(token, {
          ...link,
          account: account.id,
          return_url: p.return_url,
          refresh_url: p.refresh_url,
        });
        return link;
      },
    ],
    [
      "GET",
      /^\/v1\/balance$/,
      (_p, _m, _e, accountId) => {
        const account = connected(accountId);
        const own = balances.get(account.id) ?? new Map<string, number>([[account.default_currency, 0]]);
        const amounts = [...own].map(([currency, amount]) => ({ amount, currency, source_types: { card: amount } }));
        return {
          object: "balance",
          livemode: false,
          available: amounts,
          instant_available: amounts,
          pending: amounts.map((a) => ({ ...a, amount: 0 })),
        };
      },
    ],
    [
      "POST",
      /^\/v1\/payouts$/,
      (p, _m, emitEvent, accountId) => {
        const account = connected(accountId);
        const amount = amountParam(p.amount, "amount");
        const currency = currencyParam(p.currency);
        const method = p.method ?? "standard";
        if (!["standard", "instant"].includes(method)) throw invalid(`Invalid method: ${method}`, { param: "method" });
        if (!account.payouts_enabled) {
          throw invalid("Payouts are not enabled for this account.", { code: "payouts_not_allowed" });
        }
        if (amount <= 0 || amount > balanceOf(account.id, currency)) {
          throw invalid("You have insufficient funds in your Stripe account for this transfer.", {
            code: "balance_insufficient",
            param: "amount",
          });
        }
        credit(account.id, currency, -amount);
        const payout = {
          id: newId("po"),
          object: "payout",
          amount,
          currency,
          method,
          type: "bank_account",
          status: "pending",
          arrival_date: now() + (method === "instant" ? 0 : 2 * 86_400),
          automatic: false,
          created: now(),
          failure_code: null,
          failure_message: null,
          livemode: false,
          metadata: p.metadata ?? {},
          destination: null,
          _account: account.id,
        };
        objects.set(payout.id, payout);
        emitEvent("payout.created", payout, account.id);
        return payout;
      },
    ],
    [
      "GET",
      /^\/v1\/payouts\/([^/]+)$/,
      (_p, m, _e, accountId) => {
        const payout = get("payout", "po", m[1]!);
        if (payout._account !== connected(accountId).id) throw missing("payout", m[1]!);
        return payout;
      },
    ],
    [
      "GET",
      /^\/v1\/account$/,
      () => ({
        id: platformAccountId,
        object: "account",
        type: "standard",
        charges_enabled: true,
        payouts_enabled: true,
      }),
    ],
    [
      "POST",
      /^\/v1\/transfers$/,
      (p, _m, emitEvent, accountId) => {
        const amount = amountParam(p.amount, "amount");
        const currency = currencyParam(p.currency);
        const destination = String(p.destination ?? "");
        if (!destination) throw invalid("Missing required param: destination.", { param: "destination" });
        if (accountId !== undefined)
          return accountDebit(connected(accountId), amount, currency, destination, p, emitEvent);
        get("destination", "acct", destination, "destination");
        if (p.source_transaction !== undefined) {
          const charge = get("charge", "ch", String(p.source_transaction), "source_transaction");
          if (charge.currency !== currency) {
            throw invalid(
              "The currency of source_transaction's balance transaction must match the transfer currency.",
              { param: "currency" }
            );
          }
          const transferred = [...objects.values()]
            .filter((o) => o.object === "transfer" && o.source_transaction === charge.id)
            .reduce((sum, o) => sum + o.amount, 0);
          if (!charge.captured || amount > charge.amount_captured - charge.amount_refunded - transferred) {
            throw invalid("Insufficient funds in the source transaction to create this transfer.", {
              code: "balance_insufficient",
              param: "amount",
            });
          }
        }
        const transfer = {
          id: newId("tr"),
          object: "transfer",
          amount,
          amount_reversed: 0,
          currency,
          destination,
          source_transaction: p.source_transaction ?? null,
          transfer_group: p.transfer_group ?? null,
          created: now(),
          livemode: false,
          reversed: false,
          metadata: p.metadata ?? {},
        };
        objects.set(transfer.id, transfer);
        credit(destination, currency, amount);
        emitEvent("transfer.created", transfer);
        return transfer;
      },
    ],
    ["GET", /^\/v1\/transfers\/([^/]+)$/, (_p, m) => get("transfer", "tr", m[1]!)],
    [
      "POST",
      /^\/v1\/transfers\/([^/]+)\/reversals$/,
      (p, m, emitEvent) => {
        const transfer = get("transfer", "tr", m[1]!);
        const left = transfer.amount - transfer.amount_reversed;
        const amount = p.amount === undefined ? left : amountParam(p.amount, "amount");
        if (amount <= 0 || amount > left) {
          throw invalid(`Amount (${amount}) is greater than the unreversed amount of the transfer (${left}).`, {
            param: "amount",
          });
        }
        // The money must still be on the connected account (it may have been paid out to the bank).
        if (amount > balanceOf(transfer.destination, transfer.currency)) {
          throw invalid("Insufficient funds in the connected account to reverse this transfer.", {
            code: "balance_insufficient",
            param: "amount",
          });
        }
        const reversal = {
          id: newId("trr"),
          object: "transfer_reversal",
          amount,
          currency: transfer.currency,
          transfer: transfer.id,
          created: now(),
          metadata: p.metadata ?? {},
        };
        objects.set(reversal.id, reversal);
        transfer.amount_reversed += amount;
        credit(transfer.destination, transfer.currency, -amount);
        transfer.reversed = transfer.amount_reversed === transfer.amount;
        emitEvent("transfer.reversed", transfer);
        return reversal;
      },
    ],
    [
      "POST",
      /^\/v1\/refunds$/,
      (p, _m, emitEvent) => {
        const pi = get("payment_intent", "pi", String(p.payment_intent ?? ""), "payment_intent");
        const charge = pi.latest_charge ? objects.get(pi.latest_charge) : undefined;
        if (pi.status !== "succeeded" || !charge?.captured) {
          throw invalid(`This PaymentIntent (${pi.id}) does not have a successful charge to refund.`, {
            code: "charge_not_refundable",
            param: "payment_intent",
          });
        }
        const left = charge.amount_captured - (charge.amount_refunded - (charge.amount - charge.amount_captured));
        const amount = p.amount === undefined ? left : amountParam(p.amount, "amount");
        if (amount <= 0 || amount > left) {
          throw invalid(`Refund amount (${amount}) is greater than unrefunded amount on charge (${left})`, {
            code: "amount_too_large",
            param: "amount",
          });
        }
        const refund = {
          id: newId("re"),
          object: "refund",
          amount,
          charge: charge.id,
          currency: charge.currency,
          created: now(),
          metadata: p.metadata ?? {},
          payment_intent: pi.id,
          reason: p.reason ?? null,
          status: "succeeded",
        };
        objects.set(refund.id, refund);
        charge.amount_refunded += amount;
        charge.refunded = charge.amount_refunded >= charge.amount;
        emitEvent("refund.created", refund);
        emitEvent("charge.refunded", charge);
        return refund;
      },
    ],
    ["GET", /^\/v1\/refunds\/([^/]+)$/, (_p, m) => get("refund", "re", m[1]!)],
  ];

  function handle(
    method: string,
    path: string,
    params: Obj,
    idempotencyKey: string | undefined,
    account: string | undefined
  ): { status: number; body: string } {
    const requestId = newId("req");
    const pending: Array<[string, Obj, string | undefined]> = [];
    const emitEvent: Emit = (type, object, on) => void pending.push([type, publicView(object), on]);
    let status = 200;
    let body: Obj;
    try {
      const route = routes.find(([m, pattern]) => m === method && pattern.test(path));
      if (!route)
        throw new StripeError(404, {
          type: "invalid_request_error",
          message: `Unrecognized request URL (${method}: ${path}).`,
        });
      body = publicView(route[2](params, path.match(route[1])!, emitEvent, account));
    } catch (error) {
      if (!(error instanceof StripeError)) throw error;
      status = error.status;
      body = { error: { ...error.body, request_log_url: null } };
    }
    // Events of a call happen whether it answered 200 or 402 (a decline), as on Stripe.
    for (const [type, object, on] of pending) emit(type, object, { id: requestId, idempotencyKey }, on);
    return { status, body: JSON.stringify(body, null, 2) };
  }

  /** An object as Stripe shows it (without the fake's own _fields). */
  function publicView(object: Obj): Obj {
    return Object.fromEntries(Object.entries(structuredClone(object)).filter(([key]) => !key.startsWith("_")));
  }

  function respond(res: ServerResponse, status: number, body: string, headers: Record<string, string> = {}): void {
    res.writeHead(status, { "content-type": "application/json", "request-id": newId("req"), ...headers });
    res.end(body);
  }

  const server: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const url = new URL(req.url ?? "/", "http://fake");
      const method = req.method ?? "GET";
      const idempotencyKey = req.headers["idempotency-key"] as string | undefined;
      requests.push({ method, path: url.pathname, idempotencyKey });
      const page = /^\/connect\/onboarding\/([0-9a-f]+)$/.exec(url.pathname);
      if (method === "GET" && page) {
        // Stripe's hosted onboarding, completed at once: the account is onboarded, the browser sent back.
        const link = onboardingPages.get(page[1]!);
        if (!link) return respond(res, 404, JSON.stringify({ error: { message: "No such onboarding page" } }));
        onboardingPages.delete(page[1]!);
        if (link.expires_at < now()) {
          res.writeHead(302, { location: link.refresh_url });
          return res.end();
        }
        fake.completeOnboarding(link.account);
        res.writeHead(302, { location: link.return_url });
        return res.end();
      }
      const auth = req.headers.authorization ?? "";
      const apiKey = /^Bearer (sk_test_[A-Za-z0-9_]+)$/.exec(auth)?.[1];
      if (!apiKey) {
        return respond(
          res,
          401,
          JSON.stringify({
            error: {
              type: "invalid_request_error",
              message: "Invalid API Key provided. The fake accepts test secret keys (sk_test_…) only.",
            },
          })
        );
      }
      const raw = Buffer.concat(chunks).toString("utf8");
      const params = method === "GET" ? parseForm(url.search.slice(1)) : parseForm(raw);
      const account = req.headers["stripe-account"] as string | undefined;
      if (method === "POST" && idempotencyKey) {
        const key = `${apiKey}:${idempotencyKey}`;
        const seen = idempotent.get(key);
        const signature = JSON.stringify({ account, params });
        if (seen) {
          if (seen.method !== method || seen.path !== url.pathname || seen.params !== signature) {
            return respond(
              res,
              400,
              JSON.stringify({
                error: {
                  type: "idempotency_error",
                  message: `Keys for idempotent requests can only be used with the same parameters they were first used with. Try using a key other than '${idempotencyKey}' if you meant to execute a different request.`,
                },
              })
            );
          }
          return respond(res, seen.status, seen.body, {
            "idempotency-key": idempotencyKey,
            "idempotent-replayed": "true",
          });
        }
        const result = handle(method, url.pathname, params, idempotencyKey, account);
        idempotent.set(key, { method, path: url.pathname, params: signature, ...result });
        return respond(res, result.status, result.body, { "idempotency-key": idempotencyKey });
      }
      const result = handle(method, url.pathname, params, idempotencyKey, account);
      respond(res, result.status, result.body);
    });
  });

  const host = options.host ?? "127.0.0.1";
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const fake: FakeStripe = {
    host,
    port: (server.address() as AddressInfo).port,
    webhookUrl: options.webhookUrl,
    webhookSecret: options.webhookSecret,
    objects,
    events,
    requests,
    sign,
    completeOnboarding: (accountId) => {
      const account = get("account", "acct", accountId);
      accountState(account, "onboarded");
      emit("account.updated", publicView(account), { id: null, idempotencyKey: undefined }, account.id);
    },
    restrictAccount: (accountId) => {
      const account = get("account", "acct", accountId);
      accountState(account, "restricted");
      emit("account.updated", publicView(account), { id: null, idempotencyKey: undefined }, account.id);
    },
    payoutArrives: (payoutId, outcome = "paid") => {
      const payout = get("payout", "po", payoutId);
      if (!["pending", "in_transit"].includes(payout.status)) throw new Error(`payout ${payoutId} is ${payout.status}`);
      if (outcome === "failed") {
        Object.assign(payout, {
          status: "failed",
          failure_code: "account_closed",
          failure_message: "The bank account has been closed.",
        });
        credit(payout._account, payout.currency, payout.amount);
      } else {
        payout.status = "paid";
      }
      emit(`payout.${outcome}`, publicView(payout), { id: null, idempotencyKey: undefined }, payout._account);
    },
    openChargeDispute: (chargeId, reason = "fraudulent", amount) => {
      const charge = get("charge", "ch", chargeId);
      if (!charge.captured) throw new Error(`charge ${chargeId} is not captured`);
      const dispute: Obj = {
        id: newId("du"),
        object: "dispute",
        amount: amount ?? charge.amount_captured - charge.amount_refunded,
        charge: charge.id,
        currency: charge.currency,
        payment_intent: charge.payment_intent,
        reason,
        status: "needs_response",
        evidence_details: { due_by: now() + 7 * 86400, has_evidence: false, submission_count: 0 },
        created: now(),
        livemode: false,
      };
      objects.set(dispute.id, dispute);
      charge.disputed = true;
      emit("charge.dispute.created", publicView(dispute), { id: null, idempotencyKey: undefined });
      return dispute.id;
    },
    updateChargeDispute: (disputeId) => {
      const dispute = get("dispute", "du", disputeId);
      Object.assign(dispute, {
        status: "under_review",
        evidence_details: { ...dispute.evidence_details, has_evidence: true, submission_count: 1 },
      });
      emit("charge.dispute.updated", publicView(dispute), { id: null, idempotencyKey: undefined });
    },
    closeChargeDispute: (disputeId, outcome) => {
      const dispute = get("dispute", "du", disputeId);
      if (["won", "lost"].includes(dispute.status)) throw new Error(`dispute ${disputeId} is ${dispute.status}`);
      dispute.status = outcome;
      emit("charge.dispute.closed", publicView(dispute), { id: null, idempotencyKey: undefined });
    },
    balanceOf,
    platformAccountId,
    settled: async () => {
      let current: Promise<void>;
      do {
        current = delivery;
        await current;
      } while (current !== delivery);
    },
    close: async () => {
      await fake.settled();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
  return fake;
}
