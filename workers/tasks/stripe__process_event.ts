// Enqueued by the webhook (app_private.record_stripe_event, job key stripe__process_event:<event id>): the stored
// event's effect is applied and the event marked processed in one transaction (app_private.process_stripe_event),
// so a repeated job finds it processed and does nothing. States only move forward.
import type { Task } from "graphile-worker";

function assertEventPayload(payload: unknown): { id: string } {
  if (
    typeof payload !== "object" ||
    payload === null ||
    !("id" in payload) ||
    typeof payload.id !== "string" ||
    !/^evt_[A-Za-z0-9_]+$/.test(payload.id)
  ) {
    throw new Error(`stripe__process_event expects the payload { id: "evt_…" }, got ${JSON.stringify(payload)}`);
  }
  return { id: payload.id };
}

/** Needs nothing but the database: the event carries the object. */
export function makeStripeProcessEventTask(): Task {
  return async (payload, helpers) => {
    const { id } = assertEventPayload(payload);
    const { rows } = await helpers.withPgClient((client) =>
      client.query<{ outcome: string }>("select app_private.process_stripe_event($1) as outcome", [id])
    );
    helpers.logger.debug(`stripe__process_event ${id}: ${rows[0]!.outcome}`);
  };
}
