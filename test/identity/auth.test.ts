// Register → login → currentUser → logout through the real HTTP server, and every way a token can be bad.
import test from "ava";
import jwt from "jsonwebtoken";
import { createUser, DEFAULT_PASSWORD, signToken, tokenFor } from "../helpers/actors.ts";
import { asRoot } from "../helpers/database.ts";
import { errorCode } from "../helpers/errors.ts";
import { useTestServer } from "../helpers/server.ts";
import { notificationsTo } from "../helpers/notifications.ts";

const { db, server } = useTestServer(test, { TRUST_PROXY: "loopback" });

const REGISTER = `mutation ($email: String!, $password: String!, $first: String!, $last: String!, $referral: String,
                            $terms: Boolean) {
  register(input: { email: $email, password: $password, firstName: $first, lastName: $last, referralCode: $referral,
                    acceptTerms: $terms }) { success } }`;
const LOGIN = `mutation ($email: String!, $password: String!) { login(input: { email: $email, password: $password }) { authResult { accessToken } } }`;
const CURRENT_USER = "{ currentUser { rowId firstName displayName status referredByUserId userContact { email lastName termsAcceptedAt } } }";

// Every registration comes from its own client address (the server trusts X-Forwarded-For from loopback in this
// file), so the per-IP sign-up limit only bites where a test means it to.
let nextIp = 1;
const register = (vars: Record<string, unknown>, ip = `198.51.100.${nextIp++}`) =>
  server.gql(REGISTER, { variables: { first: "Ann", last: "Lee", password: "Sup3r-secret!", terms: true, ...vars },
    headers: { "x-forwarded-for": ip } });
/** Accounts registered under an email (tests in this file run concurrently, so never count all users). */
const accountsWith = (email: string) => asRoot(db, async (c) =>
  Number((await c.query("select count(*) from app_public.user_contacts where email = $1", [email])).rows[0].count));
const emailsTo = (email: string) => notificationsTo(db, { email }, { channel: "email" });

test.serial("register creates a pending account, queues the verification email and its job; login then works", async (t) => {
  const res = await register({ email: "Ann.Lee@Example.com" });
  t.deepEqual(res.errors, undefined);
  t.deepEqual(res.data, { register: { success: true } });

  const login = await server.gql(LOGIN, { variables: { email: "ann.lee@example.com", password: "Sup3r-secret!" } });
  const token = login.data!.login.authResult.accessToken as string;
  const claims = jwt.decode(token) as jwt.JwtPayload;
  t.is(claims.role, "app_user");
  t.regex(String(claims.session_id), /^[0-9a-f-]{36}$/);
  t.is(claims.aud, "postgraphile");
  t.true(claims.exp! - claims.iat! <= 30 * 60, "access tokens last at most 30 minutes");

  const me = await server.gql(CURRENT_USER, { token });
  t.like(me.data!.currentUser, { firstName: "Ann", displayName: "Ann L.", status: "pending", referredByUserId: null,
    userContact: { email: "Ann.Lee@Example.com", lastName: "Lee" } });
  t.truthy(me.data!.currentUser.userContact.termsAcceptedAt, "the acceptance of the terms is recorded");

  const emails = await emailsTo("Ann.Lee@Example.com");
  t.is(emails.length, 1);
  t.like(emails[0], { template: "verify_email", status: "queued", body: null });
  t.false(JSON.stringify(emails[0].variables).includes("token"), "the row holds no token: the sending task mints it");
  const jobs = await asRoot(db, async (c) => (await c.query(
    "select task_identifier from graphile_worker.jobs where key = $1", [`notifications__send:${emails[0]!.id}`])).rows);
  t.deepEqual(jobs, [{ task_identifier: "notifications__send" }]);
  const passwordHash = await asRoot(db, async (c) => (await c.query(
    "select s.password_hash from app_private.user_secrets s join app_public.user_contacts c using (user_id) where c.email = $1",
    ["ann.lee@example.com"])).rows[0].password_hash as string);
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

test.serial("a taken email in another case gets the same answer as a free one; its owner is told, nothing is created", async (t) => {
  const taken = await register({ email: "ANN.LEE@example.COM", first: "Other", password: "Diff3rent-pass!" });
  const free = await register({ email: "someone.new@example.com", first: "Other", password: "Diff3rent-pass!" });
  t.deepEqual(free.data, { register: { success: true } });
  t.deepEqual(taken, free, "identical responses: the answer does not reveal that the address is registered");
  t.is(await accountsWith("ann.lee@example.com"), 1);
  const owner = await asRoot(db, async (c) => (await c.query(
    "select count(*)::int as n from app_public.users u join app_public.user_contacts c on c.user_id = u.id where c.email = 'ann.lee@example.com' and u.first_name = 'Ann'")).rows[0].n);
  t.is(owner, 1, "the existing account is untouched");
  const told = (await emailsTo("Ann.Lee@Example.com")).at(-1);
  t.like(told, { template: "signup_attempt" });
  const login = await server.gql(LOGIN, { variables: { email: "ann.lee@example.com", password: "Diff3rent-pass!" } });
  t.deepEqual(login.data, { login: { authResult: null } }, "the attempt did not change the password");
});

test("a referral code links the new account to the referrer; an unknown code is refused with INVAL", async (t) => {
  const { id: referrer } = await createUser(db);
  const code = await asRoot(db, async (c) => (await c.query(
    "select referral_code from app_public.user_contacts where user_id = $1", [referrer])).rows[0].referral_code as string);
  t.deepEqual((await register({ email: "referred@example.com", referral: ` ${code.toLowerCase()} ` })).data,
    { register: { success: true } });
  const referredBy = await asRoot(db, async (c) => (await c.query(
    "select u.referred_by_user_id from app_public.users u join app_public.user_contacts c on c.user_id = u.id where c.email = 'referred@example.com'")).rows[0].referred_by_user_id);
  t.is(referredBy, referrer);

  const unknown = await register({ email: "unreferred@example.com", referral: "NOSUCHCODE" });
  t.is(errorCode(unknown), "INVAL");
  t.is(await accountsWith("unreferred@example.com"), 0);
});

test("registering without accepting the terms is refused with INVAL and writes nothing", async (t) => {
  for (const terms of [false, null]) {
    const res = await register({ email: "no-terms@example.com", terms });
    t.is(errorCode(res), "INVAL");
    t.regex(res.errors![0]!.message, /terms of service/);
  }
  t.is(await accountsWith("no-terms@example.com"), 0);
});

test("one network may register 3 accounts an hour; the 4th is refused with LIMIT, other networks go on", async (t) => {
  const ip = "203.0.113.77";
  for (const n of [1, 2, 3]) {
    t.deepEqual((await register({ email: `net-${n}@example.com` }, ip)).data, { register: { success: true } });
  }
  const fourth = await register({ email: "net-4@example.com" }, ip);
  t.is(errorCode(fourth), "LIMIT");
  t.is(await accountsWith("net-4@example.com"), 0);
  t.deepEqual((await register({ email: "net-5@example.com" }, "203.0.113.78")).data, { register: { success: true } });
  // Refused attempts do not use up slots: a weak password from a fresh network leaves all 3 free.
  const weak = await register({ email: "net-6@example.com", password: "weak" }, "203.0.113.79");
  t.is(errorCode(weak), "WEAKP");
  for (const n of [7, 8, 9]) {
    t.deepEqual((await register({ email: `net-${n}@example.com` }, "203.0.113.79")).data, { register: { success: true } });
  }
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
    t.is(errorCode(res), "WEAKP");
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
    t.is(errorCode(res), "INVAL");
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
  t.is(errorCode(after), "LOGIN");
});

test("logout without a session is refused with LOGIN", async (t) => {
  const res = await server.gql("mutation { logout(input: {}) { success } }");
  t.is(errorCode(res), "LOGIN");
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
    t.is(errorCode(res), "LOGIN");
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
    // A token without an expiry would work forever once leaked: exp is required.
    ["no expiry", jwt.sign({ role: "app_user", session_id: claims.session_id }, process.env.JWT_SECRET!,
      { algorithm: "HS256", audience: "postgraphile", issuer: "postgraphile" }), "TOKEN"],
    ["session id not a uuid", signToken({ role: "app_user", session_id: "1 or 1=1" }, 600), "TOKEN"],
    ["unknown session", signToken({ role: "app_user", session_id: "00000000-0000-4000-8000-000000000000" }, 600), "LOGIN"],
    ["garbage", "not-a-token", "TOKEN"],
  ];
  for (const [label, token, code] of cases) {
    const res = await server.gql(CURRENT_USER, { token });
    t.is(res.status, 401, label);
    t.is(errorCode(res), code, label);
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
