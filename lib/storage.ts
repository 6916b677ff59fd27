// Where file bytes live. The database names each file's storage key (app_private.file_objects); a driver maps keys
// to bytes. Local disk under FILES_DIR is the default, so `npm start` needs nothing.
import { createReadStream, createWriteStream, type ReadStream, type WriteStream } from "node:fs";
import { mkdir, readdir, rename, rm, stat } from "node:fs/promises";
import { dirname, join, resolve, sep } from "node:path";
import { randomUUID } from "node:crypto";

export interface FileStorage {
  /** A writable scratch file for an incoming upload; `commit` moves it under the key, `discard` removes it. */
  createUpload(): Promise<{
    stream: WriteStream;
    path: string;
    commit(key: string): Promise<void>;
    discard(): Promise<void>;
  }>;
  read(key: string): ReadStream;
  remove(key: string): Promise<void>;
  /** Removes scratch files of uploads begun more than olderThanMs ago (interrupted ones); returns how many. */
  sweepAbandonedUploads(olderThanMs: number): Promise<number>;
}

/** Keys are the database's (`<purpose>/<yyyy>/<mm>/<uuid>`); anything else is refused, never resolved. */
const KEY = /^[a-z_]+\/\d{4}\/\d{2}\/[0-9a-f-]{36}$/;

export class LocalDiskStorage implements FileStorage {
  readonly #root: string;

  constructor(root: string) {
    this.#root = resolve(root);
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

  async createUpload() {
    await mkdir(this.#scratch, { recursive: true });
    const path = join(this.#scratch, randomUUID());
    const stream = createWriteStream(path, { flags: "wx", mode: 0o600 });
    return {
      stream,
      path,
      commit: async (key: string) => {
        const target = this.#pathOf(key);
        await mkdir(dirname(target), { recursive: true });
        await rename(path, target);
      },
      discard: () => rm(path, { force: true }),
    };
  }

  read(key: string): ReadStream {
    return createReadStream(this.#pathOf(key));
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
