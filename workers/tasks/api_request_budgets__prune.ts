// Hourly (workers/crontab): drops the request budgets of past hours (app_private.prune_api_request_budgets), so that
// the table holds only this hour's active users and client addresses.
import type { Task } from "graphile-worker";

/** Needs nothing but the database. */
export function makeApiRequestBudgetsPruneTask(): Task {
  return async (_payload, helpers) => {
    const { rows } = await helpers.withPgClient((client) =>
      client.query<{ pruned: number }>("select app_private.prune_api_request_budgets() as pruned")
    );
    helpers.logger.debug("past request budgets pruned", { pruned: rows[0]?.pruned });
  };
}
