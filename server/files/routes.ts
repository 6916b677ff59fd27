// The file routes: PUT /files/<id> receives the bytes of a requested upload, GET (and HEAD) /files/<id> serves a ready
// file, each only through a URL signed for that method and file (server/files/signing.ts, handed out as File.uploadUrl
// and File.downloadUrl). What a file's state allows is asked of SQL on the owner's pool (db/functions/files). No file
// content passes through GraphQL, and nothing here ever lists a directory.
import { createHash, randomUUID } from "node:crypto";
import { readFile, writeFile } from "node:fs/promises";
import type { IncomingMessage, ServerResponse } from "node:http";
import { pipeline } from "node:stream/promises";
import { Transform } from "node:stream";
import { fileTypeFromBuffer } from "file-type";
import type pg from "pg";
import type { FilesConfig } from "../../lib/config.ts";
import type { Logger } from "../../lib/log.ts";
import { isConnectionError, sendError, UNAVAILABLE } from "../errors.ts";
import { RETRY_AFTER_SECONDS } from "../limits.ts";
import { type MalwareScanner, ScannerUnavailableError } from "./malware.ts";
import { MalformedImageError, withoutLocationMetadata } from "./metadata.ts";
import { FILES_PATH, type FileMethod, verifyFileSignature } from "./signing.ts";
import type { FileStorage } from "../../lib/storage.ts";

const FILE_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** A refusal of the request, answered with its status and code (db/ERROR_CODES.md). */
class Refusal extends Error {
  readonly status: number;
  readonly code: string;
  constructor(status: number, code: string, message: string) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

interface UploadTarget {
  purpose: string;
  content_type: string;
  byte_size: string;
  sha256: string;
  storage_key: string;
}

interface DownloadTarget {
  content_type: string;
  stored_bytes: string;
  stored_sha256: string;
  storage_key: string;
}

export function isFilePath(path: string): boolean {
  return path.startsWith(FILES_PATH);
}

export function makeFileRoutes(deps: {
  ownerPool: pg.Pool;
  storage: FileStorage;
  config: FilesConfig;
  /** None: uploads are not scanned (the server logs that once at start). */
  scanner: MalwareScanner | undefined;
  log: Logger;
}) {
  const { ownerPool, storage, config, scanner, log } = deps;

  function checkSignature(method: FileMethod, fileId: string, query: URLSearchParams): void {
    const verdict = verifyFileSignature(config.signingKey, method, fileId, query);
    if (verdict === "invalid") throw new Refusal(403, "BADTK", "This file URL is not valid");
    if (verdict === "expired") throw new Refusal(403, "EXPRD", "This file URL has expired; ask for a new one");
  }

  /**
   * Streams the body to a scratch file, counting and hashing it, and refuses it as soon as it is longer than
   * declared. Then checks length, SHA-256 and the real content type, removes location metadata from photos, and in
   * one transaction marks the file ready (a conditional update: of two uploads of one URL, one wins) and moves the
   * bytes under the file's key; the loser's bytes are discarded, never moved.
   */
  async function upload(req: IncomingMessage, res: ServerResponse, fileId: string): Promise<void> {
    const { rows } = await ownerPool.query<UploadTarget>("select * from app_private.file_upload_target($1)", [fileId]);
    const target = rows[0];
    if (!target) {
      throw new Refusal(
        409,
        "BADST",
        "This file cannot be uploaded now: it was uploaded already or its upload time is over"
      );
    }
    const declared = Number(target.byte_size);
    const length = req.headers["content-length"];
    if (length !== undefined && Number(length) > declared) {
      throw new Refusal(413, "LIMIT", `The body is longer than the byteSize declared (${declared} bytes)`);
    }
    const scratch = await storage.createUpload();
    let committed = false;
    try {
      const hash = createHash("sha256");
      let received = 0;
      const meter = new Transform({
        transform(chunk: Buffer, _encoding, callback) {
          received += chunk.length;
          if (received > declared) {
            callback(new Refusal(413, "LIMIT", `The body is longer than the byteSize declared (${declared} bytes)`));
            return;
          }
          hash.update(chunk);
          callback(null, chunk);
        },
      });
      await pipeline(req, meter, scratch.stream);
      if (received !== declared) {
        throw new Refusal(400, "INVAL", `byte_size: ${declared} bytes were declared and ${received} received`);
      }
      if (hash.digest("hex") !== target.sha256) {
        throw new Refusal(400, "INVAL", "sha256 does not match the bytes received");
      }
      const bytes = await readFile(scratch.path);
      const detected = (await fileTypeFromBuffer(bytes))?.mime;
      if (detected !== target.content_type) {
        throw new Refusal(
          400,
          "INVAL",
          `content_type: the bytes are ${detected ?? "of no accepted type"}, not ${target.content_type}`
        );
      }
      let stored: Buffer;
      try {
        stored = withoutLocationMetadata(target.content_type, bytes);
      } catch (error) {
        if (error instanceof MalformedImageError) throw new Refusal(400, "INVAL", `content_type: ${error.message}`);
        throw error;
      }
      if (scanner) await scan(fileId, stored);
      if (stored !== bytes) await writeFile(scratch.path, stored);
      const storedSha256 = createHash("sha256").update(stored).digest("hex");
      const client = await ownerPool.connect();
      try {
        await client.query("begin");
        const { rows: done } = await client.query<{ completed: boolean }>(
          "select app_private.complete_file_upload($1, $2, $3) as completed",
          [fileId, storedSha256, stored.length]
        );
        if (!done[0]!.completed) {
          await client.query("rollback");
          throw new Refusal(
            409,
            "BADST",
            "This file cannot be uploaded now: it was uploaded already or its upload time is over"
          );
        }
        await scratch.commit(target.storage_key);
        committed = true;
        await client.query("commit");
      } catch (error) {
        if (!committed) await client.query("rollback").catch(() => {});
        throw error;
      } finally {
        client.release();
      }
      const body = JSON.stringify({ id: fileId, status: "ready", byteSize: stored.length, sha256: storedSha256 });
      res.writeHead(200, { "content-type": "application/json; charset=utf-8" });
      res.end(body);
    } finally {
      if (!committed) await scratch.discard();
    }
  }

  /** Rejects the file for good when the scan finds malware; a scanner that cannot answer leaves it pending (503). */
  async function scan(fileId: string, bytes: Buffer): Promise<void> {
    let verdict: Awaited<ReturnType<MalwareScanner["scan"]>>;
    try {
      verdict = await scanner!.scan(bytes);
    } catch (error) {
      if (!(error instanceof ScannerUnavailableError)) throw error;
      log.error({ err: error, fileId }, "malware scan unavailable");
      throw new Refusal(503, UNAVAILABLE.code, "The malware scan is unavailable; send the file again shortly");
    }
    if (verdict.clean) return;
    log.warn({ fileId, signature: verdict.signature }, "upload rejected: malware");
    await ownerPool.query("select app_private.reject_file_upload($1, $2)", [fileId, `malware: ${verdict.signature}`]);
    throw new Refusal(422, "MALWR", "The file contains malware and was rejected");
  }

  async function download(req: IncomingMessage, res: ServerResponse, fileId: string): Promise<void> {
    const { rows } = await ownerPool.query<DownloadTarget>("select * from app_private.file_download_target($1)", [
      fileId,
    ]);
    const target = rows[0];
    if (!target) throw new Refusal(404, "NTFND", "The file does not exist or is not ready");
    res.writeHead(200, {
      "content-type": target.content_type,
      "content-length": target.stored_bytes,
      etag: `"${target.stored_sha256}"`,
      // Signed URLs are personal and short-lived: no shared cache keeps them; the type is the verified one.
      "cache-control": "private, max-age=300",
      "x-content-type-options": "nosniff",
      "content-security-policy": "default-src 'none'; sandbox",
      "content-disposition": target.content_type === "application/pdf" ? "attachment" : "inline",
    });
    if (req.method === "HEAD") {
      res.end();
      return;
    }
    await pipeline(storage.read(target.storage_key), res);
  }

  return async (req: IncomingMessage, res: ServerResponse, reqId: string): Promise<void> => {
    const url = new URL(req.url ?? "/", "http://localhost");
    const fileId = url.pathname.slice(FILES_PATH.length);
    try {
      if (!FILE_ID.test(fileId)) throw new Refusal(404, "NTFND", "The file does not exist or is not ready");
      if (req.method === "PUT") {
        checkSignature("PUT", fileId, url.searchParams);
        await upload(req, res, fileId);
      } else if (req.method === "GET" || req.method === "HEAD") {
        checkSignature("GET", fileId, url.searchParams);
        await download(req, res, fileId);
      } else {
        res.setHeader("allow", "GET, HEAD, PUT");
        throw new Refusal(405, "QUERY", "Files are uploaded with PUT and downloaded with GET");
      }
    } catch (error) {
      if (res.headersSent) {
        log.error({ reqId, err: error }, "file transfer failed midway");
        res.destroy();
        return;
      }
      if (error instanceof Refusal) {
        if (error.status === 503) res.setHeader("retry-after", String(RETRY_AFTER_SECONDS));
        // A refused upload may still be sending: answer, then close the connection rather than read the rest.
        if (req.method === "PUT" && !req.complete) res.setHeader("connection", "close");
        sendError(res, error.status, error.message, error.code);
        return;
      }
      if (error instanceof Error && isConnectionError(error)) {
        log.error({ reqId, err: error }, "file request failed: database unreachable");
        res.setHeader("retry-after", String(RETRY_AFTER_SECONDS));
        sendError(res, 503, UNAVAILABLE.message, UNAVAILABLE.code);
        return;
      }
      // As GraphQL's masked errors: a reference to find the log line, nothing of the cause.
      const errorId = randomUUID();
      log.error({ reqId, errorId, err: error }, "file request failed");
      res.writeHead(500, { "content-type": "application/json; charset=utf-8" });
      res.end(
        JSON.stringify({
          errors: [{ message: `An unexpected error occurred (reference ${errorId})`, extensions: { errorId } }],
        })
      );
    }
  };
}
