// Weekly (workers/crontab): popular_routes rebuilt over the last 30 days, routes with at least 5 requests
// (docs/operations.md, Metrics; app_private.rebuild_popular_routes).
import type { Task } from "graphile-worker";

export function makeMetricsPopularRoutesTask(): Task {
  return async (_payload, helpers) => {
    const { rows } = await helpers.withPgClient((client) =>
      client.query<{ routes: number }>("select app_private.rebuild_popular_routes() as routes")
    );
    helpers.logger.info("popular routes rebuilt", { routes: rows[0]!.routes });
  };
}
