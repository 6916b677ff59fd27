// Enqueued by the retention step app_private.expire_operation_files (docs/operations.md, Retention): removes the files
// of backups and data exports that expired. The rows are already marked expired, so nothing serves these files any
// more; removing a file that is already gone is fine, so a retry is harmless.
import { rm } from "node:fs/promises";
import type { Task } from "graphile-worker";
import { BACKUP_KEY, EXPORT_KEY, pathOf } from "../../lib/operations/files.ts";
import type { TaskDeps } from "./index.ts";

function keysOf(payload: unknown, field: "backups" | "exports", shape: RegExp): string[] {
  const value = (payload as Record<string, unknown> | null)?.[field];
  if (!Array.isArray(value) || !value.every((key) => typeof key === "string" && shape.test(key))) {
    throw new Error(
      `operations__remove_files expects ${field}: an array of storage keys, got ${JSON.stringify(value)}`
    );
  }
  return value;
}

export function makeOperationsRemoveFilesTask(deps: Pick<TaskDeps, "operations">): Task {
  const { backupDir, exportDir } = deps.operations;
  return async (payload, helpers) => {
    const backups = keysOf(payload, "backups", BACKUP_KEY);
    const exports = keysOf(payload, "exports", EXPORT_KEY);
    for (const key of backups) await rm(pathOf(backupDir, key, BACKUP_KEY), { force: true });
    for (const key of exports) await rm(pathOf(exportDir, key, EXPORT_KEY), { force: true });
    helpers.logger.info("expired operation files removed", { backups: backups.length, exports: exports.length });
  };
}
