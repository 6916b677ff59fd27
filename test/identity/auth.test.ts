// Register → login → currentUser → logout through the real HTTP server, and every way a token can be bad.
import test from "ava";
import jwt from "jsonwebtoken";
import {
  asRoot, createTestDatabase, createUser, DEFAULT_PASSWORD, signToken, tokenFor, type TestDatabase,
} from "../helpers/db.ts";
import { startTestServer, type TestServer } from "../helpers/server.ts";

let db: TestDatabase;
let server: TestServer;
test.before(async () => {
  db = await createTestDatabase();
  server = await startTestServer(db);
});
test.after.always(async () => {
  await server?.close();
  await db?.drop();
});

const REGISTER = `mutation ($email: String!, $password: String!, $first: String!, $last: String!) {
  register(input: { email: $email, password: $password, firstName: $first, lastName: $last }) { jwtToken } }`;
const LOGIN = `mutation ($email: String!, $password: String!) { login(input: { email: $email, password: $password }) { authResult { accessToken } } }`;
const CURRENT_USER = "{ currentUser { rowId firstName displayName status userContact { email lastName } } }";

const register = (vars: Record<string, string>) =>
  server.gql(REGISTER, { variables: { first: "Ann", last: "Lee", password: "Sup3r-secret!", ...vars } });
/** Accounts registered under an email (tests in this file run concurrently, so never count all users). */
const accountsWith = (email: string) => asRoot(db, async (c) =>
  Number((await c.query("select count(*) from app_public.user_contacts where email = $1", [email])).rows[0].count));

test.serial("register signs the new user in, queues a welcome email and its job", async (t) => {
  const res = await register({ email: "Ann.Lee@Example.com" });
  t.deepEqual(res.errors, undefined);
  const token = res.data!.register.jwtToken as string;
  const claims = jwt.decode(token) as jwt.JwtPayload;
  t.is(claims.role, "app_user");
  t.regex(String(claims.session_id), /^[0-9a-f-]{36}$/);
  t.is(claims.aud, "postgraphile");
  t.true(claims.exp! - claims.iat! <= 30 * 60, "access tokens last at most 30 minutes");

  const me = await server.gql(CURRENT_USER, { token });
  t.like(me.data!.currentUser, { firstName: "Ann", displayName: "Ann L.", status: "pending",
    userContact: { email: "Ann.Lee@Example.com", lastName: "Lee" } });

  const { emails, jobs } = await asRoot(db, async (c) => ({
    emails: (await c.query("select id, recipient, status, subject from app_private.emails")).rows,
    jobs: (await c.query("select task_identifier, key from graphile_worker.jobs")).rows,
  }));
  t.is(emails.length, 1);
  t.like(emails[0], { recipient: "Ann.Lee@Example.com", status: "queued" });
  t.deepEqual(jobs, [{ task_identifier: "emails__send", key: `emails__send:${emails[0].id}` }]);
  const passwordHash = await asRoot(db, async (c) =>
    (await c.query("select password_hash from app_private.user_secrets")).rows[0].password_hash as string);
  // The test template lowers security.bcrypt_cost to 4 (test/setup/template.ts); production's 12 is asserted in
  // test/db/migrations.test.ts.
  t.regex(passwordHash, /^\$2a\$04\$/, "bcrypt at the configured cost; the password itself is never stored");
});

test.serial("login accepts the email in any case and returns a working token", async (t) => {
  const res = await server.gql(LOGIN, { variables: { email: "  ann.lee@EXAMPLE.com", password: "Sup3r-secret!" } });
  const token = res.data!.login.authResult.accessToken as string;
  t.truthy(token);
  const me = await server.gql(CURRENT_USER, { token });
  t.is(me.data!.currentUser.firstName, "Ann");
});

test.serial("login with a wrong password or an unknown email returns null, the same way", async (t) => {
  const wrong = await server.gql(LOGIN, { variables: { email: "ann.lee@example.com", password: "Wrong-passw0rd" } });
  const unknown = await server.gql(LOGIN, { variables: { email: "nobody@example.com", password: "Wrong-passw0rd" } });
  t.deepEqual(wrong, unknown);
  t.deepEqual(wrong.data, { login: { authResult: null } });
  t.is(wrong.errors, undefined);
});

test.serial("registering a taken email in another case fails with 23505 and writes nothing", async (t) => {
  const res = await register({ email: "ANN.LEE@example.COM", first: "Other" });
  t.is(res.errors?.[0]?.extensions?.code, "23505");
  t.is(res.data?.register, null);
  t.is(await accountsWith("ann.lee@example.com"), 1);
  t.is(await asRoot(db, async (c) => (await c.query("select count(*)::int as n from app_public.users where first_name = 'Other'")).rows[0].n), 0);
});

for (const [label, password, message] of [
  ["too short", "Sh0rt!", /between 8 and 128/],
  ["too long", `Aa1!${"x".repeat(130)}`, /between 8 and 128/],
  ["no symbol", "NoSymbol123", /symbol/],
  ["no digit", "No-Digits-Here", /digit/],
  ["no upper case", "lower-case-123", /upper-case/],
  ["containing the name", "Zelda-Pass-1", /name or email/],
  ["containing the email's local part", "Xx-zelda99-1", /name or email/],
] as const) {
  test(`register refuses a password ${label} with WEAKP`, async (t) => {
    const res = await register({ email: "zelda99@example.com", first: "Zelda", password });
    t.is(res.errors?.[0]?.extensions?.code, "WEAKP");
    t.regex(res.errors![0]!.message, message);
    t.is(await accountsWith("zelda99@example.com"), 0);
  });
}

for (const [label, vars] of [
  ["a malformed email", { email: "not-an-email" }],
  ["an empty first name", { email: "empty@example.com", first: "   " }],
  ["a first name over 100 characters", { email: "long@example.com", first: "A".repeat(101) }],
] as const) {
  test(`register refuses ${label} with INVAL`, async (t) => {
    const res = await register(vars);
    t.is(res.errors?.[0]?.extensions?.code, "INVAL");
  });
}

test("logout ends the session: the same token is refused on the next request", async (t) => {
  const { id } = await createUser(db);
  const token = await tokenFor(db, id);
  t.truthy((await server.gql(CURRENT_USER, { token })).data?.currentUser);
  const out = await server.gql("mutation { logout(input: {}) { success } }", { token });
  t.deepEqual(out.data, { logout: { success: true } });
  const after = await server.gql(CURRENT_USER, { token });
  t.is(after.status, 401);
  t.is(after.errors?.[0]?.extensions?.code, "LOGIN");
});

test("logout without a session is refused with LOGIN", async (t) => {
  const res = await server.gql("mutation { logout(input: {}) { success } }");
  t.is(res.errors?.[0]?.extensions?.code, "LOGIN");
});

test("a session revoked or expired in the database stops its token at once", async (t) => {
  const { id } = await createUser(db);
  const revoked = await tokenFor(db, id);
  const expired = await tokenFor(db, id);
  const sessionOf = (token: string) => (jwt.decode(token) as jwt.JwtPayload).session_id as string;
  await asRoot(db, async (c) => {
    await c.query("update app_private.sessions set revoked_at = now() where id = $1", [sessionOf(revoked)]);
    await c.query("update app_private.sessions set expires_at = now() - interval '1 second', created_at = now() - interval '1 day' where id = $1",
      [sessionOf(expired)]);
  });
  for (const token of [revoked, expired]) {
    const res = await server.gql(CURRENT_USER, { token });
    t.is(res.status, 401);
    t.is(res.errors?.[0]?.extensions?.code, "LOGIN");
  }
});

test("bad tokens get a 401 with a typed error, and the server keeps serving", async (t) => {
  const { id } = await createUser(db);
  const good = await tokenFor(db, id);
  const [header, payload] = good.split(".");
  const claims = jwt.decode(good) as jwt.JwtPayload;
  const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");
  const cases: Array<[string, string, string]> = [
    ["expired", signToken({ role: "app_user", session_id: claims.session_id }, -10), "LOGIN"],
    ["tampered payload", `${header}.${b64({ ...claims, session_id: "00000000-0000-4000-8000-000000000000" })}.${good.split(".")[2]}`, "TOKEN"],
    ["alg none", `${b64({ alg: "none", typ: "JWT" })}.${payload}.`, "TOKEN"],
    ["wrong secret", signToken({ role: "app_user", session_id: claims.session_id }, 600, "x".repeat(40)), "TOKEN"],
    ["role app_owner", signToken({ role: "app_owner", session_id: claims.session_id }, 600), "TOKEN"],
    ["no session id", signToken({ role: "app_user" }, 600), "TOKEN"],
    ["session id not a uuid", signToken({ role: "app_user", session_id: "1 or 1=1" }, 600), "TOKEN"],
    ["unknown session", signToken({ role: "app_user", session_id: "00000000-0000-4000-8000-000000000000" }, 600), "LOGIN"],
    ["garbage", "not-a-token", "TOKEN"],
  ];
  for (const [label, token, code] of cases) {
    const res = await server.gql(CURRENT_USER, { token });
    t.is(res.status, 401, label);
    t.is(res.errors?.[0]?.extensions?.code, code, label);
    t.is(res.data, undefined, label);
  }
  const basic = await fetch(`${server.url}/graphql`, { method: "POST",
    headers: { "content-type": "application/json", authorization: "Basic dXNlcjpwYXNz" },
    body: JSON.stringify({ query: "{ currentUserId }" }) });
  t.is(basic.status, 401);
  t.is((await server.gql(CURRENT_USER, { token: good })).data?.currentUser.rowId, id);
});

test("current_user_id() is null for a missing, empty, malformed or unknown claim and never raises", async (t) => {
  const { id } = await createUser(db);
  const results = await asRoot(db, async (c) => {
    const out: Array<string | null> = [];
    for (const claim of [null, "", "garbage", "00000000-0000-4000-8000-000000000000"]) {
      await c.query("begin");
      if (claim !== null) await c.query("select set_config('jwt.claims.session_id', $1, true)", [claim]);
      await c.query("set local role app_user");
      out.push((await c.query("select app_public.current_user_id() as id")).rows[0].id);
      await c.query("rollback");
    }
    return out;
  });
  t.deepEqual(results, [null, null, null, null]);
  t.truthy(id);
});

test("a pending account can log in; a banned one cannot", async (t) => {
  const pending = await createUser(db, { status: "pending" });
  const banned = await createUser(db, { status: "banned" });
  const ok = await server.gql(LOGIN, { variables: { email: pending.email, password: DEFAULT_PASSWORD } });
  t.truthy(ok.data!.login.authResult.accessToken);
  const refused = await server.gql(LOGIN, { variables: { email: banned.email, password: DEFAULT_PASSWORD } });
  t.is(refused.data!.login.authResult, null);
});
