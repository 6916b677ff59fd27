// Daily (workers/crontab): creates the upcoming trips of recurring trips; the rules (horizon, maximum, idempotency)
// are in SQL (app_private.materialise_recurring_trips).
import type { Task } from "graphile-worker";

/** Needs nothing but the database. */
export function makeTripsMaterialiseRecurringTask(): Task {
  return async (_payload, helpers) => {
    const { rows } = await helpers.withPgClient((client) =>
      client.query<{ created: number }>("select app_private.materialise_recurring_trips() as created")
    );
    helpers.logger.info("recurring trips materialised", { created: rows[0]?.created });
  };
}
