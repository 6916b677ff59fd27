// Daily (workers/crontab): applies every retention rule; the rules themselves are in SQL
// (app_private.cleanup_expired_data).
import type { Task } from "graphile-worker";

/** Needs nothing but the database. */
export function makeMaintenanceCleanupExpiredDataTask(): Task {
  return async (_payload, helpers) => {
    const { rows } = await helpers.withPgClient((client) =>
      client.query<{ counts: Record<string, number> }>("select app_private.cleanup_expired_data() as counts"));
    helpers.logger.info("expired data cleaned up", { counts: rows[0]?.counts });
  };
}
