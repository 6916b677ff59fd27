// Every 10 minutes (workers/crontab): the authorisation deadline. Deliveries still awaiting pickup whose payment was
// not authorised within deliveries.authorization_deadline_hours of their acceptance are cancelled by the system
// (reason payment_failed; app_private.cancel_unpaid_deliveries), in batches of 100; each cancellation enqueues
// payments__cancel, which voids what Stripe holds.
import type { Task } from "graphile-worker";

const BATCH = 100;

/** Needs nothing but the database. */
export function makeDeliveriesCancelUnpaidTask(): Task {
  return async (_payload, helpers) => {
    let total = 0;
    for (;;) {
      const { rows } = await helpers.withPgClient((client) =>
        client.query<{ n: number }>("select app_private.cancel_unpaid_deliveries($1) as n", [BATCH])
      );
      total += rows[0]!.n;
      if (rows[0]!.n < BATCH) break;
    }
    if (total > 0) helpers.logger.info(`deliveries__cancel_unpaid: ${total} cancelled`);
  };
}
