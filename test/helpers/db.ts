// Test databases: each test file clones its own database from the migrated template (built once per run by
// test/setup/template.ts) and acts through the real roles, exactly as the API does.
import { randomBytes } from "node:crypto";
import jwt from "jsonwebtoken";
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


/** Runs fn on a superuser connection to the test database (setup and assertions that must see everything). */
export function asRoot<T>(db: TestDatabase, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  return withClient(db.rootUrl, fn);
}

export type Actor = { kind: "anonymous" } | { kind: "user"; userId: string };
export const anonymous: Actor = { kind: "anonymous" };
export const user = (userId: string): Actor => ({ kind: "user", userId });

/**
 * Runs fn inside `begin … rollback` as the given actor: the real role (app_anonymous / app_user) and, for a
 * user, a fresh session whose id is set as the JWT claim — the same settings the server applies per request.
 */
export async function actAs<T>(db: TestDatabase, actor: Actor, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  return asRoot(db, async (client) => {
    await client.query("begin");
    try {
      if (actor.kind === "user") {
        const sessionId = await openSession(client, actor.userId);
        await client.query("select set_config('jwt.claims.session_id', $1, true)", [sessionId]);
        await client.query("set local role app_user");
      } else {
        await client.query("set local role app_anonymous");
      }
      return await fn(client);
    } finally {
      await client.query("rollback");
    }
  });
}

/**
 * A live session row for the user. Admins' sessions count as having passed two-factor authentication (admin rights
 * require it); pass `mfaVerified: false` to test an admin session that has not.
 */
export async function openSession(client: pg.ClientBase, userId: string,
                                  options: { mfaVerified?: boolean } = {}): Promise<string> {
  const { rows } = await client.query<{ id: string }>(
    `insert into app_private.sessions (user_id, expires_at, mfa_verified)
     values ($1, now() + interval '1 day',
             coalesce($2, exists (select 1 from app_private.admin_users a where a.user_id = $1)))
     returning id`,
    [userId, options.mfaVerified ?? null]);
  return rows[0]!.id;
}

export interface NewUser {
  email?: string;
  firstName?: string;
  lastName?: string;
  password?: string;
  status?: "pending" | "active" | "suspended" | "banned" | "deactivated";
}

export const DEFAULT_PASSWORD = "Correct-Horse-9";

/**
 * Inserts a user directly (as root), with a cheap bcrypt cost so suites stay fast; the register flow itself is
 * tested through GraphQL.
 */
export async function createUser(db: TestDatabase, options: NewUser = {}): Promise<{ id: string; email: string }> {
  const email = options.email ?? `user-${randomBytes(5).toString("hex")}@example.test`;
  return asRoot(db, async (client) => {
    const { rows } = await client.query<{ id: string }>(
      `with u as (
         insert into app_public.users (first_name, display_name, status) values ($1, $1, $3) returning id
       ), c as (
         insert into app_public.user_contacts (user_id, email, last_name) select id, $2, $4 from u
       ), s as (
         insert into app_private.user_secrets (user_id, password_hash)
         select id, public.crypt($5, public.gen_salt('bf', 4)) from u
       )
       select id from u`,
      [options.firstName ?? "Test", email, options.status ?? "active", options.lastName ?? "User",
        options.password ?? DEFAULT_PASSWORD]);
    return { id: rows[0]!.id, email };
  });
}

export async function makeAdmin(db: TestDatabase, userId: string, role = "admin"): Promise<void> {
  await asRoot(db, (client) =>
    client.query("insert into app_private.admin_users (user_id, role) values ($1, $2)", [userId, role]));
}

/** A real access token for a new session of the user, signed exactly as PostGraphile signs login tokens. */
export async function tokenFor(db: TestDatabase, userId: string,
                               options: { expiresIn?: number; mfaVerified?: boolean } = {}): Promise<string> {
  const sessionId = await asRoot(db, (client) => openSession(client, userId, options));
  return signToken({ role: "app_user", session_id: sessionId }, options.expiresIn ?? 1800);
}

export function signToken(claims: Record<string, unknown>, expiresInSeconds: number, secret = requireEnv("JWT_SECRET")): string {
  return jwt.sign(claims, secret, { algorithm: "HS256", audience: "postgraphile", issuer: "postgraphile",
    expiresIn: expiresInSeconds });
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

/** The SQLSTATE of a failed promise (pg errors carry it in `code`). */
export async function sqlstate(promise: Promise<unknown>): Promise<string | undefined> {
  try {
    await promise;
    return undefined;
  } catch (error) {
    return (error as { code?: string }).code;
  }
}

export interface NewAddress {
  street?: string;
  city?: string;
  country?: string;
  lng?: number;
  lat?: number;
  isDefault?: boolean;
}

/** Inserts an address directly (as root); the triggers make a user's first address the default. */
export async function addAddress(db: TestDatabase, userId: string, options: NewAddress = {}): Promise<string> {
  return asRoot(db, async (client) => {
    const { rows } = await client.query<{ id: string }>(
      `insert into app_public.user_addresses (user_id, street, city, country, point, is_default)
       values ($1, $2, $3, $4, st_setsrid(st_makepoint($5, $6), 4326)::geography, $7) returning id`,
      [userId, options.street ?? "1 Main Street", options.city ?? "Berlin", options.country ?? "DE",
        options.lng ?? 13.4, options.lat ?? 52.5, options.isDefault ?? false]);
    return rows[0]!.id;
  });
}

/** Marks the user's email as verified (as root) and recomputes the verification level. */
export async function verifyEmail(db: TestDatabase, userId: string): Promise<void> {
  await asRoot(db, async (client) => {
    await client.query("update app_public.user_contacts set email_verified_at = now() where user_id = $1", [userId]);
    await client.query("select app_hidden.refresh_verification_level($1)", [userId]);
  });
}
