// Login protection (docs/identity.md): every attempt recorded, 5 straight failures lock the account for 15 min
// (with one email to the owner), a per-IP limit on failed attempts, at most 10 live sessions per user, and 20
// parallel wrong-password logins that lock the account exactly at the threshold.
import test from "ava";
import pg from "pg";
import { createUser, DEFAULT_PASSWORD } from "../helpers/actors.ts";
import { asRoot } from "../helpers/database.ts";
import { useTestServer } from "../helpers/server.ts";
import { notificationsTo } from "../helpers/notifications.ts";

const { db, server } = useTestServer(test);

const LOGIN = `mutation ($email: String!, $password: String!) { login(input: { email: $email, password: $password }) { authResult { accessToken refreshToken } } }`;
const WRONG = "Wrong-Horse-9";

/** login() as app_anonymous on its own connection, with the client IP the server would pass (none by default). */
async function login(email: string, password: string, ip: string | null = null): Promise<string | null> {
  return asRoot(db, async (c) => {
    await c.query("begin");
    await c.query("select set_config('request.ip', $1, true)", [ip ?? ""]);
    await c.query("set local role app_anonymous");
    const { rows } = await c.query("select ((app_public.login($1, $2)).access_token).session_id as session_id", [email, password]);
    await c.query("commit");
    return rows[0].session_id as string | null;
  });
}

const secrets = (userId: string) => asRoot(db, async (c) =>
  (await c.query("select failed_login_count, locked_until > now() as locked from app_private.user_secrets where user_id = $1",
    [userId])).rows[0] as { failed_login_count: number; locked: boolean | null });
const outcomes = (userId: string) => asRoot(db, async (c) =>
  (await c.query("select outcome::text from app_private.login_attempts where user_id = $1 order by id", [userId]))
    .rows.map((r) => r.outcome as string));
const lockEmails = async (userId: string) =>
  (await notificationsTo(db, { userId }, { template: "account_locked", channel: "email" })).length;

test("a success resets the failure streak, and every attempt is recorded", async (t) => {
  const { id, email } = await createUser(db);
  for (let i = 0; i < 4; i++) t.is(await login(email, WRONG), null);
  t.like(await secrets(id), { failed_login_count: 4, locked: null });
  t.regex(String(await login(email, DEFAULT_PASSWORD)), /^[0-9a-f-]{36}$/);
  t.like(await secrets(id), { failed_login_count: 0, locked: null });
  for (let i = 0; i < 4; i++) t.is(await login(email, WRONG), null);
  t.like(await secrets(id), { failed_login_count: 4, locked: null }, "four more failures do not lock: the streak restarted");
  t.deepEqual(await outcomes(id), [...Array(4).fill("wrong_password"), "success", ...Array(4).fill("wrong_password")]);
  t.is(await lockEmails(id), 0);
});

test("5 failures lock the account: the right password is refused the same way until the lock ends", async (t) => {
  const { id, email } = await createUser(db);
  for (let i = 0; i < 5; i++) {
    const res = await server.gql(LOGIN, { variables: { email, password: WRONG } });
    // Over HTTP every request comes from 127.0.0.1, which is also rate-limited after 5 failures: reset it.
    await asRoot(db, (c) => c.query("delete from app_private.login_attempts where ip = '127.0.0.1' and user_id is distinct from $1", [id]));
    t.deepEqual(res.data, { login: { authResult: null } });
  }
  t.like(await secrets(id), { locked: true });
  t.is(await lockEmails(id), 1, "the owner is told once");

  const unknown = await login("nobody-at-all@example.test", WRONG, "198.51.100.1");
  const locked = await login(email, DEFAULT_PASSWORD, "198.51.100.2");
  t.is(locked, null, "the right password does not open a locked account");
  t.is(unknown, null);
  t.is(await login(email, WRONG, "198.51.100.3"), null);
  t.is(await lockEmails(id), 1, "failures during the lock send nothing more and do not extend it");
  t.deepEqual((await outcomes(id)).slice(5), ["locked", "locked"]);

  // The 15 minutes pass (for the account and for the loopback address's failure window).
  await asRoot(db, async (c) => {
    await c.query("update app_private.user_secrets set locked_until = now() - interval '1 second' where user_id = $1", [id]);
    await c.query("update app_private.login_attempts set created_at = created_at - interval '15 minutes' where ip = '127.0.0.1'");
  });
  const res = await server.gql(LOGIN, { variables: { email, password: DEFAULT_PASSWORD } });
  t.truthy(res.data!.login.authResult.accessToken);
  t.like(await secrets(id), { failed_login_count: 0, locked: null });
});

test("the lockout uses the configured threshold and duration", async (t) => {
  const { id, email } = await createUser(db);
  // One transaction, rolled back: the changed configuration is never seen by the other tests of this file.
  const minutes = await asRoot(db, async (c) => {
    await c.query("begin");
    try {
      await c.query(`update app_public.system_configuration set value = '2' where category = 'security' and key = 'max_login_attempts';
        update app_public.system_configuration set value = '60' where category = 'security' and key = 'lockout_minutes';
        set local role app_anonymous`);
      const attempt = async () => (await c.query("select app_public.login($1, $2) as token", [email, WRONG])).rows[0].token;
      t.is(await attempt(), null);
      await c.query("reset role");
      t.like((await c.query("select failed_login_count, locked_until from app_private.user_secrets where user_id = $1", [id])).rows[0],
        { failed_login_count: 1, locked_until: null });
      await c.query("set local role app_anonymous");
      t.is(await attempt(), null);
      await c.query("reset role");
      return (await c.query(
        "select round(extract(epoch from locked_until - now()) / 60)::int as m from app_private.user_secrets where user_id = $1",
        [id])).rows[0].m as number;
    } finally {
      await c.query("rollback");
    }
  });
  t.is(minutes, 60, "locked after 2 failures, for 60 minutes");
});

test("failures from a shared address do not lock its other users out; the per-address limit is configured", async (t) => {
  const ip = "192.0.2.77";
  const victim = await createUser(db);
  // Issue 9: one attacker behind a NAT or proxy used to lock everybody behind it out after 5 failures.
  for (let i = 0; i < 5; i++) t.is(await login(`nobody-${i}@example.test`, WRONG, ip), null);
  t.truthy(await login(victim.email, DEFAULT_PASSWORD, ip), "5 failures of others do not refuse a right password");
  const limit = await asRoot(db, async (c) => Number((await c.query(
    "select value from app_public.system_configuration where category = 'security' and key = 'rate_login_15min_ip'")).rows[0].value));
  t.is(limit, 100, "sized for shared addresses (README, Security)");
  // Past the configured number of failures the address is refused, even with the right password of another account.
  await asRoot(db, (c) => c.query(`insert into app_private.login_attempts (email, ip, outcome)
    select 'spray-' || g || '@example.test', $1, 'unknown_email' from generate_series(1, $2) g`, [ip, limit - 5]));
  t.is(await login(victim.email, DEFAULT_PASSWORD, ip), null, "refused from the noisy address");
  t.is((await outcomes(victim.id)).at(-1), "rate_limited");
  t.like(await secrets(victim.id), { failed_login_count: 0 }, "a rate-limited attempt does not count against the account");
  t.truthy(await login(victim.email, DEFAULT_PASSWORD, "192.0.2.78"), "another address is not affected");
  // The window slides: older failures no longer count.
  await asRoot(db, (c) => c.query("update app_private.login_attempts set created_at = now() - interval '16 minutes' where ip = $1", [ip]));
  t.truthy(await login(victim.email, DEFAULT_PASSWORD, ip));
});

test("20 parallel wrong-password logins lock the account exactly at the threshold", async (t) => {
  const { id, email } = await createUser(db);
  const clients = await Promise.all(Array.from({ length: 20 }, async () => {
    const client = new pg.Client({ connectionString: db.rootUrl });
    await client.connect();
    await client.query("set role app_anonymous");
    return client;
  }));
  try {
    const results = await Promise.all(clients.map((c) =>
      c.query("select app_public.login($1, $2) as token", [email, WRONG])));
    t.deepEqual(results.map((r) => r.rows[0].token), Array(20).fill(null));
  } finally {
    await Promise.all(clients.map((c) => c.end()));
  }
  const seen = await outcomes(id);
  t.deepEqual(seen, [...Array(5).fill("wrong_password"), ...Array(15).fill("locked")],
    "exactly 5 failures counted before the lock, every later attempt refused as locked");
  t.like(await secrets(id), { failed_login_count: 0, locked: true });
  t.is(await lockEmails(id), 1);
});

test("an 11th session revokes the least recently active one", async (t) => {
  const { id, email } = await createUser(db);
  const sessions: string[] = [];
  for (let i = 0; i < 10; i++) sessions.push((await login(email, DEFAULT_PASSWORD, `10.0.0.${i + 1}`))!);
  // Session 3 was the least recently used, session 0 the most.
  await asRoot(db, (c) => c.query(
    "update app_private.sessions set last_active_at = now() - make_interval(mins => 100 - array_position($2::uuid[], id)) where user_id = $1",
    [id, sessions]));
  await asRoot(db, (c) => c.query("update app_private.sessions set last_active_at = now() - interval '1 day' where id = $1", [sessions[3]]));
  await asRoot(db, (c) => c.query("update app_private.sessions set last_active_at = now() where id = $1", [sessions[0]]));
  const eleventh = (await login(email, DEFAULT_PASSWORD, "10.0.0.11"))!;
  const live = await asRoot(db, async (c) => (await c.query(
    "select id from app_private.sessions where user_id = $1 and revoked_at is null order by id", [id])).rows.map((r) => r.id));
  t.deepEqual(live, [...sessions.filter((_, i) => i !== 3), eleventh].sort());
  const ip = await asRoot(db, async (c) => (await c.query("select host(ip) as ip from app_private.sessions where id = $1", [eleventh])).rows[0].ip);
  t.is(ip, "10.0.0.11", "the session records the client IP");
});
