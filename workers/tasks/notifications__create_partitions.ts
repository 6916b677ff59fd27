// Daily (workers/crontab): the monthly partitions of the notifications table, notifications.partitions_ahead
// months ahead, so that notify never meets a month without one.
import type { Task } from "graphile-worker";

/** Needs nothing but the database. */
export function makeNotificationsCreatePartitionsTask(): Task {
  return async (_payload, helpers) => {
    const { rows } = await helpers.withPgClient((client) =>
      client.query<{ created: number }>("select app_private.create_notification_partitions() as created")
    );
    if (rows[0]!.created > 0) helpers.logger.info("notification partitions created", { created: rows[0]!.created });
  };
}
