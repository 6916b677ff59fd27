// Every 15 minutes (workers/crontab): queued notifications, digests and webhook deliveries whose sending job was lost
// with its worker get a job again (app_private.requeue_stranded_messages). Each call handles a batch of each kind in
// its own transaction; the task calls again until one finds none.
import type { Task } from "graphile-worker";

/** A backstop: 100 rounds of 1000 rows. */
const MAX_ROUNDS = 100;

/** Needs nothing but the database. */
export function makeNotificationsRequeueStrandedTask(): Task {
  return async (_payload, helpers) => {
    let total = 0;
    for (let round = 0; round < MAX_ROUNDS; round++) {
      const { rows } = await helpers.withPgClient((client) =>
        client.query<{ requeued: number }>("select app_private.requeue_stranded_messages() as requeued")
      );
      const requeued = rows[0]!.requeued;
      if (requeued === 0) break;
      total += requeued;
    }
    if (total > 0) helpers.logger.warn("stranded messages given a sending job again", { requeued: total });
  };
}
