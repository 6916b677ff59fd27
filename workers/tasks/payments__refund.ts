// Enqueued when a refund is decided (app_private.request_refund, job key payments__refund:<refund id>): when the
// traveler's share was already transferred, the transfer is reversed first (key reversal:<refund id>), then the
// PaymentIntent is refunded (key refund:<refund id>), and both are recorded once in one transaction
// (app_private.record_refund: refund, payment, escrow, ledger). Killed between the calls and the commit, the job
// runs again and Stripe answers both keys with the same objects. A reversal Stripe refuses because the traveler's
// connected balance is short (balance_insufficient: the money was paid out) does not stop the refund: the customer is
// refunded and the share not taken back is recorded as the traveler's receivable.
import type { Task } from "graphile-worker";
import Stripe from "stripe";
import type { TaskDeps } from "./index.ts";
import { assertIdPayload } from "../payload.ts";

interface Plan {
  action: "refund" | "done" | "skip";
  reason: string;
  payment_intent: string;
  amount: number;
  delivery_id: string;
  idempotency_key: string;
  reversal: { transfer: string; amount: number; idempotency_key: string } | null;
}

export function makePaymentsRefundTask(deps: Pick<TaskDeps, "stripe">): Task {
  return async (payload, helpers) => {
    const { id } = assertIdPayload("payments__refund", payload);
    const { rows } = await helpers.withPgClient((client) =>
      client.query<{ plan: Plan }>("select app_private.refund_to_make($1) as plan", [id])
    );
    const plan = rows[0]!.plan;
    if (plan.action !== "refund") {
      helpers.logger.debug(`payments__refund: nothing to do for ${id} (${plan.action}: ${plan.reason})`);
      return;
    }
    let reversal: Stripe.TransferReversal | { shortfall: number } | null = null;
    if (plan.reversal) {
      try {
        reversal = await deps.stripe.transfers.createReversal(
          plan.reversal.transfer,
          { amount: plan.reversal.amount, metadata: { refund_id: id } },
          { idempotencyKey: plan.reversal.idempotency_key }
        );
      } catch (error) {
        if (!(error instanceof Stripe.errors.StripeInvalidRequestError && error.code === "balance_insufficient"))
          throw error;
        helpers.logger.warn(`payments__refund: the reversal for ${id} was refused (${error.message}): a receivable`);
        reversal = { shortfall: plan.reversal.amount };
      }
    }
    let refund = await deps.stripe.refunds.create(
      {
        payment_intent: plan.payment_intent,
        amount: plan.amount,
        metadata: { refund_id: id, delivery_id: plan.delivery_id },
      },
      { idempotencyKey: plan.idempotency_key }
    );
    // A card refund is normally succeeded at once; a pending one is fetched again, and the job retried until it settles.
    if (refund.status === "pending") refund = await deps.stripe.refunds.retrieve(refund.id);
    if (refund.status !== "succeeded" && refund.status !== "failed") {
      throw new Error(`payments__refund: refund ${refund.id} of ${id} is still ${refund.status}`);
    }
    const { rows: recorded } = await helpers.withPgClient((client) =>
      client.query<{ ok: boolean }>("select app_private.record_refund($1, $2::jsonb, $3::jsonb) as ok", [
        id,
        JSON.stringify(refund),
        reversal ? JSON.stringify(reversal) : null,
      ])
    );
    helpers.logger.info(`payments__refund: ${id} → ${refund.status}${recorded[0]!.ok ? "" : " (already recorded)"}`);
  };
}
