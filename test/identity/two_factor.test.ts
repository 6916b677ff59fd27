// Two-factor authentication (docs/domain.md §2): TOTP per RFC 6238 computed in SQL (checked against the RFC's SHA-1
// vectors), setup → confirm with backup codes, login with a challenge, reused steps and backup codes refused,
// challenge expiry and tries, disable and regenerate; the secret encrypted at rest under the server's key, and the
// key's rotation.
import test from "ava";
import { execFile } from "node:child_process";
import { createHash, createHmac, randomBytes } from "node:crypto";
import { join } from "node:path";
import { promisify } from "node:util";
import jwt from "jsonwebtoken";
import { readEnv } from "../../server/env.ts";
import { actAs, asRoot, createUser, DEFAULT_PASSWORD, requireEnv, sqlstate, user } from "../helpers/db.ts";
import { startTestServer, type TestServer, useTestServer } from "../helpers/server.ts";

const { db, server } = useTestServer(test);

/** RFC 6238 TOTP (HMAC-SHA-1), written independently of the SQL one. */
function totp(secret: Buffer, step: number, digits = 6): string {
  const message = Buffer.alloc(8);
  message.writeBigUInt64BE(BigInt(step));
  const mac = createHmac("sha1", secret).update(message).digest();
  const offset = mac[19]! & 0xf;
  const binary = mac.readUInt32BE(offset) & 0x7fffffff;
  return String(binary % 10 ** digits).padStart(digits, "0");
}
function base32Decode(text: string): Buffer {
  const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
  const bits = [...text].map((ch) => alphabet.indexOf(ch).toString(2).padStart(5, "0")).join("");
  return Buffer.from(bits.match(/.{8}/g)!.map((b) => parseInt(b, 2)));
}
function base32Encode(data: Buffer): string {
  const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
  const bits = [...data].map((b) => b.toString(2).padStart(8, "0")).join("");
  return (bits.padEnd(Math.ceil(bits.length / 5) * 5, "0").match(/.{5}/g) ?? []).map((b) => alphabet[parseInt(b, 2)]).join("");
}
const currentStep = () => Math.floor(Date.now() / 30000);

const LOGIN = `mutation ($email: String!, $password: String!) { login(input: { email: $email, password: $password }) {
  authResult { accessToken refreshToken mfaChallenge } } }`;
const VERIFY = `mutation ($challenge: String!, $code: String!) { verifyTwoFactorLogin(input: { challenge: $challenge, code: $code }) {
  authResult { accessToken refreshToken } } }`;
const SETUP = "mutation { setupTwoFactor(input: {}) { setup { secret otpauthUri } } }";
const CONFIRM = "mutation ($code: String!) { confirmTwoFactor(input: { code: $code }) { backupCodes } }";
const DISABLE = "mutation ($password: String!, $code: String!) { disableTwoFactor(input: { password: $password, code: $code }) { success } }";
const REGENERATE = "mutation ($code: String!) { regenerateBackupCodes(input: { code: $code }) { backupCodes } }";

/** A user with two-factor authentication on: their secret, backup codes and a logged-in access token. */
async function userWith2fa() {
  const { id, email } = await createUser(db);
  const first = await server.gql(LOGIN, { variables: { email, password: DEFAULT_PASSWORD } });
  const token = first.data!.login.authResult.accessToken as string;
  const setup = await server.gql(SETUP, { token });
  const secret = base32Decode(setup.data!.setupTwoFactor.setup.secret);
  // Confirm with the previous step so that tests can still use the current one.
  const confirmed = await server.gql(CONFIRM, { token, variables: { code: totp(secret, currentStep() - 1) } });
  return { id, email, token, secret, backupCodes: confirmed.data!.confirmTwoFactor.backupCodes as string[] };
}
const challengeFor = async (email: string) =>
  (await server.gql(LOGIN, { variables: { email, password: DEFAULT_PASSWORD } })).data!.login.authResult.mfaChallenge as string;

test("the SQL TOTP matches the RFC 6238 SHA-1 test vectors", async (t) => {
  const vectors: Array<[number, string]> = [[59, "94287082"], [1111111109, "07081804"], [1111111111, "14050471"],
    [1234567890, "89005924"], [2000000000, "69279037"], [20000000000, "65353130"]];
  const secret = Buffer.from("12345678901234567890");
  const rows = await asRoot(db, async (c) => (await c.query(
    `select t, app_private.totp_code($1, t / 30, 8) as eight, app_private.totp_code($1, t / 30) as six
       from unnest($2::bigint[]) as t`, [secret, vectors.map(([time]) => time)])).rows);
  t.deepEqual(rows.map((r) => [Number(r.t), r.eight, r.six]),
    vectors.map(([time, code]) => [time, code, code.slice(2)]));
  t.deepEqual(vectors.map(([time]) => totp(secret, Math.floor(time / 30), 8)), vectors.map(([, code]) => code),
    "the test's own implementation agrees");
});

test("setup returns a base32 secret and its otpauth URI; the secret lives only in app_private", async (t) => {
  const { id, email } = await createUser(db, { email: "Ann+2fa@example.test" });
  const token = (await server.gql(LOGIN, { variables: { email, password: DEFAULT_PASSWORD } })).data!.login.authResult.accessToken;
  const res = await server.gql(SETUP, { token });
  t.is(res.errors, undefined);
  const { secret, otpauthUri } = res.data!.setupTwoFactor.setup;
  t.regex(secret, /^[A-Z2-7]{32}$/);
  t.is(otpauthUri, `otpauth://totp/P2P%20Delivery:Ann%2B2fa%40example.test?secret=${secret}&issuer=P2P%20Delivery&algorithm=SHA1&digits=6&period=30`);
  // Stored encrypted under the server's key (test/identity/totp_encryption.test.ts covers what that means).
  const stored = await asRoot(db, async (c) => (await c.query(
    "select pgp_sym_decrypt_bytea(secret_encrypted, $2) as secret, enabled from app_private.user_two_factor_auth where user_id = $1",
    [id, requireEnv("TOTP_ENCRYPTION_KEY")])).rows[0]);
  t.deepEqual(stored, { secret: base32Decode(secret), enabled: false });
  // Not on yet: login still answers with tokens.
  const login = await server.gql(LOGIN, { variables: { email, password: DEFAULT_PASSWORD } });
  t.truthy(login.data!.login.authResult.accessToken);
  t.is((await server.gql(CONFIRM, { token, variables: { code: "000000" } })).errors?.[0]?.extensions?.code,
    totp(base32Decode(secret), currentStep()) === "000000" ? undefined : "BADTK");
});

test("confirm turns 2FA on with 10 backup codes; login then needs the second step", async (t) => {
  const { id, email, secret, backupCodes } = await userWith2fa();
  t.is(backupCodes.length, 10);
  t.true(backupCodes.every((c) => /^[0-9a-f]{5}-[0-9a-f]{5}$/.test(c)));
  t.is(new Set(backupCodes).size, 10);
  const hashes = await asRoot(db, async (c) => (await c.query(
    "select enabled, backup_code_hashes from app_private.user_two_factor_auth where user_id = $1", [id])).rows[0]);
  t.true(hashes.enabled);
  t.true((hashes.backup_code_hashes as string[]).every((h) => /^\$2a\$04\$/.test(h)), "bcrypt hashes only, at the configured cost (4 in the test template)");

  const login = await server.gql(LOGIN, { variables: { email, password: DEFAULT_PASSWORD } });
  const { accessToken, refreshToken, mfaChallenge } = login.data!.login.authResult;
  t.is(accessToken, null);
  t.is(refreshToken, null);
  t.regex(mfaChallenge, /^[0-9a-f]{64}$/);

  const done = await server.gql(VERIFY, { variables: { challenge: mfaChallenge, code: totp(secret, currentStep()) } });
  t.is(done.errors, undefined);
  const tokens = done.data!.verifyTwoFactorLogin.authResult;
  t.regex(tokens.refreshToken, /^[0-9a-f]{64}$/);
  const sessionId = (jwt.decode(tokens.accessToken) as jwt.JwtPayload).session_id;
  t.true(await asRoot(db, async (c) => (await c.query("select mfa_verified from app_private.sessions where id = $1", [sessionId])).rows[0].mfa_verified));
  t.is((await server.gql("{ currentUserId }", { token: tokens.accessToken })).data!.currentUserId, id);

  const again = await server.gql(VERIFY, { variables: { challenge: mfaChallenge, code: totp(secret, currentStep() + 1) } });
  t.is(again.errors?.[0]?.extensions?.code, "BADTK", "a challenge is used once");
});

test("a wrong code, a reused step and a reused backup code are refused", async (t) => {
  const { id, email, secret, backupCodes } = await userWith2fa();
  const challenge = await challengeFor(email);
  const wrong = await server.gql(VERIFY, { variables: { challenge, code: totp(secret, currentStep() + 5) } });
  t.deepEqual(wrong, { status: 200, data: { verifyTwoFactorLogin: { authResult: null } } }, "wrong code: null, the try counts");
  // The step accepted by confirmTwoFactor (read from the database, so a 30 s boundary in between cannot matter).
  const usedStep = await asRoot(db, async (c) => Number((await c.query(
    "select last_used_step from app_private.user_two_factor_auth where user_id = $1", [id])).rows[0].last_used_step));
  t.true(Math.abs(usedStep - currentStep()) <= 2);
  const reused = await server.gql(VERIFY, { variables: { challenge, code: totp(secret, usedStep) } });
  t.deepEqual(reused.data, { verifyTwoFactorLogin: { authResult: null } }, "the step used to confirm is refused");
  const backup = await server.gql(VERIFY, { variables: { challenge, code: backupCodes[0]! } });
  t.truthy(backup.data!.verifyTwoFactorLogin.authResult.accessToken, "a backup code works once");
  const second = await server.gql(VERIFY, { variables: { challenge: await challengeFor(email), code: backupCodes[0]! } });
  t.deepEqual(second.data, { verifyTwoFactorLogin: { authResult: null } }, "the same backup code is used up");
  t.is(await asRoot(db, async (c) => (await c.query(
    "select cardinality(backup_code_hashes) as n from app_private.user_two_factor_auth t join app_public.user_contacts u using (user_id) where u.email = $1",
    [email])).rows[0].n), 9);
  const attempts = await asRoot(db, async (c) => (await c.query(
    "select attempts from app_private.mfa_challenges where token_hash = sha256(decode($1, 'hex'))", [challenge])).rows[0].attempts);
  t.is(attempts, 3);
});

test("a challenge expires after 5 minutes (EXPRD) and allows 5 tries (then LIMIT)", async (t) => {
  const { email, secret } = await userWith2fa();
  const expired = await challengeFor(email);
  await asRoot(db, (c) => c.query("update app_private.mfa_challenges set expires_at = now() - interval '1 second' where token_hash = sha256(decode($1, 'hex'))", [expired]));
  const late = await server.gql(VERIFY, { variables: { challenge: expired, code: totp(secret, currentStep()) } });
  t.is(late.errors?.[0]?.extensions?.code, "EXPRD");

  const challenge = await challengeFor(email);
  for (let i = 0; i < 5; i++) {
    const res = await server.gql(VERIFY, { variables: { challenge, code: "12345x" } });
    t.deepEqual(res.data, { verifyTwoFactorLogin: { authResult: null } });
  }
  const blocked = await server.gql(VERIFY, { variables: { challenge, code: totp(secret, currentStep()) } });
  t.is(blocked.errors?.[0]?.extensions?.code, "LIMIT", "even the right code is refused after 5 tries");
  // Wrong codes count towards the account lockout too: a known password does not buy unlimited guesses.
  t.deepEqual((await server.gql(LOGIN, { variables: { email, password: DEFAULT_PASSWORD } })).data,
    { login: { authResult: null } }, "5 wrong codes locked the account");
  t.is(await asRoot(db, async (c) => (await c.query(
    `select count(*)::int as n from app_private.emails e join app_public.user_contacts c using (user_id)
      where c.email = $1 and e.subject = 'Your account was locked'`, [email])).rows[0].n), 1);
  const unknown = await server.gql(VERIFY, { variables: { challenge: "ab".repeat(32), code: "123456" } });
  t.is(unknown.errors?.[0]?.extensions?.code, "BADTK");
});

test("regenerating backup codes voids the old ones; disabling needs the password and a code", async (t) => {
  const { id, email, token, secret, backupCodes } = await userWith2fa();
  t.is((await server.gql(REGENERATE, { token, variables: { code: "000000" === totp(secret, currentStep()) ? "111111" : "000000" } }))
    .errors?.[0]?.extensions?.code, "BADTK");
  const regenerated = await server.gql(REGENERATE, { token, variables: { code: totp(secret, currentStep()) } });
  const fresh = regenerated.data!.regenerateBackupCodes.backupCodes as string[];
  t.is(fresh.length, 10);
  t.deepEqual(fresh.filter((c) => backupCodes.includes(c)), []);
  const old = await server.gql(VERIFY, { variables: { challenge: await challengeFor(email), code: backupCodes[1]! } });
  t.deepEqual(old.data, { verifyTwoFactorLogin: { authResult: null } }, "old backup codes stopped working");

  t.is((await server.gql(DISABLE, { token, variables: { password: "Wrong-Horse-9", code: fresh[0]! } })).errors?.[0]?.extensions?.code, "CREDS");
  t.is((await server.gql(DISABLE, { token, variables: { password: DEFAULT_PASSWORD, code: "99999-99999" } })).errors?.[0]?.extensions?.code, "BADTK");
  const off = await server.gql(DISABLE, { token, variables: { password: DEFAULT_PASSWORD, code: fresh[0]! } });
  t.deepEqual(off.data, { disableTwoFactor: { success: true } });
  t.is(await asRoot(db, async (c) => (await c.query("select count(*)::int as n from app_private.user_two_factor_auth where user_id = $1", [id])).rows[0].n), 0);
  t.truthy((await server.gql(LOGIN, { variables: { email, password: DEFAULT_PASSWORD } })).data!.login.authResult.accessToken,
    "login gives tokens directly again");
});

test("2FA operations need a login, and setup is rate-limited per hour", async (t) => {
  t.is((await server.gql(SETUP)).errors?.[0]?.extensions?.code, "42501");
  const { id, email } = await createUser(db);
  const token = (await server.gql(LOGIN, { variables: { email, password: DEFAULT_PASSWORD } })).data!.login.authResult.accessToken;
  for (let i = 0; i < 10; i++) t.is((await server.gql(SETUP, { token })).errors, undefined);
  t.is((await server.gql(SETUP, { token })).errors?.[0]?.extensions?.code, "LIMIT");
  await asRoot(db, (c) => c.query("update app_private.two_factor_setups set created_at = now() - interval '61 minutes' where user_id = $1", [id]));
  t.is((await server.gql(SETUP, { token })).errors, undefined);
});

// ---- The secret at rest: encrypted under TOTP_ENCRYPTION_KEY, which only the server holds ----

const KEY = () => requireEnv("TOTP_ENCRYPTION_KEY");
const keyId = (key: string) => createHash("sha256").update(key).digest().subarray(0, 8).toString("hex");
const otherKey = () => randomBytes(32).toString("hex");
const storedRow = (id: string) => asRoot(db, async (c) => (await c.query<{ secret_encrypted: Buffer; secret_key_id: string }>(
  "select secret_encrypted, secret_key_id from app_private.user_two_factor_auth where user_id = $1", [id])).rows[0]!);

test("the stored secret is ciphertext under the server's key: a dump of the database alone yields no codes", async (t) => {
  const { id, secret } = await userWith2fa();
  const stored = await storedRow(id);
  t.is(stored.secret_key_id, keyId(KEY()), "the row names its key by fingerprint");
  t.false(stored.secret_encrypted.includes(secret), "the secret's bytes appear nowhere in the stored value");

  // What a dump of the database holds: every row of app_private, as pg_dump writes it.
  const url = new URL(db.rootUrl);
  const { stdout: dump } = await promisify(execFile)(join(process.env.PG_BIN ?? "/usr/lib/postgresql/15/bin", "pg_dump"),
    ["--data-only", "--schema=app_private", "--schema=app_public"], { maxBuffer: 256 * 1024 * 1024, env: { ...process.env,
      PGHOST: url.hostname, PGPORT: url.port, PGUSER: decodeURIComponent(url.username),
      PGPASSWORD: decodeURIComponent(url.password), PGDATABASE: url.pathname.slice(1) } });
  t.true(dump.includes(stored.secret_encrypted.toString("hex")), "the dump holds the ciphertext");
  for (const form of [secret.toString("hex"), base32Encode(secret), KEY()]) {
    t.false(dump.includes(form), "neither the secret (hex or base32) nor the key is in the dump");
  }

  // Verifying needs the key of the request: without it, or with another, the right code is refused.
  const verify = (key: string | null) => asRoot(db, async (c) => {
    await c.query("begin");
    try {
      if (key) await c.query("select set_config('app.totp_key', $1, true)", [key]);
      return (await c.query("select app_private.use_totp_code($1, $2) as ok", [id, totp(secret, currentStep())])).rows[0].ok as boolean;
    } finally {
      await c.query("rollback");
    }
  });
  t.false(await verify(null), "no key: no code verifies");
  t.false(await verify(otherKey()), "another key: no code verifies");
  t.true(await verify(KEY()), "the server's key: the code verifies");
});

test("without a key in the transaction no secret is stored at all", async (t) => {
  const { id } = await createUser(db);
  await actAs(db, user(id), async (c) => {
    t.is(await sqlstate(c.query("select app_public.setup_two_factor()")), "P0001", "a masked internal error");
  });
  t.is(await asRoot(db, async (c) => (await c.query("select count(*)::int as n from app_private.user_two_factor_auth where user_id = $1", [id])).rows[0].n), 0);
});

test("rotation: with the old key as TOTP_ENCRYPTION_KEY_PREVIOUS codes keep working and secrets move to the new key; a lost key leaves the backup codes", async (t) => {
  const { id, email, secret, backupCodes } = await userWith2fa();
  const oldKey = KEY();
  const newKey = otherKey();
  const signIn = async (target: TestServer, code: string) => {
    const challenge = (await target.gql(LOGIN, { variables: { email, password: DEFAULT_PASSWORD } })).data!.login.authResult.mfaChallenge;
    return (await target.gql(VERIFY, { variables: { challenge, code } })).data!.verifyTwoFactorLogin.authResult;
  };
  // Each sign-in uses a later step than the one before (a used step is refused).
  let step = await asRoot(db, async (c) => Number((await c.query(
    "select last_used_step from app_private.user_two_factor_auth where user_id = $1", [id])).rows[0].last_used_step));
  const nextCode = () => totp(secret, Math.max(++step, currentStep() - 1));
  const servers: TestServer[] = [];
  const serverWith = async (overrides: Record<string, string>) => {
    const started = await startTestServer(db, overrides);
    servers.push(started);
    return started;
  };
  try {
    const rotating = await serverWith({ TOTP_ENCRYPTION_KEY: newKey, TOTP_ENCRYPTION_KEY_PREVIOUS: oldKey });
    t.truthy((await signIn(rotating, nextCode()))?.accessToken, "the previous key still opens the secret");
    t.is((await storedRow(id)).secret_key_id, keyId(newKey), "and the secret is sealed again under the new key");

    const rotated = await serverWith({ TOTP_ENCRYPTION_KEY: newKey });
    t.truthy((await signIn(rotated, nextCode()))?.accessToken, "the previous key can go once the secrets moved");

    const lost = await serverWith({ TOTP_ENCRYPTION_KEY: otherKey() });
    t.is(await signIn(lost, nextCode()), null, "a key that sealed nothing verifies no TOTP code");
    t.truthy((await signIn(lost, backupCodes[0]!))?.accessToken, "backup codes do not depend on the key");
  } finally {
    await Promise.all(servers.map((s) => s.close()));
  }
});

test("the server refuses to start without a usable TOTP_ENCRYPTION_KEY", (t) => {
  const base = { ...process.env, NODE_ENV: "production", SMTP_URL: "smtp://x", SMS_URL: "https://sms.example" };
  t.throws(() => readEnv({ ...base, TOTP_ENCRYPTION_KEY: "" }), { message: /TOTP_ENCRYPTION_KEY/ });
  t.throws(() => readEnv({ ...base, TOTP_ENCRYPTION_KEY: "too-short" }), { message: /TOTP_ENCRYPTION_KEY/ });
  t.throws(() => readEnv({ ...base, TOTP_ENCRYPTION_KEY_PREVIOUS: KEY() }), { message: /TOTP_ENCRYPTION_KEY_PREVIOUS/ });
  t.is(readEnv(base).totpEncryptionKey, KEY());
});
