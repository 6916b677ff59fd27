// Hourly (workers/crontab): the early-capture guard. Authorised payments of deliveries still awaiting their pickup
// whose authorisation lapses within payments.capture_margin_hours are captured now, before the card's hold expires
// (app_private.enqueue_early_captures enqueues payments__capture for each, under the pickup's job key).
import type { Task } from "graphile-worker";

export function makePaymentsCaptureEarlyTask(): Task {
  return async (_payload, helpers) => {
    const { rows } = await helpers.withPgClient((client) =>
      client.query<{ n: number }>("select app_private.enqueue_early_captures() as n")
    );
    if (rows[0]!.n > 0) helpers.logger.info("early captures enqueued", { count: rows[0]!.n });
  };
}
