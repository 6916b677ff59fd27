// Writes the data export request_data_export recorded (docs/operations.md, Exports): its rows
// (app_private.data_export_rows) are read through a cursor, FETCH_SIZE at a time, and streamed into a file under
// EXPORT_DIR as CSV or JSON, never held whole in memory; the file is renamed into place once complete, then its size,
// row count and SHA-256 are recorded. A failure is recorded on the row (and logged).
import { createHash } from "node:crypto";
import { createWriteStream } from "node:fs";
import { rename, rm } from "node:fs/promises";
import { once } from "node:events";
import type { Task } from "graphile-worker";
import { assertIdPayload } from "../payload.ts";
import { ensureParent, EXPORT_KEY, pathOf, storageKey, tempPathOf } from "../../lib/operations/files.ts";
import type { TaskDeps } from "./index.ts";

/** Rows per FETCH: a few hundred kilobytes of memory at most, whatever the export's size. */
const FETCH_SIZE = 1000;

interface ExportJob {
  id: string;
  export_type: string;
  format: "csv" | "json";
  from_time: string;
  to_time: string;
  created_at: string;
}

/**
 * One CSV field (RFC 4180): quoted when it holds a comma, quote or line break. A text that a spreadsheet would run as
 * a formula (starting with = + - @, a tab or a carriage return) gets a leading apostrophe: exports hold what users
 * typed, and an admin opens them in a spreadsheet.
 */
export function csvField(value: unknown): string {
  if (value === null || value === undefined) return "";
  let text = typeof value === "object" ? JSON.stringify(value) : String(value);
  if (typeof value === "string" && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** `fetchSize` is for tests, which prove the streaming over a few fetches of a few rows. */
export function makeExportsCreateTask(deps: Pick<TaskDeps, "operations">, fetchSize = FETCH_SIZE): Task {
  const { exportDir } = deps.operations;
  return async (payload, helpers) => {
    const { id } = assertIdPayload("exports__create", payload);
    const { rows } = await helpers.withPgClient((client) =>
      client.query<{ job: ExportJob | null }>("select app_private.begin_data_export($1) as job", [id])
    );
    const job = rows[0]?.job;
    if (!job) return;
    const key = storageKey(id, new Date(job.created_at), job.format);
    const path = pathOf(exportDir, key, EXPORT_KEY);
    const partial = tempPathOf(path);
    try {
      await ensureParent(path);
      const file = createWriteStream(partial, { mode: 0o600 });
      const hash = createHash("sha256");
      let bytes = 0;
      const write = async (text: string) => {
        const chunk = Buffer.from(text, "utf8");
        hash.update(chunk);
        bytes += chunk.length;
        if (!file.write(chunk)) await once(file, "drain");
      };
      let count = 0;
      await helpers.withPgClient(async (client) => {
        await client.query("begin isolation level repeatable read read only");
        try {
          // DECLARE takes no bind parameters: the values are the row's own (an enum and two timestamps), quoted.
          await client.query(
            `declare export_rows no scroll cursor for select r from app_private.data_export_rows(${client.escapeLiteral(
              job.export_type
            )}, ${client.escapeLiteral(job.from_time)}, ${client.escapeLiteral(job.to_time)}) r`
          );
          let columns: string[] | null = null;
          if (job.format === "json") await write("[");
          for (;;) {
            const batch = await client.query<{ r: Record<string, unknown> }>(`fetch ${fetchSize} from export_rows`);
            for (const { r } of batch.rows) {
              if (job.format === "json") {
                await write(`${count === 0 ? "\n" : ",\n"}${JSON.stringify(r)}`);
              } else {
                if (columns === null) {
                  columns = Object.keys(r);
                  await write(`${columns.map(csvField).join(",")}\r\n`);
                }
                await write(`${columns.map((c) => csvField(r[c])).join(",")}\r\n`);
              }
              count += 1;
            }
            if (batch.rows.length < fetchSize) break;
          }
          if (job.format === "json") await write(count === 0 ? "]\n" : "\n]\n");
          await client.query("commit");
        } catch (error) {
          await client.query("rollback").catch(() => {});
          throw error;
        }
      });
      file.end();
      await once(file, "close");
      await rename(partial, path);
      await helpers.withPgClient((client) =>
        client.query("select app_private.complete_data_export($1, $2, $3, $4, $5)", [
          id,
          key,
          bytes,
          count,
          hash.digest("hex"),
        ])
      );
      helpers.logger.info("data export written", { id, key, rows: count, bytes });
    } catch (error) {
      await rm(partial, { force: true });
      const message = error instanceof Error ? error.message : String(error);
      await helpers.withPgClient((client) =>
        client.query("select app_private.fail_data_export($1, $2)", [id, message])
      );
      helpers.logger.error("data export failed", { id, error: message });
    }
  };
}
