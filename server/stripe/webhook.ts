// POST /webhooks/stripe (README "Payments"): Stripe's events, verified on the raw body with the SDK
// (Stripe-Signature, 300 s tolerance), stored once by app_private.record_stripe_event, which enqueues their
// processing; a replayed event id is answered 200 and changes nothing. Thin on purpose: the effect is the worker's
// (stripe__process_event). A database that cannot answer gets 503, so that Stripe retries the delivery.
import type { IncomingMessage, ServerResponse } from "node:http";
import type pg from "pg";
import type { Logger } from "../../lib/log.ts";
import { type Stripe, WEBHOOK_TOLERANCE_SECONDS } from "../../lib/stripe.ts";
import { sendError } from "../errors.ts";

export const STRIPE_WEBHOOK_PATH = "/webhooks/stripe";
/** Stripe's events are a few kilobytes; anything much larger is not one. */
const MAX_EVENT_BYTES = 512 * 1024;

export interface StripeWebhookDeps {
  ownerPool: pg.Pool;
  stripe: Stripe;
  webhookSecret: string;
  log: Logger;
}

function readBody(req: IncomingMessage): Promise<Buffer | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let length = 0;
    req.on("data", (chunk: Buffer) => {
      length += chunk.length;
      if (length <= MAX_EVENT_BYTES) chunks.push(chunk);
    });
    req.on("end", () => resolve(length > MAX_EVENT_BYTES ? undefined : Buffer.concat(chunks)));
    req.on("error", reject);
  });
}

export function makeStripeWebhook(deps: StripeWebhookDeps) {
  return async (req: IncomingMessage, res: ServerResponse, reqId: string): Promise<void> => {
    if (req.method !== "POST") {
      res.setHeader("allow", "POST");
      return sendError(res, 405, "Stripe webhooks are POSTed", "QUERY");
    }
    const raw = await readBody(req).catch(() => undefined);
    if (!raw) return sendError(res, 413, `An event is at most ${MAX_EVENT_BYTES} bytes`, "LIMIT");
    let event: Stripe.Event;
    try {
      event = deps.stripe.webhooks.constructEvent(
        raw,
        req.headers["stripe-signature"] ?? "",
        deps.webhookSecret,
        WEBHOOK_TOLERANCE_SECONDS
      );
    } catch (err) {
      deps.log.warn({ reqId, err: (err as Error).message }, "Stripe webhook refused: the signature does not hold");
      return sendError(res, 400, "The Stripe-Signature of this event does not hold", "BADTK");
    }
    try {
      const { rows } = await deps.ownerPool.query<{ recorded: boolean }>(
        "select app_private.record_stripe_event($1, $2, $3::jsonb) as recorded",
        [event.id, event.type, raw.toString("utf8")]
      );
      const body = JSON.stringify({ received: true, duplicate: !rows[0]!.recorded });
      res.writeHead(200, { "content-type": "application/json; charset=utf-8" });
      res.end(body);
    } catch (err) {
      deps.log.error({ reqId, err, eventId: event.id }, "Stripe webhook could not be stored");
      sendError(res, 503, "The event could not be stored; Stripe retries it", "UNAVL");
    }
  };
}
