// What the operations tasks and the export download route share (docs/operations.md): where backups and exports lie, writing a file whole (a temp
// name renamed into place, so a reader or a crash never sees half of one), its SHA-256, and running PostgreSQL's
// programs without putting a password on their command line.
import { spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import { mkdir } from "node:fs/promises";
import { dirname, join, resolve, sep } from "node:path";
import { pipeline } from "node:stream/promises";

/** Backups: <yyyy>/<mm>/<id>.dump; exports: <yyyy>/<mm>/<id>.<csv|json>, as the tables' CHECKs spell them. */
export const BACKUP_KEY = /^\d{4}\/\d{2}\/[0-9a-f-]{36}\.dump$/;
export const EXPORT_KEY = /^\d{4}\/\d{2}\/[0-9a-f-]{36}\.(csv|json)$/;

/** The storage key of a row created at `created` (its UTC month), with the given extension. */
export function storageKey(id: string, created: Date, extension: string): string {
  return `${created.getUTCFullYear()}/${String(created.getUTCMonth() + 1).padStart(2, "0")}/${id}.${extension}`;
}

/** The absolute path of a key under root; a key of any other shape is refused, never resolved. */
export function pathOf(root: string, key: string, shape: RegExp): string {
  if (!shape.test(key)) throw new Error(`Not a storage key: ${JSON.stringify(key)}`);
  const base = resolve(root);
  const path = resolve(base, key);
  if (!path.startsWith(base + sep)) throw new Error(`Not a storage key: ${JSON.stringify(key)}`);
  return path;
}

export async function ensureParent(path: string): Promise<void> {
  await mkdir(dirname(path), { recursive: true, mode: 0o700 });
}

export const tempPathOf = (path: string) => join(dirname(path), `.${Date.now()}-${process.pid}.partial`);

export async function sha256Of(path: string): Promise<string> {
  const hash = createHash("sha256");
  await pipeline(createReadStream(path), hash);
  return hash.digest("hex");
}

/**
 * A libpq connection split into what may show in `ps` (the URL without its password) and the environment that
 * carries the password.
 */
export function libpqTarget(url: string, database?: string): { url: string; env: NodeJS.ProcessEnv } {
  const parsed = new URL(url);
  const password = decodeURIComponent(parsed.password);
  parsed.password = "";
  if (database) parsed.pathname = `/${database}`;
  return { url: parsed.toString(), env: { ...process.env, PGPASSWORD: password } };
}

/** Runs one of PostgreSQL's programs; rejects with its stderr when it fails. */
export function runProgram(program: string, args: string[], env: NodeJS.ProcessEnv): Promise<void> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(program, args, { env, stdio: ["ignore", "ignore", "pipe"] });
    let stderr = "";
    child.stderr.on("data", (chunk: Buffer) => {
      if (stderr.length < 4000) stderr += chunk.toString("utf8");
    });
    child.on("error", reject);
    child.on("close", (code) => {
      if (code === 0) resolvePromise();
      else reject(new Error(`${program.split(sep).pop()} exited with ${code}: ${stderr.trim().slice(0, 1500)}`));
    });
  });
}
