// Shared by the database quality tests (test/db): databases that start empty rather than from the template (the
// migration tests must run the migrations themselves), and small query helpers for catalog inspection.
import { execFile } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import pg from "pg";
import { dropDatabase, ensureDatabase, withClient, withDatabase } from "../../scripts/db/setup.ts";
import { requireEnv } from "./database.ts";

/** Matches every schema of ours (app_public, app_hidden, app_private and any future app_*), as a LIKE pattern. */
export const APP_SCHEMAS_LIKE = "app\\_%";

export interface EmptyDatabase {
  name: string;
  /** app_owner, as `npm run db:migrate` connects. */
  ownerUrl: string;
  /** Superuser, inside this database. */
  rootUrl: string;
  drop(): Promise<void>;
}

/**
 * A database exactly as scripts/db/setup.ts makes one before the first migration: owned by app_owner, with the
 * extensions, nothing else. The p2p_test_ prefix lets test/setup/template.ts remove it if a run is interrupted.
 */
export async function createEmptyDatabase(): Promise<EmptyDatabase> {
  const rootUrl = requireEnv("ROOT_DATABASE_URL");
  const name = `p2p_test_${randomBytes(6).toString("hex")}`;
  await ensureDatabase(rootUrl, name);
  return {
    name,
    ownerUrl: withDatabase(requireEnv("DATABASE_URL"), name),
    rootUrl: withDatabase(rootUrl, name),
    drop: () => dropDatabase(rootUrl, name),
  };
}

export { withClient };

/** The first column of every row, as text: catalog queries here return one description per offending object. */
export async function column(client: pg.ClientBase, sql: string, params: unknown[] = []): Promise<string[]> {
  const { rows } = await client.query<[unknown]>({ text: sql, values: params, rowMode: "array" });
  return rows.map((row) => String(row[0]));
}

/** Runs fn inside `begin … rollback`, so that probes (deliberately broken objects) never outlive the check. */
export async function rolledBack<T>(client: pg.ClientBase, fn: () => Promise<T>): Promise<T> {
  await client.query("begin");
  try {
    return await fn();
  } finally {
    await client.query("rollback");
  }
}

/**
 * `diff -u` of two texts ("" when equal): dumps run to thousands of lines, and ava's own string diff prints all of
 * them, burying the one line that differs.
 */
export async function unifiedDiff(expected: string, actual: string, labels: [string, string]): Promise<string> {
  if (expected === actual) return "";
  const dir = await mkdtemp(join(tmpdir(), "p2p-diff-"));
  try {
    await writeFile(join(dir, "expected"), expected);
    await writeFile(join(dir, "actual"), actual);
    await promisify(execFile)("diff", ["-u", "--label", labels[0], "--label", labels[1],
      join(dir, "expected"), join(dir, "actual")], { maxBuffer: 64 * 1024 * 1024 });
    return "";
  } catch (error) {
    const { code, stdout } = error as { code?: unknown; stdout?: string };
    if (code === 1 && stdout) return stdout; // diff exits with 1 when the files differ
    throw error;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
