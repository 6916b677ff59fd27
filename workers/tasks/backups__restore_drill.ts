// The restore drill (docs/operations.md, Restore drill), monthly (workers/crontab) and on demand
// (request_restore_drill): the newest completed backup, its SHA-256 checked, is restored with pg_restore into a
// scratch database created for it, every table's rows are counted there with the same function that counted them
// when the dump was taken (app_private.table_row_counts, restored with the dump), and the scratch database is dropped.
// The outcome, passed or failed with the tables that differ or the error, is a row of backup_restore_drills.
// Creating a database and the extensions a dump holds takes a superuser (ROOT_DATABASE_URL); without one the drill
// is recorded as failed, saying so.
import { randomBytes } from "node:crypto";
import { join } from "node:path";
import type { Task } from "graphile-worker";
import pg from "pg";
import { BACKUP_KEY, libpqTarget, pathOf, runProgram, sha256Of } from "../../lib/operations/files.ts";
import type { TaskDeps } from "./index.ts";

interface Drill {
  drill_id: string;
  backup_id: string;
  storage_key: string;
  sha256: string;
  row_counts: Record<string, number>;
}

interface Comparison {
  tablesCompared: number;
  rowsRestored: number;
  mismatches: Array<{ table: string; expected: number | null; restored: number | null }>;
}

/** Tables whose counts differ, a table missing on either side included. */
export function compareRowCounts(expected: Record<string, number>, restored: Record<string, number>): Comparison {
  const tables = [...new Set([...Object.keys(expected), ...Object.keys(restored)])].sort();
  const mismatches = tables
    .filter((table) => expected[table] !== restored[table])
    .map((table) => ({ table, expected: expected[table] ?? null, restored: restored[table] ?? null }));
  const rowsRestored = Object.values(restored).reduce((sum, n) => sum + Number(n), 0);
  return { tablesCompared: tables.length, rowsRestored, mismatches };
}

async function withRoot<T>(url: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

export function makeBackupsRestoreDrillTask(deps: Pick<TaskDeps, "operations">): Task {
  const { backupDir, pgBin, rootUrl } = deps.operations;
  return async (_payload, helpers) => {
    const { rows } = await helpers.withPgClient((client) =>
      client.query<{ drill: Drill | null }>("select app_private.begin_restore_drill() as drill")
    );
    const drill = rows[0]?.drill;
    if (!drill) {
      helpers.logger.warn("restore drill skipped: there is no completed backup");
      return;
    }
    const scratch = `p2p_restore_drill_${randomBytes(6).toString("hex")}`;
    let comparison: Comparison = { tablesCompared: 0, rowsRestored: 0, mismatches: [] };
    let failure: string | null = null;
    let created = false;
    try {
      if (!rootUrl) throw new Error("ROOT_DATABASE_URL is not set: the drill needs a role that may create databases");
      const path = pathOf(backupDir, drill.storage_key, BACKUP_KEY);
      const sha256 = await sha256Of(path);
      if (sha256 !== drill.sha256)
        throw new Error(`the backup file's SHA-256 is ${sha256}, not the recorded ${drill.sha256}`);
      await withRoot(rootUrl, (root) => root.query(`create database ${scratch} template template0`));
      created = true;
      const target = libpqTarget(rootUrl, scratch);
      await runProgram(
        join(pgBin, "pg_restore"),
        ["--exit-on-error", "--single-transaction", `--dbname=${target.url}`, path],
        target.env
      );
      const restored = await withRoot(
        withDatabase(rootUrl, scratch),
        async (client) =>
          (await client.query<{ counts: Record<string, number> }>("select app_private.table_row_counts() as counts"))
            .rows[0]!.counts
      );
      comparison = compareRowCounts(drill.row_counts, restored);
    } catch (error) {
      failure = error instanceof Error ? error.message : String(error);
    } finally {
      if (created && rootUrl) {
        await withRoot(rootUrl, (root) => root.query(`drop database if exists ${scratch} with (force)`)).catch(
          (error) => {
            helpers.logger.error("restore drill: the scratch database could not be dropped", {
              scratch,
              error: String(error),
            });
          }
        );
      }
    }
    const { rows: finished } = await helpers.withPgClient((client) =>
      client.query<{ status: string }>("select app_private.finish_restore_drill($1, $2, $3, $4, $5) as status", [
        drill.drill_id,
        comparison.tablesCompared,
        comparison.rowsRestored,
        JSON.stringify(comparison.mismatches),
        failure,
      ])
    );
    const outcome = { drill: drill.drill_id, backup: drill.backup_id, ...comparison, error: failure };
    if (finished[0]?.status === "passed") helpers.logger.info("restore drill passed", outcome);
    else helpers.logger.error("restore drill failed", outcome);
  };
}

/** The root URL pointed at another database, password kept (for a connection of ours, never a command line). */
function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}
