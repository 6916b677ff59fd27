// Daily (workers/crontab): the monthly partitions of location_tracking, the previous month to
// tracking.partitions_ahead months ahead, so that ingest never writes into the default partition (docs/tracking.md).
import type { Task } from "graphile-worker";

/** Needs nothing but the database. */
export function makeTrackingCreatePartitionsTask(): Task {
  return async (_payload, helpers) => {
    const { rows } = await helpers.withPgClient((client) =>
      client.query<{ created: number }>("select app_private.create_location_tracking_partitions() as created")
    );
    if (rows[0]!.created > 0) helpers.logger.info("location partitions created", { created: rows[0]!.created });
  };
}
