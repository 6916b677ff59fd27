// Enqueued by the webhook (app_private.record_stripe_event, job key stripe__process_event:<event id>): the stored
// event's effect is applied and the event marked processed in one transaction (app_private.process_stripe_event),
// so a repeated job finds it processed and does nothing. States only move forward; an account's state may move
// back (Stripe restricts an account), so for account.updated the account is re-fetched and its current state applied,
// whatever order the events arrive in.
import type { Task } from "graphile-worker";
import type { TaskDeps } from "./index.ts";

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

/** Needs the database, and Stripe to re-fetch what order matters for. */
export function makeStripeProcessEventTask(deps: Pick<TaskDeps, "stripe">): Task {
  return async (payload, helpers) => {
    const { id } = assertEventPayload(payload);
    const { rows: events } = await helpers.withPgClient((client) =>
      client.query<{ type: string; object_id: string | null; processed: boolean }>(
        `select type, body -> 'data' -> 'object' ->> 'id' as object_id, processed_at is not null as processed
           from app_private.stripe_events where id = $1`,
        [id]
      )
    );
    const event = events[0];
    const current =
      event && !event.processed && event.type === "account.updated" && event.object_id
        ? await deps.stripe.accounts.retrieve(event.object_id)
        : null;
    const { rows } = await helpers.withPgClient((client) =>
      client.query<{ outcome: string }>("select app_private.process_stripe_event($1, $2::jsonb) as outcome", [
        id,
        current ? JSON.stringify(current) : null,
      ])
    );
    helpers.logger.debug(`stripe__process_event ${id}: ${rows[0]!.outcome}`);
  };
}
