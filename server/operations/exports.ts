// Downloads of data exports: GET /exports/<id> with the bearer token of the admin who asked for the export
// (docs/operations.md, Exports). Who may download is asked of SQL in the caller's own role and session
// (app_hidden.downloadable_export: the data_exports policy shows an export only to whoever asked for it) and only
// while it is completed and not expired; the file is streamed from EXPORT_DIR, never cached.
import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import type { IncomingMessage, ServerResponse } from "node:http";
import { pipeline } from "node:stream/promises";
import type pg from "pg";
import type { Logger } from "../../lib/log.ts";
import { EXPORT_KEY, pathOf } from "../../lib/operations/files.ts";
import { identityOf } from "../auth.ts";
import { sendError, sendRouteFailure } from "../errors.ts";
import { RETRY_AFTER_SECONDS } from "../limits.ts";

export const EXPORTS_PATH = "/exports/";
const EXPORT_PATH = /^\/exports\/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/;

export const isExportPath = (path: string) => path.startsWith(EXPORTS_PATH);

const CONTENT_TYPES = { csv: "text/csv; charset=utf-8", json: "application/json; charset=utf-8" } as const;

export function makeExportRoute(deps: { authPool: pg.Pool; statementTimeout: string; exportDir: string; log: Logger }) {
  const { authPool, statementTimeout, exportDir, log } = deps;

  async function fileFor(
    req: IncomingMessage,
    id: string
  ): Promise<{ storage_key: string; format: "csv" | "json" } | undefined> {
    const identity = identityOf(req)!;
    const client = await authPool.connect();
    try {
      await client.query("begin");
      await client.query(
        "select set_config('role', $1, true), set_config('jwt.claims.session_id', $2, true), set_config('statement_timeout', $3, true)",
        [identity.role, identity.sessionId, statementTimeout]
      );
      const { rows } = await client.query<{ storage_key: string; format: "csv" | "json" }>(
        "select storage_key, format from app_hidden.downloadable_export($1)",
        [id]
      );
      await client.query("commit");
      return rows[0];
    } catch (error) {
      await client.query("rollback").catch(() => {});
      throw error;
    } finally {
      client.release();
    }
  }

  return async (req: IncomingMessage, res: ServerResponse, path: string, reqId: string): Promise<void> => {
    try {
      if (req.method !== "GET") {
        res.setHeader("allow", "GET");
        sendError(res, 405, "An export is downloaded with GET", "QUERY");
        return;
      }
      if (!identityOf(req)) {
        sendError(res, 401, "Sign in as the admin who asked for the export", "LOGIN");
        return;
      }
      const id = EXPORT_PATH.exec(path)?.[1];
      const file = id ? await fileFor(req, id) : undefined;
      if (!id || !file) {
        sendError(res, 404, "No completed export of yours has this id", "NTFND");
        return;
      }
      const filePath = pathOf(exportDir, file.storage_key, EXPORT_KEY);
      const { size } = await stat(filePath);
      res.writeHead(200, {
        "content-type": CONTENT_TYPES[file.format],
        "content-length": String(size),
        "content-disposition": `attachment; filename="export-${id}.${file.format}"`,
        "cache-control": "no-store",
        "x-content-type-options": "nosniff",
      });
      await pipeline(createReadStream(filePath), res);
    } catch (error) {
      sendRouteFailure(res, log, reqId, error, "export download", RETRY_AFTER_SECONDS);
    }
  };
}
