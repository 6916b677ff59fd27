// Where file bytes live. The database names each file's storage key (app_private.file_objects); a driver maps keys
// to bytes and hands out the URLs clients send and fetch them through. FILES_STORAGE picks it: local disk under
// FILES_DIR by default (so `npm start` needs nothing), whose URLs are the API server's signed /files/<id> routes; or
// an S3-compatible bucket (lib/storage_s3.ts), whose URLs are presigned and go straight to the bucket.
import { createReadStream } from "node:fs";
import { mkdir, readdir, rename, rm, stat, writeFile } from "node:fs/promises";
import { dirname, join, resolve, sep } from "node:path";
import { randomUUID } from "node:crypto";
import type { Readable } from "node:stream";
import type { FilesConfig } from "./config.ts";
import { signedFilePath } from "./files/signing.ts";
import { S3Storage } from "./storage_s3.ts";

/** What a driver needs to know of a pending file to hand out its upload URL. */
export interface PendingFile {
  id: string;
  contentType: string;
  byteSize: number;
}

/** What a driver needs to know of a ready file to hand out its download URL. */
export interface ReadyFile {
  id: string;
  storageKey: string;
  /** The verified content type: what the download is served as. */
  contentType: string;
}

export interface FileStorage {
  readonly driver: "local" | "s3";
  /**
   * Where the client PUTs the bytes of a pending file (exactly byteSize bytes, with Content-Type: contentType), valid
   * for FILES_URL_SECONDS: relative to the API's origin (local), or absolute (a presigned URL of the bucket).
   */
  uploadUrl(file: PendingFile): Promise<string>;
  /** Where a ready file is fetched from, valid for FILES_URL_SECONDS; served with its type and disposition. */
  downloadUrl(file: ReadyFile): Promise<string>;
  /**
   * The key a client's upload lands under before the files__process_upload job checks it (S3: `incoming/<file id>`);
   * null when uploads are checked as they arrive (local: the upload route).
   */
  stagingKey(fileId: string): string | null;
  /** The object's size, or null when there is none (no object is read). */
  head(key: string): Promise<{ size: number } | null>;
  read(key: string): Promise<Readable>;
  /** Writes the object whole (replacing any): readers never see part of it. */
  write(key: string, bytes: Buffer, contentType: string): Promise<void>;
  /** Removes the object; removing one that does not exist is fine. */
  remove(key: string): Promise<void>;
  /** Removes scratch files of uploads begun more than olderThanMs ago (interrupted ones); returns how many. */
  sweepAbandonedUploads(olderThanMs: number): Promise<number>;
}

/** How a download is presented: PDFs as attachments (never rendered in the API's origin), images inline. */
export function contentDispositionOf(contentType: string): "attachment" | "inline" {
  return contentType === "application/pdf" ? "attachment" : "inline";
}

/**
 * A file's storage key from its row, as request_upload writes it into app_private.file_objects
 * (`<purpose>/<yyyy>/<mm>/<file id>`, the UTC month of created_at): File.downloadUrl is made from the row a client
 * may read, which does not include app_private. test/files checks that both agree.
 */
export function storageKeyOf(file: { id: string; purpose: string; createdAt: string | Date }): string {
  const created = new Date(file.createdAt);
  if (Number.isNaN(created.getTime())) throw new Error(`Not a timestamp: ${String(file.createdAt)}`);
  const month = String(created.getUTCMonth() + 1).padStart(2, "0");
  return `${file.purpose}/${created.getUTCFullYear()}/${month}/${file.id}`;
}

/** Keys are the database's (`<purpose>/<yyyy>/<mm>/<uuid>`); anything else is refused, never resolved. */
const KEY = /^[a-z_]+\/\d{4}\/\d{2}\/[0-9a-f-]{36}$/;

export class LocalDiskStorage implements FileStorage {
  readonly driver = "local";
  readonly #root: string;
  readonly #urls: { signingKey: string; urlSeconds: number };

  constructor(root: string, urls: { signingKey: string; urlSeconds: number }) {
    this.#root = resolve(root);
    this.#urls = urls;
  }

  #pathOf(key: string): string {
    if (!KEY.test(key)) throw new Error(`Not a storage key: ${JSON.stringify(key)}`);
    const path = join(this.#root, key);
    if (!path.startsWith(this.#root + sep)) throw new Error(`Storage key outside the storage: ${key}`);
    return path;
  }

  get #scratch(): string {
    return join(this.#root, ".incoming");
  }

  async uploadUrl(file: PendingFile): Promise<string> {
    return signedFilePath(this.#urls.signingKey, "PUT", file.id, this.#urls.urlSeconds);
  }

  async downloadUrl(file: ReadyFile): Promise<string> {
    return signedFilePath(this.#urls.signingKey, "GET", file.id, this.#urls.urlSeconds);
  }

  stagingKey(_fileId: string): null {
    return null;
  }

  async head(key: string): Promise<{ size: number } | null> {
    const info = await stat(this.#pathOf(key)).catch(() => undefined);
    return info ? { size: info.size } : null;
  }

  async read(key: string): Promise<Readable> {
    return createReadStream(this.#pathOf(key));
  }

  /** Written to a scratch file first, then renamed under the key: a reader sees the whole file or none. */
  async write(key: string, bytes: Buffer, _contentType: string): Promise<void> {
    const target = this.#pathOf(key);
    await mkdir(this.#scratch, { recursive: true });
    const scratch = join(this.#scratch, randomUUID());
    try {
      await writeFile(scratch, bytes, { flag: "wx", mode: 0o600 });
      await mkdir(dirname(target), { recursive: true });
      await rename(scratch, target);
    } finally {
      await rm(scratch, { force: true });
    }
  }

  async remove(key: string): Promise<void> {
    await rm(this.#pathOf(key), { force: true });
  }

  async sweepAbandonedUploads(olderThanMs: number): Promise<number> {
    const names = await readdir(this.#scratch).catch(() => [] as string[]);
    let removed = 0;
    for (const name of names) {
      const path = join(this.#scratch, name);
      const info = await stat(path).catch(() => undefined);
      if (info && Date.now() - info.mtimeMs > olderThanMs) {
        await rm(path, { force: true });
        removed += 1;
      }
    }
    return removed;
  }
}

/** The driver FILES_STORAGE names, for the server and the worker alike. */
export function storageFromConfig(config: FilesConfig): FileStorage {
  return config.storage === "s3"
    ? new S3Storage(config.s3!, config.urlSeconds)
    : new LocalDiskStorage(config.dir, config);
}
