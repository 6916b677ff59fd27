// Superuser-only setup that migrations cannot do: cluster-wide roles, the database, and extensions.
// Idempotent; run by `npm start`, `npm run db:start` and the test template builder.
import pg from "pg";
import { readDatabaseConfig } from "../../lib/config.ts";

/** Extensions the schema needs; created in `public` by the superuser, so migrations can assume them. */
export const REQUIRED_EXTENSIONS = ["postgis", "pgcrypto", "pg_trgm", "btree_gin", "btree_gist", "citext"] as const;
/** Created when the server has them: static checks in tests. */
export const OPTIONAL_EXTENSIONS = ["plpgsql_check"] as const;

export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

export function databaseName(url: string): string {
  return decodeURIComponent(new URL(url).pathname.slice(1));
}

function passwordOf(url: string): string {
  return decodeURIComponent(new URL(url).password);
}

export async function withClient<T>(url: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** The four roles (db/README.md, Schemas and roles); passwords come from the connection URLs. */
export async function ensureRoles(rootUrl: string, ownerUrl: string, authUrl: string): Promise<void> {
  await withClient(rootUrl, async (client) => {
    const roles: Array<[string, string]> = [
      ["app_owner", `login bypassrls password ${client.escapeLiteral(passwordOf(ownerUrl))}`],
      ["app_authenticator", `login noinherit password ${client.escapeLiteral(passwordOf(authUrl))}`],
      ["app_anonymous", "nologin"],
      ["app_user", "nologin"],
    ];
    for (const [name, options] of roles) {
      const { rowCount } = await client.query("select 1 from pg_roles where rolname = $1", [name]);
      await client.query(`${rowCount ? "alter" : "create"} role ${name} ${options}`);
    }
    await client.query("grant app_anonymous to app_user");
    await client.query("grant app_anonymous, app_user to app_authenticator");
  });
}

/** Creates the database (owned by app_owner, so migration 1 may lock down schema public) and its extensions. */
export async function ensureDatabase(rootUrl: string, database: string): Promise<void> {
  await withClient(rootUrl, async (client) => {
    const { rowCount } = await client.query("select 1 from pg_database where datname = $1", [database]);
    if (!rowCount) {
      await client.query(`create database ${client.escapeIdentifier(database)} owner app_owner`);
    }
    await client.query(`revoke all on database ${client.escapeIdentifier(database)} from public`);
    await client.query(
      `grant connect, temporary on database ${client.escapeIdentifier(database)} to app_authenticator`
    );
  });
  await withClient(withDatabase(rootUrl, database), async (client) => {
    const { rows } = await client.query<{ name: string }>("select name from pg_available_extensions");
    const available = new Set(rows.map((r) => r.name));
    const missing = REQUIRED_EXTENSIONS.filter((name) => !available.has(name));
    if (missing.length > 0) {
      throw new Error(
        `The PostgreSQL server lacks the extensions ${missing.join(", ")} (install postgresql-15-postgis-3)`
      );
    }
    for (const name of [...REQUIRED_EXTENSIONS, ...OPTIONAL_EXTENSIONS.filter((n) => available.has(n))]) {
      await client.query(`create extension if not exists ${name} with schema public`);
    }
  });
}

export async function dropDatabase(rootUrl: string, database: string): Promise<void> {
  await withClient(rootUrl, (client) =>
    client.query(`drop database if exists ${client.escapeIdentifier(database)} with (force)`)
  );
}

export async function setup(options: { reset?: boolean } = {}): Promise<void> {
  const { rootUrl, url: ownerUrl, authUrl } = readDatabaseConfig();
  if (!rootUrl) {
    process.stderr.write("[setup] ROOT_DATABASE_URL is not set: assuming roles, database and extensions exist.\n");
    return;
  }
  const database = databaseName(ownerUrl);
  await ensureRoles(rootUrl, ownerUrl, authUrl);
  if (options.reset) {
    process.stderr.write(`[setup] Dropping database ${database}…\n`);
    await dropDatabase(rootUrl, database);
  }
  await ensureDatabase(rootUrl, database);
}

if (import.meta.main) {
  await setup({ reset: process.argv.includes("--reset") });
}
