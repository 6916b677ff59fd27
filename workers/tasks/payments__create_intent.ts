// Enqueued by acceptOffer (job key payments__create_intent:<delivery id>): the delivery's PaymentIntent, with manual
// capture (authorised now, captured at pickup) and transfer_group dlv_<delivery id>, created with the idempotency
// key pi-create:<delivery id>. Three steps: SQL says what to create (and creates the payment's rows once), Stripe
// creates it, SQL records it in one transaction. Killed between the call and the commit, the job runs again and
// Stripe answers the same key with the same PaymentIntent.
import type { Task } from "graphile-worker";
import type { TaskDeps } from "./index.ts";
import { assertIdPayload } from "../payload.ts";

interface Plan {
  action: "create" | "done" | "skip";
  reason?: string;
  amount: number;
  currency: string;
  idempotency_key: string;
  transfer_group: string;
  description: string;
  payment_intent_id: string;
}

export function makePaymentsCreateIntentTask(deps: Pick<TaskDeps, "stripe">): Task {
  return async (payload, helpers) => {
    const { id } = assertIdPayload("payments__create_intent", payload);
    const { rows } = await helpers.withPgClient((client) =>
      client.query<{ plan: Plan }>("select app_private.prepare_payment_intent($1) as plan", [id])
    );
    const plan = rows[0]!.plan;
    if (plan.action !== "create") {
      helpers.logger.debug(
        `payments__create_intent: nothing to do for ${id} (${plan.action}${plan.reason ? `: ${plan.reason}` : ""})`
      );
      return;
    }
    const intent = await deps.stripe.paymentIntents.create(
      {
        amount: plan.amount,
        currency: plan.currency,
        capture_method: "manual",
        transfer_group: plan.transfer_group,
        description: plan.description,
        metadata: { delivery_id: id, payment_id: plan.payment_intent_id },
      },
      { idempotencyKey: plan.idempotency_key }
    );
    await helpers.withPgClient((client) =>
      client.query("select app_private.record_payment_intent($1, $2::jsonb)", [id, JSON.stringify(intent)])
    );
  };
}
