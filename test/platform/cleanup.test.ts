// The daily cleanup (docs/platform.md, app_private.cleanup_expired_data): two-factor challenges and setup records
// go 24 h after they expire (used challenges at once); every step touches at most retention.batch_size rows per call,
// the job calls it until nothing is left, and running it again changes nothing.
// Serial: the tests change retention.batch_size and count rows across the whole database.
import test from "ava";
import { Logger } from "graphile-worker";
import { createUser } from "../helpers/actors.ts";
import { asRoot, useTestDatabase } from "../helpers/database.ts";
import { readyFile } from "../helpers/files.ts";
import { createMember, createRequest, createTrip } from "../helpers/marketplace.ts";
import { runTask } from "../helpers/worker.ts";

const logs: Array<{ message: string; meta?: Record<string, unknown> }> = [];
const logger = new Logger(() => (_level, message, meta) => { logs.push({ message, meta }); });

const db = useTestDatabase(test);

const sql = <T = Record<string, unknown>>(text: string, params: unknown[] = []) =>
  asRoot(db, async (c) => (await c.query(text, params)).rows as T[]);
const cleanup = async () => (await sql<{ r: Record<string, number | boolean> }>(
  "select app_private.cleanup_expired_data() as r"))[0]!.r;
const setBatchSize = (n: number) =>
  sql("update app_public.system_configuration set value = $1::jsonb where category = 'retention' and key = 'batch_size'", [String(n)]);

/** What each cleanup step removes or expires, counted the way the step sees it. */
const LEFT_OVER: Record<string, string> = {
  sessions: "select count(*) from app_private.sessions where revoked_at < now() - interval '30 days'",
  login_attempts: "select count(*) from app_private.login_attempts where created_at < now() - interval '30 days'",
  email_tokens: "select count(*) from app_private.email_verification_tokens where used_at is not null",
  reset_tokens: "select count(*) from app_private.password_reset_tokens where expires_at < now() - interval '24 hours'",
  phone_codes: "select count(*) from app_private.phone_verification_codes where created_at < now() - interval '24 hours'",
  rate_limit_hits: "select count(*) from app_private.rate_limit_hits where created_at < now() - interval '1 day'",
  mfa_challenges: "select count(*) from app_private.mfa_challenges where used_at is not null",
  two_factor_setups: "select count(*) from app_private.two_factor_setups where created_at < now() - interval '25 hours'",
  documents: "select count(*) from app_public.user_verification_documents where status = 'approved' and expires_on < current_date",
  verification_levels: `select count(*) from app_public.users u where u.verification_level = 'fully_verified'
                          and not exists (select 1 from app_public.user_verification_documents d where d.user_id = u.id)`,
  offers: "select count(*) from app_public.delivery_offers where status = 'pending' and valid_until <= now()",
  requests: "select count(*) from app_public.delivery_requests where status = 'pending' and expires_at <= now()",
  trip_weather: "select count(*) from app_public.trip_weather where expires_at < now()",
  anonymisation: `select count(*) from app_private.account_closures where kind = 'deleted' and anonymised_at is null`,
  unattached_files: `select count(*) from app_public.files where status = 'ready' and attached_at is null
                       and ready_at < now() - interval '7 days'`,
};
async function leftOver(): Promise<Record<string, number>> {
  const entries = await Promise.all(Object.entries(LEFT_OVER).map(async ([step, query]) =>
    [step, Number((await sql<{ count: string }>(query))[0]!.count)] as const));
  return Object.fromEntries(entries);
}
const each = (n: number) => Object.fromEntries(Object.keys(LEFT_OVER).map((step) => [step, n]));

/** n rows that every cleanup step must handle. */
async function seedExpired(n: number): Promise<void> {
  const customer = await createMember(db, "customer", "email_verified");
  const traveler = await createMember(db, "traveler", "phone_verified");
  const trip = await createTrip(db, traveler);
  for (let i = 0; i < n; i++) {
    const { id } = await createUser(db);
    const offerRequest = await createRequest(db, customer);
    const expiringRequest = await createRequest(db, customer);
    const weatherTrip = await createTrip(db, traveler);
    const documentImage = await readyFile(db, id, "verification_document");
    // An upload nothing attached within files.unattached_days (7), and one still within them.
    const unattached = await readyFile(db, id, "item_photo");
    await readyFile(db, id, "item_photo");
    await asRoot(db, async (c) => {
      const email = (await c.query<{ id: string }>(
        "insert into app_private.emails (user_id, recipient, subject, body, status, sent_at) values ($1, 'x@example.test', 's', 'b', 'sent', now()) returning id",
        [id])).rows[0]!.id;
      await c.query("insert into app_private.sessions (user_id, expires_at, revoked_at) values ($1, now(), now() - interval '31 days')", [id]);
      await c.query("insert into app_private.login_attempts (user_id, email, outcome, created_at) values ($1, 'x@example.test', 'wrong_password', now() - interval '31 days')", [id]);
      await c.query("insert into app_private.email_verification_tokens (user_id, email_id, email, token_hash, expires_at, used_at) values ($1, $2, 'x@example.test', sha256(gen_random_bytes(8)), now() + interval '1 hour', now())", [id, email]);
      await c.query("insert into app_private.password_reset_tokens (user_id, email_id, token_hash, expires_at) values ($1, $2, sha256(gen_random_bytes(8)), now() - interval '25 hours')", [id, email]);
      await c.query("insert into app_private.phone_verification_codes (user_id, phone_number, created_at) values ($1, '+4915100000009', now() - interval '25 hours')", [id]);
      await c.query("insert into app_private.rate_limit_hits (bucket, subject, created_at) values ('test', $1, now() - interval '2 days')", [id]);
      await c.query("insert into app_private.mfa_challenges (user_id, token_hash, expires_at, used_at) values ($1, sha256(gen_random_bytes(8)), now() + interval '1 minute', now())", [id]);
      await c.query("insert into app_private.two_factor_setups (user_id, created_at) values ($1, now() - interval '26 hours')", [id]);
      await c.query("insert into app_public.user_verification_documents (user_id, document_type, front_image_id, status, reviewed_at, expires_on) values ($1, 'other', $2, 'approved', now(), current_date - 1)", [id, documentImage]);
      await c.query(`insert into app_public.delivery_offers (request_id, customer_id, traveler_id, trip_id, initiated_by, status,
                       awaiting_party, price, currency, valid_until)
                     values ($1, $2, $3, $4, 'traveler', 'pending', 'customer', 3000, 'EUR', now() - interval '1 minute')`,
        [offerRequest, customer, traveler, trip]);
      await c.query("update app_public.delivery_requests set created_at = now() - interval '8 days', expires_at = now() - interval '1 minute' where id = $1", [expiringRequest]);
      await c.query("insert into app_public.trip_weather (trip_id, weather, provider, fetched_at, expires_at) values ($1, '{}', 'offline', now() - interval '4 hours', now() - interval '1 minute')", [weatherTrip]);
      const stale = (await createUser(db)).id;
      await c.query("update app_public.files set ready_at = now() - interval '8 days' where id = $1", [unattached]);
      await c.query("update app_public.users set verification_level = 'fully_verified' where id = $1", [stale]);
      const deleted = (await createUser(db)).id;
      await c.query("update app_public.users set status = 'deactivated', deactivated_at = now(), deleted_at = now() - interval '31 days' where id = $1", [deleted]);
      await c.query("insert into app_private.account_closures (user_id, kind, reason) values ($1, 'deleted', 'bye')", [deleted]);
    });
  }
}

test.serial("two-factor challenges and setup records go 24 h after they expire, used challenges at once", async (t) => {
  const { id } = await createUser(db);
  const challenges = await asRoot(db, async (c) => {
    const insert = async (expires: string, used: string) => (await c.query<{ id: string }>(
      `insert into app_private.mfa_challenges (user_id, token_hash, expires_at, used_at)
       values ($1, sha256(gen_random_bytes(8)), now() + interval '${expires}', ${used}) returning id`, [id])).rows[0]!.id;
    return { live: await insert("5 minutes", "null"), recentlyExpired: await insert("-23 hours", "null"),
      longExpired: await insert("-25 hours", "null"), used: await insert("4 minutes", "now()") };
  });
  // A setup record counts for an hour (security.rate_2fa_setup_hour); it expires then.
  const setups = await asRoot(db, async (c) => {
    const insert = async (age: string) => String((await c.query<{ id: string }>(
      `insert into app_private.two_factor_setups (user_id, created_at) values ($1, now() - interval '${age}') returning id`,
      [id])).rows[0]!.id);
    return { counting: await insert("10 minutes"), recentlyExpired: await insert("24 hours"), longExpired: await insert("26 hours") };
  });
  await cleanup();
  const leftChallenges = (await sql<{ id: string }>("select id from app_private.mfa_challenges where user_id = $1", [id])).map((r) => r.id);
  t.deepEqual(leftChallenges.sort(), [challenges.live, challenges.recentlyExpired].sort());
  const leftSetups = (await sql<{ id: string }>("select id::text from app_private.two_factor_setups where user_id = $1", [id])).map((r) => r.id);
  t.deepEqual(leftSetups.sort(), [setups.counting, setups.recentlyExpired].sort());
});

test.serial("every step handles at most retention.batch_size rows per call; more calls finish the work, then change nothing", async (t) => {
  await seedExpired(3);
  t.deepEqual(await leftOver(), each(3));
  await setBatchSize(2);
  try {
    const first = await cleanup();
    t.deepEqual(await leftOver(), each(1), "each step stopped after 2 rows");
    t.true(first.more, "the answer says there may be more");
    await cleanup();
    t.deepEqual(await leftOver(), each(0));
    let again = await cleanup();
    for (let round = 0; again.more && round < 3; round++) again = await cleanup();
    const { more, ...counts } = again;
    t.false(more);
    t.true(Object.values(counts).every((n) => n === 0), JSON.stringify(counts));
  } finally {
    await setBatchSize(10000);
  }
});

test.serial("the daily job calls the cleanup until every step is done, one transaction per round", async (t) => {
  await seedExpired(5);
  await setBatchSize(2);
  try {
    await runTask(db, "maintenance__cleanup_expired_data", { logger });
    t.deepEqual(await leftOver(), each(0));
    const entry = logs.find((l) => l.message === "expired data cleaned up");
    t.truthy(entry);
    t.true(Number(entry!.meta!.rounds) >= 3, `rounds: ${entry!.meta!.rounds}`);
    t.like(entry!.meta!.counts as Record<string, number>, { offers_expired: 5, requests_expired: 5, users_anonymised: 5,
      trip_weather_deleted: 5, documents_expired: 5, verification_levels_refreshed: 5, unattached_files_removed: 5 });
    t.deepEqual(await sql("select last_error from graphile_worker._private_jobs"), []);
  } finally {
    await setBatchSize(10000);
  }
});
