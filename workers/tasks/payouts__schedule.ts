// Daily (workers/crontab): the standard payouts, free, of every active payout account's available balance of at least
// payments.payout_min_standard (app_private.schedule_standard_payouts decides them and enqueues payouts__create for
// each), in batches until none is left.
import type { Task } from "graphile-worker";

export function makePayoutsScheduleTask(): Task {
  return async (_payload, helpers) => {
    let total = 0;
    for (;;) {
      const { rows } = await helpers.withPgClient((client) =>
        client.query<{ n: number }>("select app_private.schedule_standard_payouts() as n")
      );
      total += rows[0]!.n;
      if (rows[0]!.n === 0) break;
    }
    if (total > 0) helpers.logger.info("standard payouts decided", { total });
  };
}
