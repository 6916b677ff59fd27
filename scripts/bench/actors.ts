// Signed-in users for the bench: real sessions (app_private.sessions rows, as login creates) and real access tokens
// (signed as PostGraphile signs them: HS256, role and session id, aud/iss postgraphile), without paying bcrypt per user.
import jwt from "jsonwebtoken";
import type pg from "pg";

export interface Actor {
  userId: string;
  sessionId: string;
  token: string;
}

/** Sessions for the given users (admin: two-factor verified, as admin rights require) and their tokens. */
export async function signIn(
  owner: pg.ClientBase,
  userIds: string[],
  jwtSecret: string,
  { mfaVerified = false } = {}
): Promise<Actor[]> {
  const { rows } = await owner.query<{ id: string; user_id: string }>(
    `
    insert into app_private.sessions (user_id, expires_at, mfa_verified)
    select u, now() + interval '1 day', $2 from unnest($1::uuid[]) u
    returning id, user_id`,
    [userIds, mfaVerified]
  );
  const exp = Math.floor(Date.now() / 1000) + 6 * 3600;
  return rows.map((r) => ({
    userId: r.user_id,
    sessionId: r.id,
    token: jwt.sign({ role: "app_user", session_id: r.id, exp }, jwtSecret, {
      algorithm: "HS256",
      audience: "postgraphile",
      issuer: "postgraphile",
    }),
  }));
}

/** Up to `count` active users of a kind, in a stable pseudo-random order (the same users on every run). */
export async function sampleUsers(owner: pg.ClientBase, count: number, where: string): Promise<string[]> {
  const { rows } = await owner.query<{ id: string }>(
    `
    select u.id from app_public.users u
     where u.status = 'active' and ${where}
     order by md5(u.id::text) limit $1`,
    [count]
  );
  return rows.map((r) => r.id);
}
