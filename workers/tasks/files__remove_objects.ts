// Enqueued whenever a file is deleted, for whatever reason (db/functions/files/file_objects__queue_removal.sql): drains
// app_private.file_removals in batches, removing each file's object under its storage key and any staged upload of
// it (S3: incoming/<file id>). One mechanism removes bytes; SQL never does. A batch's rows go only once its objects
// are removed (removing a missing object is fine), so a failed removal leaves them for the job's next try.
import type { Task } from "graphile-worker";
import type { TaskDeps } from "./index.ts";

const BATCH = 100;
/** Removals in flight at once within a batch. */
const PARALLEL = 8;

export function makeFilesRemoveObjectsTask(deps: Pick<TaskDeps, "storage">): Task {
  const { storage } = deps;
  return async (_payload, helpers) => {
    let removed = 0;
    for (;;) {
      const taken = await helpers.withPgClient(async (client) => {
        await client.query("begin");
        try {
          const { rows } = await client.query<{ file_id: string; storage_key: string }>(
            "select * from app_private.take_file_removals($1)",
            [BATCH]
          );
          const keys = rows.flatMap((row) => [row.storage_key, storage.stagingKey(row.file_id)]);
          const queue = keys.filter((key): key is string => key !== null);
          await Promise.all(
            Array.from({ length: PARALLEL }, async () => {
              for (let key = queue.shift(); key !== undefined; key = queue.shift()) await storage.remove(key);
            })
          );
          await client.query("commit");
          return rows.length;
        } catch (error) {
          await client.query("rollback").catch(() => {});
          throw error;
        }
      });
      removed += taken;
      if (taken < BATCH) break;
    }
    if (removed > 0) helpers.logger.info("file objects removed", { files: removed });
  };
}
