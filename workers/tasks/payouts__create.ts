// Enqueued when a payout is decided (request_instant_payout, or the daily payouts__schedule; job key
// payouts__create:<payout id>). Two steps, each done once however often the job runs:
// 1. pays net out of the traveler's connected account (Stripe-Account) to their bank, with the method of its type and
//    the key payout:<payout id>, and records the answer (app_private.apply_stripe_payout: the Stripe id, the state,
//    the arrival date). payout.* events move it on. Stripe refusing it (not enough balance, payouts disabled) fails
//    the payout (app_private.record_payout_failure), whose money is available again; any other error is retried with
//    the same key.
// 2. for an instant payout, moves its fee from the connected account to the platform by an account debit: a Transfer
//    made on the connected account (Stripe-Account) to the platform's own account, key payout-fee:<payout id>, recorded
//    by app_private.record_payout_fee (Stripe id, fee_collected_at, ledger payout-fee:<payout id>). A debit made before
//    a crash is replayed by Stripe for the same key and recorded then. Stripe refusing it is counted
//    (app_private.record_payout_fee_refusal: finance is alerted of the first) and the job is retried: Stripe answers a
//    key it has seen with the same refusal, so the retry's key carries the count (payout-fee:<payout id>:<n>); a
//    refusal moved no money, so nothing is debited twice.
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

interface FeePlan {
  payout_id: string;
  account: string;
  amount: number;
  currency: string;
  idempotency_key: string;
}

export function makePayoutsCreateTask(deps: Pick<TaskDeps, "stripe">): Task {
  // The platform's own account id (the debit's destination), asked of Stripe once per worker.
  let platformAccount: Promise<string> | undefined;
  const platformAccountId = () => {
    platformAccount ??= deps.stripe.accounts.retrieve(null).then(
      (account) => account.id,
      (error) => {
        platformAccount = undefined;
        throw error;
      }
    );
    return platformAccount;
  };

  return async (payload, helpers) => {
    const { id } = assertIdPayload("payouts__create", payload);
    const { rows } = await helpers.withPgClient((client) =>
      client.query<{ plan: Plan | null }>("select app_private.payout_to_create($1) as plan", [id])
    );
    const plan = rows[0]?.plan;
    if (plan) {
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
    }

    const fee = (
      await helpers.withPgClient((client) =>
        client.query<{ plan: FeePlan | null }>("select app_private.payout_fee_to_collect($1) as plan", [id])
      )
    ).rows[0]?.plan;
    if (!fee) return;
    let debit: Stripe.Transfer;
    try {
      debit = await deps.stripe.transfers.create(
        {
          amount: fee.amount,
          currency: fee.currency,
          destination: await platformAccountId(),
          metadata: { payout_id: id },
        },
        { stripeAccount: fee.account, idempotencyKey: fee.idempotency_key }
      );
    } catch (error) {
      if (error instanceof Stripe.errors.StripeInvalidRequestError) {
        await helpers.withPgClient((client) =>
          client.query("select app_private.record_payout_fee_refusal($1, $2)", [id, error.message])
        );
      }
      throw error;
    }
    await helpers.withPgClient((client) =>
      client.query("select app_private.record_payout_fee($1, $2::jsonb)", [id, JSON.stringify(debit)])
    );
  };
}
