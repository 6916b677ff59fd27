// The one pipeline every upload's bytes go through before a file is ready, whichever way they came: the server's
// upload route (local driver: the PUT body) and the files__process_upload job (S3 driver: the object the client put
// in the bucket). In order: exactly byteSize bytes (refused as soon as more arrive, or before reading any when the
// size is known ahead), the declared SHA-256, the real type from the bytes' own signature (`file-type`), location
// metadata removed from photos (lib/files/metadata.ts), the malware scan when configured (lib/files/malware.ts),
// then the conditional completion: one transaction marks the file ready (of two completions one wins) and writes the
// bytes to keep under its storage key. A refusal writes nothing; malware, or any refusal when the caller says its
// refusals are final, rejects the file for good (rejected_code, rejected_reason).
import { createHash } from "node:crypto";
import { type Readable, Writable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { fileTypeFromBuffer } from "file-type";
import type pg from "pg";
import type { FileStorage } from "../storage.ts";
import type { MalwareScanner } from "./malware.ts";
import { MalformedImageError, withoutLocationMetadata } from "./metadata.ts";

/** app_public.file_rejection: why bytes were refused (the column rejected_code of a rejected file). */
export type RejectionCode = "missing" | "size" | "sha256" | "content_type" | "malware";

/** The bytes do not match what was declared, or carry malware. `tooLong`: more bytes than declared. */
export class UploadRefusedError extends Error {
  readonly code: RejectionCode;
  readonly tooLong: boolean;
  constructor(code: RejectionCode, message: string, tooLong = false) {
    super(message);
    this.code = code;
    this.tooLong = tooLong;
  }
}

/** The file could not be completed: it is no longer pending or uploaded (a replay, expired, or deleted meanwhile). */
export class UploadNotOpenError extends Error {}

/** What the database declares of the file (app_private.file_upload_target, file_process_target). */
export interface UploadTarget {
  id: string;
  contentType: string;
  byteSize: number;
  sha256: string;
  storageKey: string;
}

/** Where the bytes come from: their size when known before reading (a Content-Length, an object's HEAD), and them. */
export interface UploadSource {
  size: number | undefined;
  open(): Promise<Readable>;
}

export interface PipelineDeps {
  /** A database connection for the completion's transaction (the owner's pool, or graphile-worker's client). */
  withClient<T>(callback: (client: pg.ClientBase) => Promise<T>): Promise<T>;
  storage: FileStorage;
  /** None: not scanned (CLAMAV_URL unset). A scanner that cannot answer throws ScannerUnavailableError. */
  scanner: MalwareScanner | undefined;
}

export const sizeRefusal = (declared: number, received: number): UploadRefusedError =>
  received > declared
    ? new UploadRefusedError("size", `byte_size: the body is longer than the ${declared} bytes declared`, true)
    : new UploadRefusedError("size", `byte_size: ${declared} bytes were declared and ${received} received`);

/** Rejects a pending or uploaded file for good with the refusal's code and message; false when it is neither. */
export async function rejectUpload(
  client: pg.ClientBase,
  fileId: string,
  refusal: UploadRefusedError
): Promise<boolean> {
  const { rows } = await client.query<{ rejected: boolean }>(
    "select app_private.reject_file_upload($1, $2, $3) as rejected",
    [fileId, refusal.code, refusal.message]
  );
  return rows[0]!.rejected;
}

/** Reads the whole source into memory, refusing it as soon as it passes `limit` bytes, and hashes it on the way. */
async function readAtMost(source: Readable, limit: number): Promise<{ bytes: Buffer; sha256: string }> {
  const hash = createHash("sha256");
  const chunks: Buffer[] = [];
  let received = 0;
  const sink = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      received += chunk.length;
      if (received > limit) {
        callback(sizeRefusal(limit, received));
        return;
      }
      hash.update(chunk);
      chunks.push(chunk);
      callback();
    },
  });
  await pipeline(source, sink);
  return { bytes: Buffer.concat(chunks, received), sha256: hash.digest("hex") };
}

/**
 * Checks the bytes of an upload and completes it; returns the size and SHA-256 of the bytes stored (they differ from
 * the declared ones when metadata was removed). Throws UploadRefusedError (nothing stored; the file rejected when
 * `finalRefusals` or malware), UploadNotOpenError (nothing stored), ScannerUnavailableError (nothing stored, the file
 * unchanged: try again later), or whatever the storage or the database threw.
 */
export async function checkAndStoreUpload(
  deps: PipelineDeps,
  target: UploadTarget,
  source: UploadSource | null,
  options: { finalRefusals: boolean }
): Promise<{ byteSize: number; sha256: string }> {
  try {
    return await checkAndStore(deps, target, source);
  } catch (error) {
    if (error instanceof UploadRefusedError && (options.finalRefusals || error.code === "malware")) {
      await deps.withClient((client) => rejectUpload(client, target.id, error));
    }
    throw error;
  }
}

async function checkAndStore(
  deps: PipelineDeps,
  target: UploadTarget,
  source: UploadSource | null
): Promise<{ byteSize: number; sha256: string }> {
  if (!source) {
    throw new UploadRefusedError("missing", "file_id: no bytes were uploaded to the uploadUrl before completeUpload");
  }
  if (source.size !== undefined && source.size !== target.byteSize) throw sizeRefusal(target.byteSize, source.size);
  const { bytes, sha256 } = await readAtMost(await source.open(), target.byteSize);
  if (bytes.length !== target.byteSize) throw sizeRefusal(target.byteSize, bytes.length);
  if (sha256 !== target.sha256) throw new UploadRefusedError("sha256", "sha256 does not match the bytes received");
  const detected = (await fileTypeFromBuffer(bytes))?.mime;
  if (detected !== target.contentType) {
    throw new UploadRefusedError(
      "content_type",
      `content_type: the bytes are ${detected ?? "of no accepted type"}, not ${target.contentType}`
    );
  }
  let stored: Buffer;
  try {
    stored = withoutLocationMetadata(target.contentType, bytes);
  } catch (error) {
    if (error instanceof MalformedImageError)
      throw new UploadRefusedError("content_type", `content_type: ${error.message}`);
    throw error;
  }
  if (deps.scanner) {
    const verdict = await deps.scanner.scan(stored);
    if (!verdict.clean) throw new UploadRefusedError("malware", `malware: ${verdict.signature}`);
  }
  const storedSha256 = stored === bytes ? sha256 : createHash("sha256").update(stored).digest("hex");
  await deps.withClient(async (client) => {
    await client.query("begin");
    try {
      const { rows } = await client.query<{ completed: boolean }>(
        "select app_private.complete_file_upload($1, $2, $3) as completed",
        [target.id, storedSha256, stored.length]
      );
      if (!rows[0]!.completed) throw new UploadNotOpenError("The file is no longer waiting for its bytes");
      // Inside the transaction: should the write fail, the file is not ready; should the commit fail, the bytes are
      // under a key no ready file names, and the file's removal (app_private.file_removals) takes them with it.
      await deps.storage.write(target.storageKey, stored, target.contentType);
      await client.query("commit");
    } catch (error) {
      await client.query("rollback").catch(() => {});
      throw error;
    }
  });
  return { byteSize: stored.length, sha256: storedSha256 };
}
