// Takes the backup request_backup recorded (docs/operations.md, Backups): pg_dump in custom format of the whole
// database into BACKUP_DIR, from a snapshot this task exports and counts every table in, so that the row counts
// recorded with the backup are exactly the dump's and the restore drill can prove nothing was lost. Records size and
// SHA-256; a failure is recorded on the row (and logged), and a retry of a finished backup does nothing.
import { rename, rm, stat } from "node:fs/promises";
import { join } from "node:path";
import type { Task } from "graphile-worker";
import pg from "pg";
import { assertIdPayload } from "../payload.ts";
import {
  BACKUP_KEY,
  ensureParent,
  libpqTarget,
  pathOf,
  runProgram,
  sha256Of,
  storageKey,
  tempPathOf,
} from "../../lib/operations/files.ts";
import type { TaskDeps } from "./index.ts";

export function makeBackupsCreateTask(deps: Pick<TaskDeps, "operations">): Task {
  const { backupDir, pgBin, databaseUrl } = deps.operations;
  return async (payload, helpers) => {
    const { id } = assertIdPayload("backups__create", payload);
    const { rows } = await helpers.withPgClient((client) =>
      client.query<{ id: string | null; created_at: Date }>(
        "select id, created_at from app_private.backup_to_take($1)",
        [id]
      )
    );
    const backup = rows[0];
    if (!backup?.id) return;
    const key = storageKey(id, backup.created_at, "dump");
    const path = pathOf(backupDir, key, BACKUP_KEY);
    const partial = tempPathOf(path);
    // The snapshot's connection stays in its transaction until pg_dump has read everything through the snapshot.
    const snapshot = new pg.Client({ connectionString: databaseUrl });
    try {
      await ensureParent(path);
      await snapshot.connect();
      await snapshot.query("begin isolation level repeatable read read only");
      const [{ snapshot_id }] = (
        await snapshot.query<{ snapshot_id: string }>("select pg_export_snapshot() as snapshot_id")
      ).rows;
      const [{ counts }] = (
        await snapshot.query<{ counts: Record<string, number> }>("select app_private.table_row_counts() as counts")
      ).rows;
      const target = libpqTarget(databaseUrl);
      await runProgram(
        join(pgBin, "pg_dump"),
        ["--format=custom", `--snapshot=${snapshot_id}`, `--file=${partial}`, `--dbname=${target.url}`],
        target.env
      );
      await snapshot.query("commit");
      const [{ size }, sha256] = await Promise.all([stat(partial), sha256Of(partial)]);
      await rename(partial, path);
      await helpers.withPgClient((client) =>
        client.query("select app_private.complete_backup($1, $2, $3, $4, $5)", [id, key, size, sha256, counts])
      );
      helpers.logger.info("backup taken", { id, key, size, tables: Object.keys(counts).length });
    } catch (error) {
      await rm(partial, { force: true });
      const message = error instanceof Error ? error.message : String(error);
      await helpers.withPgClient((client) => client.query("select app_private.fail_backup($1, $2)", [id, message]));
      helpers.logger.error("backup failed", { id, error: message });
    } finally {
      await snapshot.end().catch(() => {});
    }
  };
}
