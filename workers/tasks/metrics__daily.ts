// Daily at 00:30 UTC (workers/crontab): the daily_metrics rows of the day before (docs/operations.md, Metrics); a
// payload { "day": "YYYY-MM-DD" } recomputes another day. The numbers are computed in SQL
// (app_private.compute_daily_metrics), which upserts them.
import type { Task } from "graphile-worker";

/** The UTC day before `now`, as YYYY-MM-DD. */
export function yesterday(now = new Date()): string {
  return new Date(now.getTime() - 86_400_000).toISOString().slice(0, 10);
}

export function makeMetricsDailyTask(): Task {
  return async (payload, helpers) => {
    const given = (payload as { day?: unknown } | null)?.day;
    if (given !== undefined && (typeof given !== "string" || !/^\d{4}-\d{2}-\d{2}$/.test(given))) {
      throw new Error(`metrics__daily expects the payload {} or { day: "YYYY-MM-DD" }, got ${JSON.stringify(payload)}`);
    }
    const day = given ?? yesterday();
    const { rows } = await helpers.withPgClient((client) =>
      client.query<{ written: number }>("select app_private.compute_daily_metrics($1::date) as written", [day])
    );
    helpers.logger.info("daily metrics computed", { day, rows: rows[0]!.written });
  };
}
