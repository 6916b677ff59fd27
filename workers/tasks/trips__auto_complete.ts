// Hourly (workers/crontab): completes upcoming and delayed trips trips.auto_complete_hours after their arrival when
// nothing is live on them (app_private.auto_complete_trips).
import type { Task } from "graphile-worker";

/** Needs nothing but the database. */
export function makeTripsAutoCompleteTask(): Task {
  return async (_payload, helpers) => {
    const { rows } = await helpers.withPgClient((client) =>
      client.query<{ completed: number }>("select app_private.auto_complete_trips() as completed")
    );
    helpers.logger.info("trips auto-completed", { completed: rows[0]?.completed });
  };
}
