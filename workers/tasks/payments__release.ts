// Every 10 minutes (workers/crontab): each escrow due for release (app_private.escrows_to_release: held, delivered,
// hold over or receipt confirmed, no review, an active payout account) is transferred to the traveler's connected
// account from the captured charge (source_transaction), with the idempotency key transfer:<escrow id>, and
// recorded once (app_private.record_escrow_release: released + ledger Dr escrow liability / Cr traveler payable).
// Runs that overlap make the same call with the same key, which Stripe answers with the same transfer, and only one
// of them records it. One escrow failing does not stop the others; the run fails at the end so that it is retried.
import type { Task } from "graphile-worker";
import type { TaskDeps } from "./index.ts";

interface Due {
  escrow_id: string;
  amount: number;
  currency: string;
  destination: string;
  source_transaction: string;
  transfer_group: string;
  idempotency_key: string;
  condition: "hold_expired" | "delivery_confirmed";
}

export function makePaymentsReleaseTask(deps: Pick<TaskDeps, "stripe">): Task {
  return async (_payload, helpers) => {
    const { rows } = await helpers.withPgClient((client) =>
      client.query<{ due: Due }>("select app_private.escrows_to_release() as due")
    );
    const failures: string[] = [];
    let released = 0;
    for (const { due } of rows) {
      try {
        const transfer = await deps.stripe.transfers.create(
          {
            amount: due.amount,
            currency: due.currency,
            destination: due.destination,
            source_transaction: due.source_transaction,
            transfer_group: due.transfer_group,
            metadata: { escrow_id: due.escrow_id },
          },
          { idempotencyKey: due.idempotency_key }
        );
        const { rows: recorded } = await helpers.withPgClient((client) =>
          client.query<{ ok: boolean }>("select app_private.record_escrow_release($1, $2::jsonb, $3) as ok", [
            due.escrow_id,
            JSON.stringify(transfer),
            due.condition,
          ])
        );
        if (recorded[0]!.ok) released++;
      } catch (error) {
        failures.push(`${due.escrow_id}: ${(error as Error).message}`);
      }
    }
    if (released > 0) helpers.logger.info("escrows released", { released });
    if (failures.length > 0)
      throw new Error(`payments__release: ${failures.length} escrow(s) not released: ${failures.join("; ")}`);
  };
}
