// `npm run scale:demo [-- --keep]`: the scale-out path, run on this machine in throw-away clusters (nothing of the
// development database is touched), and what it showed, on stdout:
//   1. a primary PostgreSQL on loopback with the p2p database migrated and seeded (small);
//   2. PgBouncer (Debian's package) in transaction pooling in front of it;
//   3. `npm run start:prod` (2 API processes, 1 worker process) with the API's connections through PgBouncer and the
//      worker's direct (it LISTENs for jobs): sign-in, reads, a write whose job the worker runs, a closed-loop read
//      load, and PgBouncer's pools (many client connections, few server ones); the same load straight to PostgreSQL
//      for comparison;
//   4. a streaming replica (pg_basebackup -R) serving a read-only API instance: its reads come from the replica,
//      its session checks go to the primary; the write of step 3 shows up there; a mutation there is refused.
import { randomBytes } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { type Child, freePort, startChild } from "../bench/processes.ts";
import { closedLoop, graphqlOutcome, postJson } from "../bench/http.ts";
import { migrate } from "../db/migrate.ts";
import { ensureDatabase, ensureRoles, withDatabase } from "../db/setup.ts";
import { seedDatabase } from "../seed/seed.ts";
import { SEED_EMAIL_DOMAIN, SEED_PASSWORD } from "../seed/sizes.ts";
import { type Cluster, createPrimary, createReplica, ownedFolder, waitForQuery } from "./cluster.ts";
import { type Bouncer, startPgBouncer } from "./pgbouncer.ts";

const DATABASE = "p2p";
const keep = process.argv.includes("--keep");
const secret = () => randomBytes(12).toString("hex");
const passwords = { postgres: secret(), app_owner: secret(), app_authenticator: secret() };
const lines: string[] = [];
const say = (line: string) => {
  lines.push(line);
  process.stderr.write(`[scale] ${line}\n`);
};

const READ = `{ trips(first: 20, orderBy: [DEPARTURE_TIME_ASC]) { nodes { rowId title traveler { displayName } } } }`;

async function gql(url: string, query: string, token?: string, variables?: Record<string, unknown>) {
  const reply = await postJson(
    `${url}/graphql`,
    { query, variables },
    token ? { authorization: `Bearer ${token}` } : {}
  );
  return { ...reply, json: JSON.parse(reply.body) as { data?: unknown; errors?: Array<{ message: string }> } };
}

/** The value at a dotted path of a GraphQL answer's data, e.g. at(data, "login.authResult.accessToken"). */
function at(value: unknown, path: string): unknown {
  return path
    .split(".")
    .reduce<unknown>((v, key) => (v && typeof v === "object" ? (v as Record<string, unknown>)[key] : undefined), value);
}

async function readLoad(url: string, token: string, seconds = 5, concurrency = 24) {
  const result = await closedLoop(
    async () => graphqlOutcome(await postJson(`${url}/graphql`, { query: READ }, { authorization: `Bearer ${token}` })),
    concurrency,
    seconds * 1000
  );
  const failed = result.failures ? `, ${result.failures} failed, e.g. ${result.firstFailure}` : "";
  return `${result.rps.toFixed(0)} reads/s (${concurrency} clients, ${seconds} s${failed})`;
}

const base = await mkdtemp(join(tmpdir(), "p2p-scale-"));
await ownedFolder(base);
const stops: Array<() => Promise<void>> = [];
try {
  // 1. The primary.
  const primary: Cluster = await createPrimary(join(base, "primary"), await freePort(), passwords.postgres);
  stops.unshift(primary.stop);
  const ownerDirect = `postgres://app_owner:${passwords.app_owner}@127.0.0.1:${primary.port}/${DATABASE}?sslmode=disable`;
  const authDirect = `postgres://app_authenticator:${passwords.app_authenticator}@127.0.0.1:${primary.port}/${DATABASE}?sslmode=disable`;
  await ensureRoles(primary.rootUrl, ownerDirect, authDirect);
  await ensureDatabase(primary.rootUrl, DATABASE);
  await migrate(ownerDirect);
  const seeder = new pg.Client({ connectionString: ownerDirect });
  await seeder.connect();
  const counts = await seedDatabase(seeder, "small");
  const {
    rows: [demoUser],
  } = await seeder.query<{ email: string }>(
    `
    select c.email from app_public.user_contacts c join app_public.users u on u.id = c.user_id
     where u.status = 'active' and u.user_type = 'both' and u.verification_level >= 'email_verified' and c.email like $1
     order by c.email limit 1`,
    [`%@${SEED_EMAIL_DOMAIN}`]
  );
  // The demo's one user sends thousands of requests in seconds: a budget for that, in this throw-away database only.
  await seeder.query(`update app_public.system_configuration set value = '1000000'
                       where category = 'platform' and key in ('api_rate_limit_per_hour', 'api_anonymous_rate_limit_per_hour')`);
  await seeder.end();
  say(
    `1. primary PostgreSQL on 127.0.0.1:${primary.port}: ${DATABASE} migrated and seeded (${counts.trips} trips, ${counts.requests} requests)`
  );

  // 2. PgBouncer in front of it.
  const bouncer: Bouncer = await startPgBouncer(
    join(base, "pgbouncer"),
    await freePort(),
    primary.port,
    DATABASE,
    passwords,
    10
  );
  stops.unshift(bouncer.stop);
  say(`2. PgBouncer on 127.0.0.1:${bouncer.port}: pool_mode = transaction, 10 server connections per role`);

  // 3. start:prod through PgBouncer; the worker direct.
  const mailDir = await mkdtemp(join(tmpdir(), "p2p-scale-mail-"));
  stops.push(() => rm(mailDir, { recursive: true, force: true }));
  const common = {
    NODE_ENV: "development",
    MAIL_DIR: mailDir,
    SMTP_URL: "",
    API_PROCESSES: "2",
    WORKER_PROCESSES: "1",
  };
  const viaBouncer = {
    DATABASE_URL: bouncer.url("app_owner", passwords.app_owner),
    AUTH_DATABASE_URL: bouncer.url("app_authenticator", passwords.app_authenticator),
    WORKER_DATABASE_URL: ownerDirect,
    DATAPLAN_PG_PREPARED_STATEMENT_CACHE_SIZE: "0",
  };
  const apiPort = await freePort();
  const api: Child = await startChild("server/prod.ts", [], { ...common, ...viaBouncer }, "/readyz", apiPort);
  stops.unshift(api.stop);
  const login = await gql(
    api.url,
    `mutation ($email: String!, $password: String!) { login(input: { email: $email,
    password: $password }) { authResult { accessToken } } }`,
    undefined,
    { email: demoUser!.email, password: SEED_PASSWORD }
  );
  const token = at(login.json.data, "login.authResult.accessToken") as string | undefined;
  if (!token) throw new Error(`login through PgBouncer failed: ${login.body}`);
  const me = await gql(api.url, "{ currentUser { displayName } }", token);
  const trips = await gql(api.url, READ, token);
  say(`3. start:prod (2 API processes, 1 worker) on :${apiPort}, API pools through PgBouncer, worker direct:`);
  say(
    `   login → token; currentUser → ${at(me.json.data, "currentUser.displayName")}; trips → ${(at(trips.json.data, "trips.nodes") as unknown[] | undefined)?.length} rows`
  );
  const started = performance.now();
  const created = await gql(
    api.url,
    `mutation ($d: DeliveryRequestDetailInput!) { createDeliveryRequest(input: { details: $d }) {
    deliveryRequest { rowId } } }`,
    token,
    {
      d: {
        title: "Scale demo parcel",
        category: "other",
        itemName: "Books",
        weightKg: "2",
        pickupAddress: "1 Rue de Rivoli",
        pickupPoint: { type: "Point", coordinates: [2.35, 48.857] },
        pickupCity: "Paris",
        pickupCountry: "FR",
        deliveryAddress: "1 Unter den Linden",
        deliveryPoint: { type: "Point", coordinates: [13.39, 52.517] },
        deliveryCity: "Berlin",
        deliveryCountry: "DE",
        pickupWindowStart: new Date(Date.now() + 2 * 86_400_000).toISOString(),
        pickupWindowEnd: new Date(Date.now() + 3 * 86_400_000).toISOString(),
        maxPrice: "5000",
      },
    }
  );
  const requestId = at(created.json.data, "createDeliveryRequest.deliveryRequest.rowId") as string | undefined;
  if (!requestId) throw new Error(`createDeliveryRequest through PgBouncer failed: ${created.body}`);
  await waitForQuery<{ queued: number }>(
    ownerDirect,
    "select count(*)::int as queued from graphile_worker.jobs where task_identifier = 'matching__record_candidates'",
    (row) => row.queued === 0
  );
  say(
    `   createDeliveryRequest → ${requestId}; its matching job ran in the worker (LISTEN/NOTIFY on its direct ` +
      `connection) ${(performance.now() - started).toFixed(0)} ms after the request was sent`
  );
  say(`   through PgBouncer: ${await readLoad(api.url, token)}`);
  const pools = await bouncer.pools();
  for (const pool of pools) {
    say(
      `   PgBouncer pool ${pool.user}: ${pool.clientsActive + pool.clientsWaiting} client connections → ` +
        `${pool.serversActive + pool.serversIdle + pool.serversUsed} server connections`
    );
  }
  await api.stop();
  stops.shift();
  const direct = await startChild(
    "server/prod.ts",
    [],
    { ...common, DATABASE_URL: ownerDirect, AUTH_DATABASE_URL: authDirect },
    "/readyz",
    apiPort
  );
  stops.unshift(direct.stop);
  say(`   the same, straight to PostgreSQL (prepared statements on): ${await readLoad(direct.url, token)}`);

  // 4. A streaming replica and a read-only API on it.
  const replica = await createReplica(primary, join(base, "replica"), await freePort(), passwords.postgres);
  stops.unshift(replica.stop);
  await waitForQuery<{ standby: boolean }>(
    replica.rootUrl,
    "select pg_is_in_recovery() as standby",
    (row) => row.standby
  );
  const readOnlyPort = await freePort();
  const readOnly = await startChild(
    "server/api.ts",
    [],
    {
      ...common,
      DATABASE_URL: bouncer.url("app_owner", passwords.app_owner),
      AUTH_DATABASE_URL: withDatabase(
        `postgres://app_authenticator:${passwords.app_authenticator}@127.0.0.1:${replica.port}/x?sslmode=disable`,
        DATABASE
      ),
      DATAPLAN_PG_PREPARED_STATEMENT_CACHE_SIZE: "0",
    },
    "/readyz",
    readOnlyPort
  );
  stops.unshift(readOnly.stop);
  say(
    `4. streaming replica on 127.0.0.1:${replica.port} (pg_basebackup -R, hot standby); read-only API (server/api.ts) on ` +
      `:${readOnlyPort}: GraphQL on the replica, session checks on the primary through PgBouncer`
  );
  const seen = await gql(readOnly.url, `query ($id: UUID!) { deliveryRequest(rowId: $id) { title } }`, token, {
    id: requestId,
  });
  say(
    `   the request written through the primary's API reads back from the replica: ${JSON.stringify(seen.json.data)}`
  );
  const refused = await gql(readOnly.url, "mutation { logout(input: {}) { success } }", token);
  // The API masks the database's refusal; its own log names it (the line may arrive just after the answer).
  const readOnlyRefusal = /cannot execute [^"\\]* in a read-only transaction/;
  for (let i = 0; i < 20 && !readOnlyRefusal.test(readOnly.output()); i++) await new Promise((r) => setTimeout(r, 100));
  const cause = readOnlyRefusal.exec(readOnly.output())?.[0] ?? "see the API log";
  say(`   a mutation there is refused: ${refused.json.errors?.[0]?.message ?? "NOT refused"} (PostgreSQL: ${cause})`);
  say(`   reads from the replica: ${await readLoad(readOnly.url, token)}`);
  const replication = await waitForQuery<{ state: string; lag: string }>(
    primary.rootUrl,
    "select state, coalesce(replay_lag::text, '0') as lag from pg_stat_replication",
    () => true
  );
  say(`   pg_stat_replication on the primary: ${replication?.state ?? "none"}, replay lag ${replication?.lag ?? "?"}`);
  process.stdout.write(`\nScale-out demonstration\n${lines.map((l) => `  ${l}`).join("\n")}\n`);
} finally {
  for (const stop of stops)
    await stop().catch((error: unknown) => process.stderr.write(`[scale] stop: ${String(error)}\n`));
  if (keep) process.stderr.write(`[scale] kept ${base}\n`);
  else await rm(base, { recursive: true, force: true });
}
