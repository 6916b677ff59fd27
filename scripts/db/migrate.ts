// `npm run db:migrate`: worker schema → dbmate up → canonical functions and policies (one transaction) →
// db/schema.sql. See db/README.md for the model.
import { execFile } from "node:child_process";
import { readdir, readFile, writeFile } from "node:fs/promises";
import { join, relative } from "node:path";
import { promisify } from "node:util";
import { Logger, runMigrations } from "graphile-worker";
import pg from "pg";
import { readDatabaseConfig, readPgBin } from "../../lib/config.ts";

const run = promisify(execFile);
export const PROJECT_ROOT = join(import.meta.dirname, "..", "..");
export const DB_DIR = join(PROJECT_ROOT, "db");

/**
 * The shared trigger functions (db/functions/platform) are applied first, because `create trigger` needs its function
 * to exist; every other file may come in any order (bodies are not checked at creation), and the tests apply them in
 * reverse to prove it. Path order only makes runs repeatable.
 */
export const FIRST_DOMAIN = "platform";

async function sqlFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile() && e.name.endsWith(".sql"))
    .map((e) => join(e.parentPath, e.name))
    .sort((a, b) => {
      const rank = (p: string) => (relative(dir, p).startsWith(`${FIRST_DOMAIN}/`) ? 0 : 1);
      return rank(a) - rank(b) || a.localeCompare(b);
    });
}

/** The canonical layer in the order it is applied: db/functions, then db/policies. */
export async function canonicalFiles(): Promise<string[]> {
  return [...(await sqlFiles(join(DB_DIR, "functions"))), ...(await sqlFiles(join(DB_DIR, "policies")))];
}

/** Runs dbmate; the URL travels in the environment so that no password appears in errors or process lists. */
export async function dbmate(databaseUrl: string, ...args: string[]): Promise<string> {
  try {
    const { stdout } = await run(
      "dbmate",
      ["--migrations-dir", join(DB_DIR, "migrations"), "--no-dump-schema", ...args],
      { cwd: PROJECT_ROOT, env: { ...process.env, DATABASE_URL: databaseUrl } }
    );
    return stdout;
  } catch (error) {
    const { stdout = "", stderr = "" } = error as { stdout?: string; stderr?: string };
    throw new Error(`dbmate ${args.join(" ")} failed:\n${stdout}${stderr}`);
  }
}

/**
 * Re-applies every function and policy file in one transaction (`files`: the same files in another order, for the
 * test that proves order does not matter). Policies and API grants are dropped first so that one removed from its
 * file disappears; bodies are checked by plpgsql_check in tests rather than at creation, so files may reference each
 * other in any order.
 */
export async function applyCanonical(databaseUrl: string, files?: string[]): Promise<void> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query("begin");
    await client.query("set local check_function_bodies = off");
    await client.query(`
      do $$
      declare p record;
      begin
        for p in select policyname, schemaname, tablename from pg_policies where schemaname like 'app\\_%' loop
          execute format('drop policy %I on %I.%I', p.policyname, p.schemaname, p.tablename);
        end loop;
      end $$`);
    // Grants too are canonical: whatever no file grants any more must not survive in upgraded databases.
    await client.query(`
      do $$
      declare s name;
      begin
        for s in select nspname from pg_namespace where nspname like 'app\\_%' loop
          execute format('revoke all on all tables in schema %I from public, app_anonymous, app_user, app_authenticator', s);
          execute format('revoke all on all sequences in schema %I from public, app_anonymous, app_user, app_authenticator', s);
          execute format('revoke all on all functions in schema %I from public, app_anonymous, app_user, app_authenticator', s);
        end loop;
      end $$`);
    for (const file of files ?? (await canonicalFiles())) {
      try {
        await client.query(await readFile(file, "utf8"));
      } catch (error) {
        throw new Error(`${relative(PROJECT_ROOT, file)}: ${(error as Error).message}`, { cause: error });
      }
    }
    await client.query("commit");
  } catch (error) {
    await client.query("rollback").catch(() => {});
    throw error;
  } finally {
    await client.end();
  }
}

/** libpq's environment for a URL, so that client programs never carry the password on their command line. */
function libpqEnv(databaseUrl: string): NodeJS.ProcessEnv {
  const u = new URL(databaseUrl);
  return {
    ...process.env,
    PGHOST: u.hostname,
    PGPORT: u.port || "5432",
    PGUSER: decodeURIComponent(u.username),
    PGPASSWORD: decodeURIComponent(u.password),
    PGDATABASE: decodeURIComponent(u.pathname.slice(1)),
    PGSSLMODE: u.searchParams.get("sslmode") ?? "prefer",
  };
}

/**
 * Schema-only dump with grants (unlike dbmate's), stable across runs thanks to the fixed restrict key. The monthly
 * partitions (`app_private.<table>_YYYY_MM`: notifications, location_tracking) are left out: which months exist depends
 * on the day the database was migrated, so a dump with them would go stale at every change of month. Their parents,
 * default partitions and the functions that create the months are in it.
 */
export async function dumpSchema(databaseUrl: string): Promise<string> {
  const { stdout } = await run(
    join(readPgBin(), "pg_dump"),
    [
      "--schema-only",
      "--no-owner",
      "--restrict-key=app",
      "--exclude-schema=graphile_worker",
      "--exclude-schema=postgraphile_watch",
      "--exclude-table=app_private.*_[0-9][0-9][0-9][0-9]_[0-9][0-9]",
    ],
    { maxBuffer: 64 * 1024 * 1024, env: libpqEnv(databaseUrl) }
  );
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ version: string }>(
      "select version from public.schema_migrations order by version"
    );
    return `${stdout}\n-- Applied migrations\n${rows.map((r) => `--   ${r.version}`).join("\n")}\n`;
  } finally {
    await client.end();
  }
}

const quietLogger = new Logger(() => () => {});

export async function migrate(databaseUrl: string, options: { dump?: boolean } = {}): Promise<void> {
  await runMigrations({ connectionString: databaseUrl, logger: quietLogger });
  await dbmate(databaseUrl, "up");
  await applyCanonical(databaseUrl);
  if (options.dump) await writeFile(join(DB_DIR, "schema.sql"), await dumpSchema(databaseUrl));
}

if (import.meta.main) {
  await migrate(readDatabaseConfig().url, { dump: !process.argv.includes("--no-dump") });
  process.stderr.write("[migrate] Database is up to date; db/schema.sql refreshed.\n");
}
