// Every 15 minutes (workers/crontab): requested uploads whose time passed are forgotten (their rows, in batches), and
// scratch files of uploads interrupted mid-transfer (a crashed or cut connection) are removed from the local storage.
// Deleting the rows queues their bytes (with S3, the objects a client put but never completed) for files__remove_objects,
// which the deletion enqueues: bytes are removed by that one task (db/functions/files/file_objects__queue_removal.sql).
import type { Task } from "graphile-worker";
import type { TaskDeps } from "./index.ts";

const BATCH = 500;
/** Longer than any upload can run (its URL expires within an hour): older scratch files are abandoned. */
const ABANDONED_AFTER_MS = 2 * 60 * 60 * 1000;

export function makeFilesExpireUploadsTask(deps: Pick<TaskDeps, "storage">): Task {
  return async (_payload, helpers) => {
    let expired = 0;
    for (;;) {
      const { rows } = await helpers.withPgClient((client) =>
        client.query<{ n: number }>("select app_private.expire_uploads($1) as n", [BATCH])
      );
      expired += rows[0]!.n;
      if (rows[0]!.n < BATCH) break;
    }
    const swept = await deps.storage.sweepAbandonedUploads(ABANDONED_AFTER_MS);
    if (expired > 0 || swept > 0) helpers.logger.info("uploads expired", { expired, swept });
  };
}
