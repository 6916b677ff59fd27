// Enqueued at the pickup scan (job key payments__capture:<delivery id>, by the QR handover): the authorised payment is
// captured exactly once, with the idempotency key pi-capture:<delivery id>; recording the captured PaymentIntent
// holds the escrow and posts the capture to the ledger (app_private.apply_payment_intent), in one transaction.
// A PaymentIntent Stripe already captured (a capture whose answer was lost) is fetched and recorded instead.
import type { Task } from "graphile-worker";
import type { TaskDeps } from "./index.ts";
import { stripeErrorCode, type Stripe } from "../../lib/stripe.ts";
import { assertIdPayload } from "../payload.ts";

interface Plan {
  action: "capture" | "done" | "skip";
  reason: string;
  stripe_id: string | null;
  idempotency_key: string;
}

export function makePaymentsCaptureTask(deps: Pick<TaskDeps, "stripe">): Task {
  return async (payload, helpers) => {
    const { id } = assertIdPayload("payments__capture", payload);
    const { rows } = await helpers.withPgClient((client) =>
      client.query<{ plan: Plan }>("select app_private.payment_to_capture($1) as plan", [id])
    );
    const plan = rows[0]!.plan;
    if (plan.action !== "capture" || !plan.stripe_id) {
      if (plan.action === "skip")
        helpers.logger.warn(`payments__capture: nothing to capture for ${id} (${plan.reason})`);
      return;
    }
    let intent: Stripe.PaymentIntent;
    try {
      intent = await deps.stripe.paymentIntents.capture(plan.stripe_id, {}, { idempotencyKey: plan.idempotency_key });
    } catch (error) {
      if (stripeErrorCode(error) !== "payment_intent_unexpected_state") throw error;
      intent = await deps.stripe.paymentIntents.retrieve(plan.stripe_id);
    }
    const { rows: applied } = await helpers.withPgClient((client) =>
      client.query<{ outcome: string }>("select app_private.apply_payment_intent($1::jsonb, now()) as outcome", [
        JSON.stringify(intent),
      ])
    );
    helpers.logger.info(`payments__capture: ${id} → ${applied[0]!.outcome}`);
  };
}
