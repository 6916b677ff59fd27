// Device sessions over GraphQL (docs/identity.md): login with device details returns a signed access token and a
// refresh token; refreshSession rotates it and a replayed old token revokes the session; mySessions never shows
// tokens; revokeSession, logout and logoutAll end sessions at once.
import test from "ava";
import { createHash } from "node:crypto";
import jwt from "jsonwebtoken";
import { createUser, DEFAULT_PASSWORD } from "../helpers/actors.ts";
import { asRoot, requireEnv } from "../helpers/database.ts";
import { errorCode } from "../helpers/errors.ts";
import { gqlData } from "../helpers/graphql.ts";
import { useTestServer } from "../helpers/server.ts";
import { setTimesAgo } from "../helpers/time.ts";

const { db, server } = useTestServer(test);

const LOGIN = `mutation ($email: String!, $password: String!, $deviceId: String, $deviceType: DeviceType, $platform: Platform, $appVersion: String) {
  login(input: { email: $email, password: $password, deviceId: $deviceId, deviceType: $deviceType, platform: $platform, appVersion: $appVersion }) {
    authResult { accessToken refreshToken mfaChallenge } } }`;
const REFRESH = `mutation ($token: String!) { refreshSession(input: { refreshToken: $token }) { authResult { accessToken refreshToken } } }`;
const MY_SESSIONS = `{ mySessions { nodes { rowId deviceId deviceType platform appVersion ip isCurrent createdAt lastActiveAt expiresAt } } }`;
const ME = "{ currentUserId }";

interface Tokens { accessToken: string; refreshToken: string }
async function login(email: string, device: Record<string, string> = {}): Promise<Tokens> {
  return (await gqlData(server, LOGIN, { variables: { email, password: DEFAULT_PASSWORD, ...device } })).login.authResult as Tokens;
}
const sessionOf = (token: string) => String((jwt.decode(token) as jwt.JwtPayload).session_id);

test("login returns a signed access token and a refresh token stored only as its SHA-256", async (t) => {
  const { id, email } = await createUser(db);
  const res = await server.gql(LOGIN, { variables: { email, password: DEFAULT_PASSWORD, deviceId: "phone-1",
    deviceType: "mobile", platform: "ios", appVersion: "2.4.1" } });
  t.is(res.errors, undefined);
  const { accessToken, refreshToken, mfaChallenge } = res.data!.login.authResult;
  t.is(mfaChallenge, null);
  const claims = jwt.verify(accessToken, requireEnv("JWT_SECRET"), { audience: "postgraphile" }) as jwt.JwtPayload;
  t.is(claims.role, "app_user");
  t.true(claims.exp! - claims.iat! <= 30 * 60);
  t.regex(refreshToken, /^[0-9a-f]{64}$/);
  t.is((await server.gql(ME, { token: accessToken })).data!.currentUserId, id);

  const row = await asRoot(db, async (c) => (await c.query(
    `select user_id, device_id, device_type::text, platform::text, app_version, host(ip) as ip, mfa_verified,
            encode(refresh_token_hash, 'hex') as hash, round(extract(epoch from expires_at - now()) / 86400)::int as days
       from app_private.sessions where id = $1`, [claims.session_id])).rows[0]);
  t.deepEqual(row, { user_id: id, device_id: "phone-1", device_type: "mobile", platform: "ios", app_version: "2.4.1",
    ip: "127.0.0.1", mfa_verified: false, hash: createHash("sha256").update(Buffer.from(refreshToken, "hex")).digest("hex"),
    days: 7 });
});

test("refreshSession rotates the token; replaying the old one revokes that device session only", async (t) => {
  const { email } = await createUser(db);
  const first = await login(email, { deviceId: "laptop" });
  const other = await login(email, { deviceId: "tablet" });
  const refreshed = await server.gql(REFRESH, { variables: { token: first.refreshToken } });
  const second = refreshed.data!.refreshSession.authResult as Tokens;
  t.regex(second.refreshToken, /^[0-9a-f]{64}$/);
  t.not(second.refreshToken, first.refreshToken);
  t.is(sessionOf(second.accessToken), sessionOf(first.accessToken), "the same device session continues");
  t.truthy((await server.gql(ME, { token: second.accessToken })).data!.currentUserId);

  // A thief replays the old token: refused, and the session (with the new tokens) ends.
  const replay = await server.gql(REFRESH, { variables: { token: first.refreshToken } });
  t.deepEqual(replay.data, { refreshSession: { authResult: null } });
  t.is(errorCode(await server.gql(ME, { token: second.accessToken })), "LOGIN");
  t.deepEqual((await server.gql(REFRESH, { variables: { token: second.refreshToken } })).data,
    { refreshSession: { authResult: null } }, "the newest token of a revoked session is refused too");
  t.truthy((await server.gql(ME, { token: other.accessToken })).data!.currentUserId, "other devices keep working");
});

test("refreshSession refuses garbage, unknown and expired tokens with the same null", async (t) => {
  const { email } = await createUser(db);
  const tokens = await login(email);
  await setTimesAgo(db, "app_private.sessions", sessionOf(tokens.accessToken), { expires_at: "1 second" });
  for (const token of ["not-a-token", "ab".repeat(32), tokens.refreshToken]) {
    const res = await server.gql(REFRESH, { variables: { token } });
    t.deepEqual(res, { status: 200, data: { refreshSession: { authResult: null } } }, token);
  }
});

test("mySessions lists the caller's live sessions without tokens, and flags the current one", async (t) => {
  const { email } = await createUser(db);
  const other = await createUser(db);
  const web = await login(email, { deviceId: "browser", deviceType: "web", platform: "web" });
  const phone = await login(email, { deviceId: "phone", deviceType: "mobile", platform: "android" });
  const ended = await login(email, { deviceId: "old" });
  await login(other.email, { deviceId: "someone-else" });
  t.is((await server.gql("mutation { logout(input: {}) { success } }", { token: ended.accessToken })).data!.logout.success, true);

  const res = await server.gql(MY_SESSIONS, { token: phone.accessToken });
  t.is(res.errors, undefined);
  const nodes = res.data!.mySessions.nodes as Array<Record<string, unknown>>;
  t.deepEqual(nodes.map((n) => [n.deviceId, n.deviceType, n.platform, n.isCurrent, n.ip]).sort(),
    [["browser", "web", "web", false, "127.0.0.1"], ["phone", "mobile", "android", true, "127.0.0.1"]]);
  t.deepEqual(Object.keys(nodes[0]!).sort(),
    ["appVersion", "createdAt", "deviceId", "deviceType", "expiresAt", "ip", "isCurrent", "lastActiveAt", "platform", "rowId"]);
  t.is(nodes.find((n) => n.deviceId === "browser")!.rowId, sessionOf(web.accessToken));

  const type = await server.gql(`{ __type(name: "SessionInfo") { fields { name } } }`);
  t.false((type.data!.__type.fields as Array<{ name: string }>).some((f) => /token|hash/i.test(f.name)),
    "the type itself has no token or hash field");

  const anonymous = await server.gql(MY_SESSIONS);
  t.is(errorCode(anonymous), "DNIED", "anonymous may not list sessions");
});

test("revokeSession ends one of your sessions; another user's session is NTFND and stays live", async (t) => {
  const { email } = await createUser(db);
  const other = await createUser(db);
  const mine = await login(email, { deviceId: "a" });
  const lost = await login(email, { deviceId: "b" });
  const theirs = await login(other.email);
  const REVOKE = `mutation ($id: UUID!) { revokeSession(input: { sessionId: $id }) { success } }`;

  const denied = await server.gql(REVOKE, { token: mine.accessToken, variables: { id: sessionOf(theirs.accessToken) } });
  t.is(errorCode(denied), "NTFND");
  t.truthy((await server.gql(ME, { token: theirs.accessToken })).data!.currentUserId);

  const ok = await server.gql(REVOKE, { token: mine.accessToken, variables: { id: sessionOf(lost.accessToken) } });
  t.deepEqual(ok.data, { revokeSession: { success: true } });
  t.is(errorCode(await server.gql(ME, { token: lost.accessToken })), "LOGIN");
  t.deepEqual((await server.gql(REFRESH, { variables: { token: lost.refreshToken } })).data, { refreshSession: { authResult: null } });
  const again = await server.gql(REVOKE, { token: mine.accessToken, variables: { id: sessionOf(lost.accessToken) } });
  t.is(errorCode(again), "NTFND", "an ended session cannot be revoked twice");
});

test("logoutAll ends every session of the caller and no one else's", async (t) => {
  const { email } = await createUser(db);
  const other = await createUser(db);
  const a = await login(email);
  const b = await login(email);
  const theirs = await login(other.email);
  const res = await server.gql("mutation { logoutAll(input: {}) { revokedCount } }", { token: a.accessToken });
  t.deepEqual(res.data, { logoutAll: { revokedCount: 2 } });
  for (const token of [a.accessToken, b.accessToken]) {
    t.is(errorCode(await server.gql(ME, { token })), "LOGIN");
  }
  t.truthy((await server.gql(ME, { token: theirs.accessToken })).data!.currentUserId);
  t.is(errorCode(await server.gql("mutation { logoutAll(input: {}) { revokedCount } }")), "DNIED");
});

test("pruning deletes ended sessions with their rotated hashes, and old login attempts", async (t) => {
  const { id, email } = await createUser(db);
  const old = await login(email, { deviceId: "old" });
  const live = await login(email, { deviceId: "live" });
  await server.gql(REFRESH, { variables: { token: old.refreshToken } });
  const counts = () => asRoot(db, async (c) => (await c.query(
    `select (select count(*)::int from app_private.sessions where user_id = $1) as sessions,
            (select count(*)::int from app_private.session_rotated_tokens r join app_private.sessions s on s.id = r.session_id
              where s.user_id = $1) as rotated,
            (select count(*)::int from app_private.login_attempts where user_id = $1) as attempts`, [id])).rows[0]);
  t.deepEqual(await counts(), { sessions: 2, rotated: 1, attempts: 2 });
  await asRoot(db, async (c) => {
    await c.query("update app_private.sessions set revoked_at = now() - interval '31 days' where id = $1", [sessionOf(old.accessToken)]);
    await c.query("update app_private.login_attempts set created_at = now() - interval '31 days' where user_id = $1", [id]);
  });
  const pruned = await asRoot(db, async (c) => (await c.query("select app_private.prune_sessions() as n")).rows[0].n);
  t.true(pruned >= 1);
  t.deepEqual(await counts(), { sessions: 1, rotated: 0, attempts: 0 });
  t.truthy((await server.gql(ME, { token: live.accessToken })).data!.currentUserId);
});
