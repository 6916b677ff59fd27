// Test databases: each test file clones its own database from the migrated template (built once per run by
// test/setup/template.ts), works in it as root or as the real API roles (actors.ts), and drops it at the end.
// `const db = useTestDatabase(test)` for files that need no HTTP; `useTestServer(test)` (server.ts) adds the server.
import { randomBytes } from "node:crypto";
import type { TestFn } from "ava";
import pg from "pg";
import { dropDatabase, withClient, withDatabase } from "../../scripts/db/setup.ts";

/** Set TEST_TEMPLATE_DATABASE to give concurrent test runs on one cluster a template each. */
export const TEMPLATE_DATABASE = process.env.TEST_TEMPLATE_DATABASE || "p2p_test_template";

export function requireEnv(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: run the tests with npm test`);
  return value;
}

export interface TestDatabase {
  name: string;
  /** app_owner (migrations, worker). */
  ownerUrl: string;
  /** app_authenticator (PostGraphile). */
  authUrl: string;
  /** Superuser, inside this database: the only role that may `set role` to any API role. */
  rootUrl: string;
  drop(): Promise<void>;
}

export async function createTestDatabase(): Promise<TestDatabase> {
  const rootUrl = requireEnv("ROOT_DATABASE_URL");
  const name = `p2p_test_${randomBytes(6).toString("hex")}`;
  await withClient(rootUrl, (root) => root.query(`create database ${name} template ${TEMPLATE_DATABASE} owner app_owner`));
  return {
    name,
    ownerUrl: withDatabase(requireEnv("DATABASE_URL"), name),
    authUrl: withDatabase(requireEnv("AUTH_DATABASE_URL"), name),
    rootUrl: withDatabase(rootUrl, name),
    drop: () => dropDatabase(rootUrl, name),
  };
}

/**
 * The usual setup of a test file that needs no HTTP server: a fresh clone of the template, created before the file's
 * tests and dropped after them. `const db = useTestDatabase(test)` at the top of the file; `db` stands for the real
 * database once its serial before hook has run, so the file's own setup goes in a later `test.before` or
 * `test.serial.before` (those start after it). A file that starts its own server on the database keeps
 * createTestDatabase, so that the server closes before the database is dropped.
 */
export function useTestDatabase(test: TestFn): TestDatabase {
  let db: TestDatabase | undefined;
  test.serial.before(async () => {
    db = await createTestDatabase();
  });
  test.after.always(async () => {
    await db?.drop();
  });
  return lateBound(() => db, "db");
}

/** An object that forwards to the value get() returns at the time of each use (what test.before creates later). */
export function lateBound<T extends object>(get: () => T | undefined, name: string): T {
  return new Proxy({} as T, {
    get(_target, key) {
      const target = get();
      if (!target) throw new Error(`${name} is used before test.before created it`);
      return Reflect.get(target, key);
    },
  });
}

/** Runs fn on a superuser connection to the test database (setup and assertions that must see everything). */
export function asRoot<T>(db: TestDatabase, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  return withClient(db.rootUrl, fn);
}

/** One statement as root (owner rights, RLS bypassed); returns its rows. */
export function queryAsRoot<T extends pg.QueryResultRow = Record<string, any>>(db: TestDatabase, sql: string,
                                                                               params: unknown[] = []): Promise<T[]> {
  return asRoot(db, async (c) => (await c.query<T>(sql, params)).rows);
}

/**
 * For RLS matrices: runs one statement inside a savepoint of the caller's transaction and returns its SQLSTATE, or
 * the number of rows it touched; a refusal ends only the savepoint, so the next statement can be probed.
 */
export async function outcome(c: pg.ClientBase, sql: string, params: unknown[] = []): Promise<string | number> {
  await c.query("savepoint probe");
  try {
    const result = await c.query(sql, params);
    await c.query("release savepoint probe");
    return result.rowCount ?? 0;
  } catch (error) {
    await c.query("rollback to savepoint probe");
    return (error as { code?: string }).code ?? "unknown";
  }
}

/**
 * Sets a tunable ('category.key') of system_configuration to a JSON value and returns the previous one, so a test can
 * put it back. The value still has to fit the key's data_type and validation (the trigger refuses it otherwise). It
 * changes the whole test database: tests that use it run serially.
 */
export async function setSetting(db: TestDatabase, setting: string, value: unknown): Promise<unknown> {
  const [category, key] = setting.split(".");
  const [row] = await queryAsRoot<{ previous: unknown }>(db, `
    update app_public.system_configuration c set value = $3::jsonb
      from app_public.system_configuration old
     where old.id = c.id and c.category = $1 and c.key = $2
    returning old.value as previous`, [category, key, JSON.stringify(value)]);
  if (!row) throw new Error(`unknown setting ${setting}`);
  return row.previous;
}
