// Enqueued by every cancellation of a delivery (app_hidden.cancel_delivery_as, job key payments__cancel:<delivery
// id>): an authorisation not captured is voided at Stripe (PaymentIntent cancel, key pi-cancel:<delivery id>) and
// recorded (app_private.apply_payment_intent: canceled, the pending escrow cancelled); a captured payment gets its full
// refund requested in SQL (app_private.payment_to_cancel), which payments__refund makes. A capture that won the race
// (Stripe answers the cancel with payment_intent_unexpected_state) is fetched and recorded, and the plan asked again:
// the payment is then refunded.
import type { Task } from "graphile-worker";
import type { TaskDeps } from "./index.ts";
import { stripeErrorCode, type Stripe } from "../../lib/stripe.ts";
import { assertIdPayload } from "../payload.ts";

interface Plan {
  action: "void" | "refund" | "done" | "skip";
  reason?: string;
  stripe_id?: string;
  idempotency_key?: string;
  refund_id?: string;
}

export function makePaymentsCancelTask(deps: Pick<TaskDeps, "stripe">): Task {
  return async (payload, helpers) => {
    const { id } = assertIdPayload("payments__cancel", payload);
    const plan = async () =>
      (
        await helpers.withPgClient((client) =>
          client.query<{ plan: Plan }>("select app_private.payment_to_cancel($1) as plan", [id])
        )
      ).rows[0]!.plan;
    const first = await plan();
    if (first.action !== "void" || !first.stripe_id) {
      helpers.logger.debug(`payments__cancel: ${id} → ${first.action}${first.reason ? ` (${first.reason})` : ""}`);
      return;
    }
    let intent: Stripe.PaymentIntent;
    try {
      intent = await deps.stripe.paymentIntents.cancel(first.stripe_id, {}, { idempotencyKey: first.idempotency_key });
    } catch (error) {
      if (stripeErrorCode(error) !== "payment_intent_unexpected_state") throw error;
      intent = await deps.stripe.paymentIntents.retrieve(first.stripe_id);
    }
    const { rows } = await helpers.withPgClient((client) =>
      client.query<{ outcome: string }>("select app_private.apply_payment_intent($1::jsonb, now()) as outcome", [
        JSON.stringify(intent),
      ])
    );
    helpers.logger.info(`payments__cancel: ${id} → ${rows[0]!.outcome}`);
    // Captured after all (the capture came first): the plan now requests the refund.
    if (intent.status === "succeeded") await plan();
  };
}
