// The TOTP secret at rest (docs/identity.md): encrypted with pgcrypto under TOTP_ENCRYPTION_KEY, which only
// the server holds and hands to SQL per request. The stored bytes and a real pg_dump hold neither the secret nor the
// key; without the key no code verifies and no secret is stored; a rotation through TOTP_ENCRYPTION_KEY_PREVIOUS
// moves secrets to the new key; a lost key leaves the backup codes. Serial: the rotation test starts servers of its
// own, whose schema builds would otherwise stall the requests of tests running beside it.
import test from "ava";
import { execFile } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import { join } from "node:path";
import { promisify } from "node:util";
import { actAs, createUser, DEFAULT_PASSWORD, user } from "../helpers/actors.ts";
import { asRoot, requireEnv } from "../helpers/database.ts";
import { sqlstate } from "../helpers/errors.ts";
import { startTestServer, type TestServer, useTestServer } from "../helpers/server.ts";
import { base32Encode, currentStep, LOGIN, totp, userWith2fa, VERIFY } from "../helpers/two_factor.ts";

const { db, server } = useTestServer(test);

const KEY = () => requireEnv("TOTP_ENCRYPTION_KEY");
const keyId = (key: string) => createHash("sha256").update(key).digest().subarray(0, 8).toString("hex");
const otherKey = () => randomBytes(32).toString("hex");
const storedRow = (id: string) => asRoot(db, async (c) => (await c.query<{ secret_encrypted: Buffer; secret_key_id: string }>(
  "select secret_encrypted, secret_key_id from app_private.user_two_factor_auth where user_id = $1", [id])).rows[0]!);

test.serial("the stored secret is ciphertext under the server's key: a dump of the database alone yields no codes", async (t) => {
  const { id, secret } = await userWith2fa(db, server);
  const stored = await storedRow(id);
  t.is(stored.secret_key_id, keyId(KEY()), "the row names its key by fingerprint");
  t.false(stored.secret_encrypted.includes(secret), "the secret's bytes appear nowhere in the stored value");

  // What a dump of the database holds: every row of app_private and app_public, as pg_dump writes them.
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

test.serial("without a key in the transaction no secret is stored at all", async (t) => {
  const { id } = await createUser(db);
  await actAs(db, user(id), async (c) => {
    t.is(await sqlstate(c.query("select app_public.setup_two_factor()")), "P0001", "a masked internal error");
  });
  t.is(await asRoot(db, async (c) => (await c.query("select count(*)::int as n from app_private.user_two_factor_auth where user_id = $1", [id])).rows[0].n), 0);
});

test.serial("rotation: with the old key as TOTP_ENCRYPTION_KEY_PREVIOUS codes keep working and secrets move to the new key; a lost key leaves the backup codes", async (t) => {
  const { id, email, secret, backupCodes } = await userWith2fa(db, server);
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
