// The file routes of the local driver: PUT /files/<id> receives the bytes of a requested upload, GET (and HEAD)
// /files/<id> serves a ready file, each only through a URL signed for that method and file (lib/files/signing.ts,
// handed out as File.uploadUrl and File.downloadUrl by the local driver, lib/storage.ts). The bytes go through the
// upload pipeline shared with the S3 driver's job (lib/files/pipeline.ts). What a file's state allows is asked of
// SQL on the owner's pool (db/functions/files). No file content passes through GraphQL, and nothing here ever lists
// a directory.
import { randomUUID } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { pipeline } from "node:stream/promises";
import type pg from "pg";
import type { FilesConfig } from "../../lib/config.ts";
import type { Logger } from "../../lib/log.ts";
import { type MalwareScanner, ScannerUnavailableError } from "../../lib/files/malware.ts";
import { checkAndStoreUpload, UploadNotOpenError, UploadRefusedError } from "../../lib/files/pipeline.ts";
import { FILES_PATH, type FileMethod, verifyFileSignature } from "../../lib/files/signing.ts";
import { contentDispositionOf, type FileStorage } from "../../lib/storage.ts";
import { isConnectionError, sendError, UNAVAILABLE } from "../errors.ts";
import { RETRY_AFTER_SECONDS } from "../limits.ts";

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

const NOT_OPEN = "This file cannot be uploaded now: it was uploaded already or its upload time is over";

interface UploadTargetRow {
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
  const pipelineDeps = {
    storage,
    scanner,
    // A connection only for the completion's transaction, never while a body is arriving.
    async withClient<T>(callback: (client: pg.ClientBase) => Promise<T>): Promise<T> {
      const client = await ownerPool.connect();
      try {
        return await callback(client);
      } finally {
        client.release();
      }
    },
  };

  function checkSignature(method: FileMethod, fileId: string, query: URLSearchParams): void {
    const verdict = verifyFileSignature(config.signingKey, method, fileId, query);
    if (verdict === "invalid") throw new Refusal(403, "BADTK", "This file URL is not valid");
    if (verdict === "expired") throw new Refusal(403, "EXPRD", "This file URL has expired; ask for a new one");
  }

  /**
   * Runs the body through the upload pipeline (lib/files/pipeline.ts). A refusal leaves the file pending, so the
   * client may send the right bytes again, except malware, which rejects it for good; of two uploads of one URL one
   * completes and the other gets BADST.
   */
  async function upload(req: IncomingMessage, res: ServerResponse, fileId: string): Promise<void> {
    const { rows } = await ownerPool.query<UploadTargetRow>("select * from app_private.file_upload_target($1)", [
      fileId,
    ]);
    const target = rows[0];
    if (!target) throw new Refusal(409, "BADST", NOT_OPEN);
    const length = req.headers["content-length"];
    try {
      const stored = await checkAndStoreUpload(
        pipelineDeps,
        {
          id: fileId,
          contentType: target.content_type,
          byteSize: Number(target.byte_size),
          sha256: target.sha256,
          storageKey: target.storage_key,
        },
        { size: length === undefined ? undefined : Number(length), open: async () => req },
        { finalRefusals: false }
      );
      const body = JSON.stringify({ id: fileId, status: "ready", byteSize: stored.byteSize, sha256: stored.sha256 });
      res.writeHead(200, { "content-type": "application/json; charset=utf-8" });
      res.end(body);
    } catch (error) {
      if (error instanceof UploadRefusedError) {
        if (error.code === "malware") {
          log.warn({ fileId, reason: error.message }, "upload rejected: malware");
          throw new Refusal(422, "MALWR", "The file contains malware and was rejected");
        }
        throw error.tooLong ? new Refusal(413, "LIMIT", error.message) : new Refusal(400, "INVAL", error.message);
      }
      if (error instanceof UploadNotOpenError) throw new Refusal(409, "BADST", NOT_OPEN);
      if (error instanceof ScannerUnavailableError) {
        log.error({ err: error, fileId }, "malware scan unavailable");
        throw new Refusal(503, UNAVAILABLE.code, "The malware scan is unavailable; send the file again shortly");
      }
      throw error;
    }
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
      "content-disposition": contentDispositionOf(target.content_type),
    });
    if (req.method === "HEAD") {
      res.end();
      return;
    }
    await pipeline(await storage.read(target.storage_key), res);
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
