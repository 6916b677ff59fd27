// Two-factor authentication (docs/identity.md): TOTP per RFC 6238 computed in SQL (checked against the RFC's SHA-1
// vectors), setup → confirm with backup codes, login with a challenge, reused steps and backup codes refused,
// challenge expiry and tries, disable and regenerate. The secret at rest: test/identity/two_factor_keys.test.ts.
import test from "ava";
import jwt from "jsonwebtoken";
import { createUser, DEFAULT_PASSWORD } from "../helpers/actors.ts";
import { asRoot, requireEnv } from "../helpers/database.ts";
import { errorCode } from "../helpers/errors.ts";
import { useTestServer } from "../helpers/server.ts";
import { notificationsTo } from "../helpers/notifications.ts";
import {
  base32Decode, CONFIRM, currentStep, LOGIN, SETUP, totp, userWith2fa as enrol, VERIFY,
} from "../helpers/two_factor.ts";

const { db, server } = useTestServer(test);

const DISABLE = "mutation ($password: String!, $code: String!) { disableTwoFactor(input: { password: $password, code: $code }) { success } }";
const REGENERATE = "mutation ($code: String!) { regenerateBackupCodes(input: { code: $code }) { backupCodes } }";

const userWith2fa = () => enrol(db, server);
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
  t.is(errorCode(await server.gql(CONFIRM, { token, variables: { code: "000000" } })),
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
  t.is(errorCode(again), "BADTK", "a challenge is used once");
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
  t.is(errorCode(late), "EXPRD");

  const challenge = await challengeFor(email);
  for (let i = 0; i < 5; i++) {
    const res = await server.gql(VERIFY, { variables: { challenge, code: "12345x" } });
    t.deepEqual(res.data, { verifyTwoFactorLogin: { authResult: null } });
  }
  const blocked = await server.gql(VERIFY, { variables: { challenge, code: totp(secret, currentStep()) } });
  t.is(errorCode(blocked), "LIMIT", "even the right code is refused after 5 tries");
  // Wrong codes count towards the account lockout too: a known password does not buy unlimited guesses.
  t.deepEqual((await server.gql(LOGIN, { variables: { email, password: DEFAULT_PASSWORD } })).data,
    { login: { authResult: null } }, "5 wrong codes locked the account");
  t.is((await notificationsTo(db, { email }, { template: "account_locked", channel: "email" })).length, 1);
  const unknown = await server.gql(VERIFY, { variables: { challenge: "ab".repeat(32), code: "123456" } });
  t.is(errorCode(unknown), "BADTK");
});

test("regenerating backup codes voids the old ones; disabling needs the password and a code", async (t) => {
  const { id, email, token, secret, backupCodes } = await userWith2fa();
  t.is(errorCode(await server.gql(REGENERATE, { token, variables: { code: "000000" === totp(secret, currentStep()) ? "111111" : "000000" } })),
    "BADTK");
  const regenerated = await server.gql(REGENERATE, { token, variables: { code: totp(secret, currentStep()) } });
  const fresh = regenerated.data!.regenerateBackupCodes.backupCodes as string[];
  t.is(fresh.length, 10);
  t.deepEqual(fresh.filter((c) => backupCodes.includes(c)), []);
  const old = await server.gql(VERIFY, { variables: { challenge: await challengeFor(email), code: backupCodes[1]! } });
  t.deepEqual(old.data, { verifyTwoFactorLogin: { authResult: null } }, "old backup codes stopped working");

  t.is(errorCode(await server.gql(DISABLE, { token, variables: { password: "Wrong-Horse-9", code: fresh[0]! } })), "CREDS");
  t.is(errorCode(await server.gql(DISABLE, { token, variables: { password: DEFAULT_PASSWORD, code: "99999-99999" } })), "BADTK");
  const off = await server.gql(DISABLE, { token, variables: { password: DEFAULT_PASSWORD, code: fresh[0]! } });
  t.deepEqual(off.data, { disableTwoFactor: { success: true } });
  t.is(await asRoot(db, async (c) => (await c.query("select count(*)::int as n from app_private.user_two_factor_auth where user_id = $1", [id])).rows[0].n), 0);
  t.truthy((await server.gql(LOGIN, { variables: { email, password: DEFAULT_PASSWORD } })).data!.login.authResult.accessToken,
    "login gives tokens directly again");
});

test("2FA operations need a login, and setup is rate-limited per hour", async (t) => {
  t.is(errorCode(await server.gql(SETUP)), "DNIED");
  const { id, email } = await createUser(db);
  const token = (await server.gql(LOGIN, { variables: { email, password: DEFAULT_PASSWORD } })).data!.login.authResult.accessToken;
  for (let i = 0; i < 10; i++) t.is((await server.gql(SETUP, { token })).errors, undefined);
  t.is(errorCode(await server.gql(SETUP, { token })), "LIMIT");
  await asRoot(db, (c) => c.query("update app_private.two_factor_setups set created_at = now() - interval '61 minutes' where user_id = $1", [id]));
  t.is((await server.gql(SETUP, { token })).errors, undefined);
});
