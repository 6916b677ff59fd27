// Enqueued by admin_release_escrow (job key payments__release_manual:<escrow id>): transfers what is left of the
// escrow to the traveler's connected account from the captured charge, with the same key as the automatic release
// (transfer:<escrow id>, so the two never transfer twice), and records it with the condition manual_release
// (app_private.record_escrow_release). An escrow no longer releasable (released meanwhile) is left alone.
import type { Task } from "graphile-worker";
import { assertIdPayload } from "../payload.ts";
import type { TaskDeps } from "./index.ts";

interface Due {
  escrow_id: string;
  amount: number;
  currency: string;
  destination: string;
  source_transaction: string;
  transfer_group: string;
  idempotency_key: string;
  condition: "manual_release";
}

export function makePaymentsReleaseManualTask(deps: Pick<TaskDeps, "stripe">): Task {
  return async (payload, helpers) => {
    const { id } = assertIdPayload("payments__release_manual", payload);
    const { rows } = await helpers.withPgClient((client) =>
      client.query<{ due: Due | null }>("select app_private.escrow_to_release_manually($1) as due", [id])
    );
    const due = rows[0]?.due;
    if (!due) return;
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
    await helpers.withPgClient((client) =>
      client.query("select app_private.record_escrow_release($1, $2::jsonb, $3)", [
        due.escrow_id,
        JSON.stringify(transfer),
        due.condition,
      ])
    );
  };
}
