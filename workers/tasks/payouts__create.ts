// Enqueued when a payout is decided (request_instant_payout, or the daily payouts__schedule; job key
// payouts__create:<payout id>): pays net out of the traveler's connected account (Stripe-Account) to their bank, with
// the method of its type and the key payout:<payout id>, and records the answer (app_private.apply_stripe_payout:
// the Stripe id, the state, the arrival date). payout.* events move it on. Stripe refusing it (not enough balance,
// payouts disabled) fails the payout (app_private.record_payout_failure), whose money is available again; any other
// error is retried with the same key.
import type { Task } from "graphile-worker";
import Stripe from "stripe";
import { assertIdPayload } from "../payload.ts";
import type { TaskDeps } from "./index.ts";

interface Plan {
  payout_id: string;
  account: string;
  amount: number;
  currency: string;
  method: "standard" | "instant";
  idempotency_key: string;
}

export function makePayoutsCreateTask(deps: Pick<TaskDeps, "stripe">): Task {
  return async (payload, helpers) => {
    const { id } = assertIdPayload("payouts__create", payload);
    const { rows } = await helpers.withPgClient((client) =>
      client.query<{ plan: Plan | null }>("select app_private.payout_to_create($1) as plan", [id])
    );
    const plan = rows[0]?.plan;
    if (!plan) return;
    let payout: Stripe.Payout;
    try {
      payout = await deps.stripe.payouts.create(
        { amount: plan.amount, currency: plan.currency, method: plan.method, metadata: { payout_id: id } },
        { stripeAccount: plan.account, idempotencyKey: plan.idempotency_key }
      );
    } catch (error) {
      if (error instanceof Stripe.errors.StripeInvalidRequestError) {
        await helpers.withPgClient((client) =>
          client.query("select app_private.record_payout_failure($1, $2)", [id, error.message])
        );
        helpers.logger.warn(`payouts__create: Stripe refused payout ${id}: ${error.message}`);
        return;
      }
      throw error;
    }
    await helpers.withPgClient((client) =>
      client.query("select app_private.apply_stripe_payout($1::jsonb, $2)", [JSON.stringify(payout), plan.account])
    );
  };
}
