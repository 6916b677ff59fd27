// Enqueued at the delivery scan (job key payments__hold:<delivery id>, by the QR handover): the held escrow's hold
// runs for the dispute window (deliveries.dispute_window_hours) from the delivery, after which payments__release
// transfers it. Pure SQL, idempotent (app_private.start_escrow_hold sets hold_until once).
import type { Task } from "graphile-worker";
import { assertIdPayload } from "../payload.ts";

/** Needs nothing but the database. */
export function makePaymentsHoldTask(): Task {
  return async (payload, helpers) => {
    const { id } = assertIdPayload("payments__hold", payload);
    await helpers.withPgClient((client) => client.query("select app_private.start_escrow_hold($1)", [id]));
  };
}
