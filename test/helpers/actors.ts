// Actors: users inserted directly (as root) in the state a test needs — status, type, verification level, a
// traveler's record, admin roles, blocks — their sessions and real access tokens, and running SQL as one of them
// through the real roles (app_anonymous, app_user), exactly as the server does per request. The flows that create
// these states for real (register, verifyEmail, the verification ladder, login) are tested through GraphQL.
import { randomBytes } from "node:crypto";
import jwt from "jsonwebtoken";
import type pg from "pg";
import { asRoot, requireEnv, type TestDatabase } from "./database.ts";

export type Actor = { kind: "anonymous" } | { kind: "user"; userId: string };
export const anonymous: Actor = { kind: "anonymous" };
export const user = (userId: string): Actor => ({ kind: "user", userId });

/**
 * Runs fn inside `begin … rollback` as the given actor: the real role (app_anonymous / app_user) and, for a
 * user, a fresh session whose id is set as the JWT claim — the same settings the server applies per request.
 * `session.mfaVerified: false` makes an admin's session one that has not passed the second factor (openSession).
 */
export function actAs<T>(db: TestDatabase, actor: Actor, fn: (client: pg.Client) => Promise<T>,
                         session: { mfaVerified?: boolean } = {}): Promise<T> {
  return inTransactionAs(db, actor, "rollback", fn, session);
}

/** actAs, but committed: for fixtures that must go through an API function and outlive the call. */
export function commitAs<T>(db: TestDatabase, actor: Actor, fn: (client: pg.Client) => Promise<T>,
                            session: { mfaVerified?: boolean } = {}): Promise<T> {
  return inTransactionAs(db, actor, "commit", fn, session);
}

async function inTransactionAs<T>(db: TestDatabase, actor: Actor, end: "commit" | "rollback",
                                  fn: (client: pg.Client) => Promise<T>,
                                  session: { mfaVerified?: boolean }): Promise<T> {
  return asRoot(db, async (client) => {
    await client.query("begin");
    let ended = false;
    try {
      if (actor.kind === "user") {
        const sessionId = await openSession(client, actor.userId, session);
        await client.query("select set_config('jwt.claims.session_id', $1, true)", [sessionId]);
        await client.query("set local role app_user");
      } else {
        await client.query("set local role app_anonymous");
      }
      const result = await fn(client);
      if (end === "commit") {
        await client.query("commit");
        ended = true;
      }
      return result;
    } finally {
      if (!ended) await client.query("rollback");
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
 * Inserts a user directly (as root): active, a customer, nothing verified. A cheap bcrypt cost keeps suites fast;
 * the register flow itself is tested through GraphQL.
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

export type UserType = "customer" | "traveler" | "both";
export type VerificationLevel = "unverified" | "email_verified" | "phone_verified" | "id_verified" | "fully_verified";

export interface MemberOptions extends NewUser {
  /** A verified phone number (contacts show it to the other party of a delivery). */
  phone?: string;
  /** Deliveries completed and cancelled as a traveler, and ratings received: the record matching scores. */
  completed?: number;
  cancelled?: number;
  ratings?: number;
  /** The average of those ratings (default 4). */
  averageRating?: number;
}

/**
 * A user of the given type at the given verification level, set directly (the ladder is tested in test/identity):
 * the email is verified for every level but "unverified". Active unless options.status says otherwise;
 * phone_verified by default, the least level that may make offers.
 */
export async function createMember(db: TestDatabase, type: UserType, level: VerificationLevel = "phone_verified",
                                   options: MemberOptions = {}): Promise<string> {
  const { id } = await createUser(db, options);
  if (options.phone) await verifyPhone(db, id, options.phone);
  if (level !== "unverified") await verifyEmail(db, id);
  const completed = options.completed ?? 0;
  const cancelled = options.cancelled ?? 0;
  const ratings = options.ratings ?? 0;
  await asRoot(db, async (c) => {
    await c.query("update app_public.users set user_type = $2, verification_level = $3 where id = $1", [id, type, level]);
    if (completed + cancelled + ratings > 0) {
      await c.query(`update app_public.user_statistics
                        set total_deliveries = $2::int + $3::int, deliveries_as_traveler = $2::int + $3::int,
                            successful_deliveries = $2, successful_as_traveler = $2, cancelled_deliveries = $3,
                            cancelled_as_traveler = $3, total_ratings = $4, average_rating = $5
                      where user_id = $1`,
        [id, completed, cancelled, ratings, ratings > 0 ? options.averageRating ?? 4 : null]);
    }
  });
  return id;
}

/** A user's id with a real access token of a new session. */
export interface SignedInUser {
  id: string;
  token: string;
}

export interface SignedInMemberOptions extends MemberOptions {
  type?: UserType;
  level?: VerificationLevel;
}

/**
 * The options-only form of createMember, with a token: by default a member who sends and travels ("both") and has
 * verified their email, as a new account is once it is activated.
 */
export async function createSignedInMember(db: TestDatabase, options: SignedInMemberOptions = {}): Promise<SignedInUser> {
  const id = await createMember(db, options.type ?? "both", options.level ?? "email_verified", options);
  return { id, token: await tokenFor(db, id) };
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

/** Marks the user's email as verified (as root) and recomputes the verification level. */
export async function verifyEmail(db: TestDatabase, userId: string): Promise<void> {
  await asRoot(db, async (client) => {
    await client.query("update app_public.user_contacts set email_verified_at = now() where user_id = $1", [userId]);
    await client.query("select app_hidden.refresh_verification_level($1)", [userId]);
  });
}

let phones = 0;
/** A German mobile number no other fixture of this test file uses (verified numbers are unique). */
export const uniquePhoneNumber = (): string => `+49151${String(++phones).padStart(8, "0")}`;

/**
 * Gives the user a confirmed phone number (as root) and recomputes the verification level; returns the number. The
 * level follows the ladder: a phone counts only after the email.
 */
export async function verifyPhone(db: TestDatabase, userId: string, phone = uniquePhoneNumber()): Promise<string> {
  await asRoot(db, async (client) => {
    await client.query("update app_public.user_contacts set phone_number = $2, phone_verified_at = now() where user_id = $1",
      [userId, phone]);
    await client.query("select app_hidden.refresh_verification_level($1)", [userId]);
  });
  return phone;
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

/** The blocker blocks the blocked user (as root); the reason defaults to the column's own default. */
export async function blockUser(db: TestDatabase, blockerId: string, blockedId: string, reason = "other"): Promise<void> {
  await asRoot(db, (client) => client.query(
    "insert into app_public.user_blocks (blocker_id, blocked_id, reason) values ($1, $2, $3)", [blockerId, blockedId, reason]));
}
