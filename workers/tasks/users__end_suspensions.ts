// Hourly (workers/crontab): suspensions whose suspended_until has passed end (app_private.end_suspensions, which
// also records each end). Each call ends at most retention.batch_size, in its own transaction; the task calls again
// until one ends none.
import type { Task } from "graphile-worker";

/** A backstop: 100 rounds end a million suspensions at the default batch size. */
const MAX_ROUNDS = 100;

/** Needs nothing but the database. */
export function makeUsersEndSuspensionsTask(): Task {
  return async (_payload, helpers) => {
    let total = 0;
    for (let round = 0; round < MAX_ROUNDS; round++) {
      const { rows } = await helpers.withPgClient((client) =>
        client.query<{ ended: number }>("select app_private.end_suspensions() as ended")
      );
      const ended = rows[0]!.ended;
      if (ended === 0) break;
      total += ended;
    }
    if (total > 0) helpers.logger.info("suspensions ended", { ended: total });
  };
}
