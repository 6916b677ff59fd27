// Email verification, password reset and phone verification (docs/identity.md), end to end: the GraphQL call,
// the real graphile-worker task that mints the secret and sends the message (emails as .eml files, texts as .txt
// files, as in development), the secret read back from the message only, and its single use. Serial: runOnce
// works off every ready job in the database.
import test from "ava";
import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { TaskList } from "graphile-worker";
import { actAs, anonymous, createUser, DEFAULT_PASSWORD, tokenFor, user, verifyEmail } from "../helpers/actors.ts";
import { asRoot } from "../helpers/database.ts";
import { errorCode, sqlstate } from "../helpers/errors.ts";
import { useTestServer } from "../helpers/server.ts";
import { runReadyJobs, workerTaskList } from "../helpers/worker.ts";


const { db, server } = useTestServer(test, { TRUST_PROXY: "loopback" });
let mailDir: string;
let smsDir: string;
let taskList: TaskList;
test.before(async () => {
  mailDir = await mkdtemp(join(tmpdir(), "p2p-mail-"));
  smsDir = await mkdtemp(join(tmpdir(), "p2p-sms-"));
  // The worker's mailer and SMS sender write files, as in development.
  taskList = workerTaskList({ MAIL_DIR: mailDir, SMS_DIR: smsDir, SMTP_URL: "", SMS_URL: "" });
});
test.after.always(async () => {
  for (const dir of [mailDir, smsDir]) if (dir) await rm(dir, { recursive: true, force: true });
});

const runJobs = () => runReadyJobs(db, { taskList });

/** Bodies of the messages in a directory addressed to a recipient, oldest first (quoted-printable decoded). */
async function messagesTo(dir: string, recipient: string): Promise<string[]> {
  const files = (await readdir(dir)).sort();
  const bodies = await Promise.all(files.map((f) => readFile(join(dir, f), "utf8")));
  return bodies
    .map((raw) => raw.replace(/=\r?\n/g, "").replace(/=([0-9A-F]{2})/g, (_, hex) => String.fromCharCode(parseInt(hex, 16))))
    .filter((text) => new RegExp(`^To: ${recipient.replace(/[.+]/g, "\\$&")}$`, "mi").test(text));
}
const tokenIn = (message: string | undefined, path: string) =>
  new RegExp(`/${path}\\?token=([0-9a-f]{64})`).exec(message ?? "")?.[1];

let nextIp = 1;
const gql = (query: string, variables: Record<string, unknown>, token?: string) =>
  server.gql(query, { variables, token, headers: { "x-forwarded-for": `192.0.2.${nextIp++}` } });

const REGISTER = `mutation ($email: String!) { register(input: { email: $email, password: "Sup3r-secret!", firstName: "Vera",
  lastName: "Kim", acceptTerms: true }) { success } }`;
const VERIFY = `mutation ($token: String!) { verifyEmail(input: { token: $token }) { success } }`;
const RESEND = `mutation ($email: String!) { resendVerificationEmail(input: { email: $email }) { success } }`;
const FORGOT = `mutation ($email: String!) { forgotPassword(input: { email: $email }) { success } }`;
const RESET = `mutation ($token: String!, $password: String!) { resetPassword(input: { token: $token, newPassword: $password }) { success } }`;
const LOGIN = `mutation ($email: String!, $password: String!) { login(input: { email: $email, password: $password }) { authResult { accessToken } } }`;
const REQUEST_PHONE = `mutation ($phone: String!) { requestPhoneVerification(input: { phoneNumber: $phone }) { success } }`;
const CONFIRM_PHONE = `mutation ($code: String!) { confirmPhoneVerification(input: { code: $code }) { success } }`;

const account = (email: string) => asRoot(db, async (c) => (await c.query(
  `select u.id, u.status, u.verification_level, c.email_verified_at, c.phone_number, c.phone_verified_at
     from app_public.users u join app_public.user_contacts c on c.user_id = u.id where c.email = $1`, [email])).rows[0]);

test.serial("the verification link arrives by email, activates the account once, and only its hash is stored", async (t) => {
  t.deepEqual((await gql(REGISTER, { email: "vera@example.com" })).data, { register: { success: true } });
  await runJobs();
  const [message] = await messagesTo(mailDir, "vera@example.com");
  const token = tokenIn(message, "verify-email");
  t.truthy(token, "the email carries the link");

  const stored = await asRoot(db, async (c) => (await c.query(
    `select encode(t.token_hash, 'hex') as hash, n.variables::text || coalesce(n.body, '') as body
       from app_private.email_verification_tokens t
       join app_public.notifications n on n.id = t.notification_id where t.email = 'vera@example.com'`)).rows);
  t.is(stored.length, 1);
  t.not(stored[0].hash, token);
  t.false(stored[0].body.includes(token!), "the token is in no database row");

  t.like(await account("vera@example.com"), { status: "pending", verification_level: "unverified" });
  t.deepEqual((await gql(VERIFY, { token })).data, { verifyEmail: { success: true } });
  const after = await account("vera@example.com");
  t.like(after, { status: "active", verification_level: "email_verified" });
  t.truthy(after.email_verified_at);

  t.is(errorCode(await gql(VERIFY, { token })), "BADTK", "a link works once");
  t.is(errorCode(await gql(VERIFY, { token: "f".repeat(64) })), "BADTK");
  t.is(errorCode(await gql(VERIFY, { token: "not-a-token" })), "BADTK");
});

test.serial("an expired link is refused with EXPRD; a link for a replaced address with BADTK; a new one can be asked", async (t) => {
  await gql(REGISTER, { email: "late@example.com" });
  await runJobs();
  const token = tokenIn((await messagesTo(mailDir, "late@example.com"))[0], "verify-email");
  await asRoot(db, (c) => c.query(
    "update app_private.email_verification_tokens set expires_at = now() - interval '1 second' where email = 'late@example.com'"));
  t.is(errorCode(await gql(VERIFY, { token })), "EXPRD");
  t.like(await account("late@example.com"), { status: "pending" });

  t.deepEqual((await gql(RESEND, { email: "LATE@example.com" })).data, { resendVerificationEmail: { success: true } });
  await runJobs();
  const fresh = tokenIn((await messagesTo(mailDir, "late@example.com"))[1], "verify-email");
  t.truthy(fresh);
  t.not(fresh, token);

  const { id } = await account("late@example.com");
  await asRoot(db, (c) => c.query("update app_public.user_contacts set email = 'later@example.com' where user_id = $1", [id]));
  t.is(errorCode(await gql(VERIFY, { token: fresh })), "BADTK", "the link confirms the address it was sent to, not the new one");
  t.is((await account("later@example.com")).email_verified_at, null);
});

test.serial("resending answers true for every address but mails only accounts that need it, at most 5 an hour", async (t) => {
  await gql(REGISTER, { email: "resend@example.com" });
  const { id: verified, email: verifiedEmail } = await createUser(db);
  await verifyEmail(db, verified);
  for (const email of ["resend@example.com", "nobody-here@example.com", verifiedEmail, "x".repeat(300)]) {
    t.deepEqual((await gql(RESEND, { email })).data, { resendVerificationEmail: { success: true } });
  }
  for (let i = 0; i < 5; i++) await gql(RESEND, { email: "resend@example.com" });
  await runJobs();
  // 1 at registration + 5 resends allowed in the hour (the 6th is silently dropped).
  t.is((await messagesTo(mailDir, "resend@example.com")).length, 6);
  t.is((await messagesTo(mailDir, "nobody-here@example.com")).length, 0);
  t.is((await messagesTo(mailDir, verifiedEmail)).length, 0);
});

test.serial("a password reset link sets a new password once, signs every device out and lifts a lockout", async (t) => {
  const { id, email } = await createUser(db);
  const before = await tokenFor(db, id);
  await asRoot(db, (c) => c.query(
    "update app_private.user_secrets set locked_until = now() + interval '10 minutes' where user_id = $1", [id]));
  t.deepEqual((await gql(FORGOT, { email: email.toUpperCase() })).data, { forgotPassword: { success: true } });
  await runJobs();
  const token = tokenIn((await messagesTo(mailDir, email)).at(-1), "reset-password");
  t.truthy(token);

  const weak = await gql(RESET, { token, password: "weak" });
  t.is(errorCode(weak), "WEAKP");
  t.deepEqual((await gql(RESET, { token, password: "Fresh-start-42" })).data, { resetPassword: { success: true } },
    "a refused password does not use the link up");
  t.is(errorCode(await gql(RESET, { token, password: "Fresh-start-43" })), "BADTK", "a link works once");

  t.is((await server.gql("{ currentUserId }", { token: before })).status, 401, "devices signed in before are signed out");
  t.deepEqual((await gql(LOGIN, { email, password: DEFAULT_PASSWORD })).data, { login: { authResult: null } });
  t.truthy((await gql(LOGIN, { email, password: "Fresh-start-42" })).data?.login.authResult?.accessToken,
    "the new password works at once: the lockout is lifted");
  await runJobs();
  t.regex((await messagesTo(mailDir, email)).at(-1)!, /password of your P2P Delivery account was just reset/);
});

test.serial("a newer reset link voids the older one; an expired link is refused with EXPRD; unknown addresses get true", async (t) => {
  const { email } = await createUser(db);
  await gql(FORGOT, { email });
  await runJobs();
  await gql(FORGOT, { email });
  await runJobs();
  const [first, second] = (await messagesTo(mailDir, email)).map((m) => tokenIn(m, "reset-password"));
  t.is(errorCode(await gql(RESET, { token: first, password: "Fresh-start-42" })), "BADTK");
  await asRoot(db, (c) => c.query(
    "update app_private.password_reset_tokens set expires_at = now() - interval '1 second' where used_at is null"));
  t.is(errorCode(await gql(RESET, { token: second, password: "Fresh-start-42" })), "EXPRD");
  t.truthy((await gql(LOGIN, { email, password: DEFAULT_PASSWORD })).data?.login.authResult?.accessToken,
    "the password is unchanged");

  t.deepEqual((await gql(FORGOT, { email: "ghost@example.com" })).data, { forgotPassword: { success: true } });
  for (let i = 0; i < 4; i++) await gql(FORGOT, { email });
  await runJobs();
  t.is((await messagesTo(mailDir, "ghost@example.com")).length, 0);
  // The 2 above and 1 more fit in the hour; the other 3 of this loop are silently dropped.
  t.is((await messagesTo(mailDir, email)).length, 3, "at most 3 reset emails per address per hour");
});

test.serial("a texted code verifies the phone: wrong codes are counted, the right one works once and lifts the level", async (t) => {
  const { id, email } = await createUser(db);
  await verifyEmail(db, id);
  const token = await tokenFor(db, id);
  t.deepEqual((await gql(REQUEST_PHONE, { phone: "+49 151 2345-6789" }, token)).data,
    { requestPhoneVerification: { success: true } });
  await runJobs();
  const sms = (await messagesTo(smsDir, "+4915123456789")).at(-1);
  const sent = /(\d{6}) is your P2P Delivery verification code/.exec(sms ?? "")?.[1];
  t.truthy(sent, "the text carries the code");
  const stored = await asRoot(db, async (c) => (await c.query(
    "select code_hash from app_private.phone_verification_codes where user_id = $1", [id])).rows[0].code_hash as string);
  t.regex(stored, /^\$2a\$/, "only a bcrypt hash is stored");

  const wrong = sent === "000000" ? "000001" : "000000";
  t.deepEqual((await gql(CONFIRM_PHONE, { code: wrong }, token)).data, { confirmPhoneVerification: { success: false } });
  t.is((await account(email)).phone_verified_at, null);
  t.deepEqual((await gql(CONFIRM_PHONE, { code: sent }, token)).data, { confirmPhoneVerification: { success: true } });
  t.like(await account(email), { phone_number: "+4915123456789", verification_level: "phone_verified" });
  t.is(errorCode(await gql(CONFIRM_PHONE, { code: sent }, token)), "EXPRD", "a code works once");
  const attempts = await asRoot(db, async (c) => (await c.query(
    "select attempts from app_private.phone_verification_codes where user_id = $1", [id])).rows[0].attempts);
  t.is(attempts, 1);
});

test.serial("five wrong codes use a code up; an expired code is refused; a new request voids the previous code", async (t) => {
  const { id } = await createUser(db);
  const token = await tokenFor(db, id);
  await gql(REQUEST_PHONE, { phone: "+447700900123" }, token);
  await runJobs();
  const sent = /(\d{6}) is your/.exec((await messagesTo(smsDir, "+447700900123")).at(-1) ?? "")?.[1];
  const wrong = sent === "123456" ? "654321" : "123456";
  for (let i = 0; i < 5; i++) {
    t.deepEqual((await gql(CONFIRM_PHONE, { code: wrong }, token)).data, { confirmPhoneVerification: { success: false } });
  }
  t.is(errorCode(await gql(CONFIRM_PHONE, { code: sent }, token)), "EXPRD", "the right code no longer works after 5 misses");

  await gql(REQUEST_PHONE, { phone: "+447700900123" }, token);
  await runJobs();
  const second = /(\d{6}) is your/.exec((await messagesTo(smsDir, "+447700900123")).at(-1) ?? "")?.[1];
  await gql(REQUEST_PHONE, { phone: "+447700900123" }, token);
  t.is(errorCode(await gql(CONFIRM_PHONE, { code: second }, token)), "EXPRD", "a new request voids the previous code");
  await runJobs();
  await asRoot(db, (c) => c.query(
    "update app_private.phone_verification_codes set expires_at = now() - interval '1 second' where user_id = $1 and used_at is null", [id]));
  const third = /(\d{6}) is your/.exec((await messagesTo(smsDir, "+447700900123")).at(-1) ?? "")?.[1];
  t.is(errorCode(await gql(CONFIRM_PHONE, { code: third }, token)), "EXPRD");
});

test.serial("phone verification refuses bad input, strangers, other accounts' numbers and too many requests", async (t) => {
  // Granted to signed-in users only: visitors are refused by the grant itself.
  t.is(errorCode(await gql(REQUEST_PHONE, { phone: "+4915100000001" })), "DNIED");
  t.is(errorCode(await gql(CONFIRM_PHONE, { code: "123456" })), "DNIED");
  const { id: pending } = await createUser(db, { status: "pending" });
  t.is(errorCode(await gql(REQUEST_PHONE, { phone: "+4915100000001" }, await tokenFor(db, pending))), "DNIED");

  const { id } = await createUser(db);
  const token = await tokenFor(db, id);
  for (const phone of ["015112345678", "+0151123", "+49 151 abc", ""]) {
    t.is(errorCode(await gql(REQUEST_PHONE, { phone }, token)), "INVAL", phone);
  }
  for (const c of ["12345", "1234567", "abcdef"]) t.is(errorCode(await gql(CONFIRM_PHONE, { code: c }, token)), "INVAL");
  t.is(errorCode(await gql(CONFIRM_PHONE, { code: "123456" }, token)), "EXPRD", "no code was requested");

  const { id: other } = await createUser(db);
  await asRoot(db, (c) => c.query(
    "update app_public.user_contacts set phone_number = '+4915199999999', phone_verified_at = now() where user_id = $1", [other]));
  t.is(errorCode(await gql(REQUEST_PHONE, { phone: "+4915199999999" }, token)), "INVAL");

  for (let i = 0; i < 5; i++) {
    t.deepEqual((await gql(REQUEST_PHONE, { phone: "+4915100000002" }, token)).data, { requestPhoneVerification: { success: true } });
  }
  t.is(errorCode(await gql(REQUEST_PHONE, { phone: "+4915100000002" }, token)), "LIMIT");
  const live = await asRoot(db, async (c) => (await c.query(
    "select count(*)::int as n from app_private.phone_verification_codes where user_id = $1 and used_at is null", [id])).rows[0].n);
  t.is(live, 1, "only the newest request is live");
});

test.serial("the daily cleanup deletes used and long-expired tokens and codes, and keeps live ones", async (t) => {
  const { id } = await createUser(db);
  const ids = await asRoot(db, async (c) => {
    const email = (await c.query(
      "insert into app_private.emails (user_id, recipient, subject, body, status, sent_at) values ($1, 'x@example.com', 's', 'b', 'sent', now()) returning id",
      [id])).rows[0].id;
    const insert = async (sql: string) => (await c.query(sql, [id, email])).rows[0].id as string;
    const token = () => "sha256(public.gen_random_bytes(8))";
    return {
      liveEmail: await insert(`insert into app_private.email_verification_tokens (user_id, email_id, email, token_hash, expires_at)
        values ($1, $2, 'x@example.com', ${token()}, now() + interval '1 hour') returning id`),
      usedEmail: await insert(`insert into app_private.email_verification_tokens (user_id, email_id, email, token_hash, expires_at, used_at)
        values ($1, $2, 'x@example.com', ${token()}, now() + interval '1 hour', now()) returning id`),
      recentlyExpiredReset: await insert(`insert into app_private.password_reset_tokens (user_id, email_id, token_hash, expires_at)
        values ($1, $2, ${token()}, now() - interval '1 hour') returning id`),
      oldReset: await insert(`insert into app_private.password_reset_tokens (user_id, email_id, token_hash, expires_at)
        values ($1, $2, ${token()}, now() - interval '25 hours') returning id`),
      unmintedPhone: await insert(`insert into app_private.phone_verification_codes (user_id, phone_number, created_at)
        select $1, '+4915100000009', now() - interval '25 hours' where $2::uuid is not null returning id`),
    };
  });
  const counts = await asRoot(db, async (c) => (await c.query("select app_private.cleanup_expired_data() as r")).rows[0].r);
  t.true(counts.account_tokens_pruned >= 3);
  const left = await asRoot(db, async (c) => (await c.query(
    `select id from app_private.email_verification_tokens union all select id from app_private.password_reset_tokens
     union all select id from app_private.phone_verification_codes`)).rows.map((r) => r.id));
  t.true(left.includes(ids.liveEmail));
  t.true(left.includes(ids.recentlyExpiredReset));
  for (const gone of [ids.usedEmail, ids.oldReset, ids.unmintedPhone]) t.false(left.includes(gone));
  t.is((await asRoot(db, async (c) => (await c.query("select app_private.prune_account_tokens() as n")).rows[0].n)), 0,
    "idempotent");
});

test("token, code and rate-limit tables are out of reach of every API role", async (t) => {
  const { id } = await createUser(db);
  const statements = [
    ...["email_verification_tokens", "password_reset_tokens", "phone_verification_codes", "rate_limit_hits"]
      .map((table) => `select * from app_private.${table}`),
    "select app_private.issue_email_token(gen_random_uuid())",
    "select * from app_private.issue_phone_code(gen_random_uuid())",
    "select app_hidden.rate_limit_take('register_ip', 'x', 100, '1 hour')",
  ];
  for (const actor of [anonymous, user(id)]) {
    await actAs(db, actor, async (c) => {
      for (const sql of statements) {
        // A savepoint per statement: each refusal aborts only its own part of the transaction.
        await c.query("savepoint probe");
        t.is(await sqlstate(c.query(sql)), "42501", `${actor.kind}: ${sql}`);
        await c.query("rollback to savepoint probe");
      }
    });
  }
});
