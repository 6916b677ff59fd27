// `npm run bench:login-burst`: 200 parallel logins (production bcrypt cost) while another client runs a cheap query
// in a loop. Prints the cheap query's p50/p95 during the burst against the same without it, and how the logins were
// answered (signed in, or 503 OVRLD to retry later). Not a test: numbers depend on the machine.
// It runs the real API (`node server/main.ts`, as `npm start` does) on a scratch database of its own
// (p2p_bench_login: created, migrated and dropped again by this script).
import { type ChildProcess, spawn } from "node:child_process";
import { createServer } from "node:net";
import pg from "pg";
import { readDatabaseConfig } from "../lib/config.ts";
import { migrate } from "./db/migrate.ts";
import { dropDatabase, ensureDatabase, withDatabase } from "./db/setup.ts";

const DATABASE = "p2p_bench_login";
const LOGINS = 200;
const USERS = 20;
const PASSWORD = "Bench-Password-9";
const BASELINE_MS = 5_000;

const { rootUrl, url: ownerUrl, authUrl } = readDatabaseConfig();
if (!rootUrl) throw new Error("ROOT_DATABASE_URL is required (run through npm)");
const benchOwnerUrl = withDatabase(ownerUrl, DATABASE);

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const probe = createServer().listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
};

async function post(url: string, query: string, variables?: Record<string, unknown>) {
  const started = performance.now();
  const res = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await res.json()) as { data?: { login?: { authResult?: { accessToken?: string } } } };
  return { status: res.status, ms: performance.now() - started, body };
}

/** The cheap query in a loop until stop() is called; returns its latencies. */
function cheapLoop(url: string) {
  const latencies: number[] = [];
  let running = true;
  const done = (async () => {
    while (running) latencies.push((await post(url, "{ currentUserId }")).ms);
  })();
  return {
    stop: async () => {
      running = false;
      await done;
      return latencies;
    },
  };
}

await dropDatabase(rootUrl, DATABASE);
await ensureDatabase(rootUrl, DATABASE);
let api: ChildProcess | undefined;
try {
  await migrate(benchOwnerUrl);
  const owner = new pg.Client({ connectionString: benchOwnerUrl });
  await owner.connect();
  // Production's bcrypt cost (12) as migrated; budgets out of the way of the measurement.
  await owner.query(`update app_public.system_configuration set value = '1000000'
                      where category = 'platform' and key in ('api_rate_limit_per_hour', 'api_anonymous_rate_limit_per_hour')`);
  const emails: string[] = [];
  for (let i = 0; i < USERS; i++) {
    const email = `bench-${i}@example.test`;
    emails.push(email);
    await owner.query(
      `with u as (insert into app_public.users (first_name, display_name, status) values ('Bench', 'Bench', 'active') returning id),
      c as (insert into app_public.user_contacts (user_id, email, last_name) select id, $1, 'User' from u)
      insert into app_private.user_secrets (user_id, password_hash) select id, crypt($2, gen_salt('bf', 12)) from u`,
      [email, PASSWORD]
    );
  }
  await owner.end();

  const port = await freePort();
  api = spawn(process.execPath, [new URL("../server/main.ts", import.meta.url).pathname], {
    env: {
      ...process.env,
      DATABASE_URL: benchOwnerUrl,
      AUTH_DATABASE_URL: withDatabase(authUrl, DATABASE),
      PORT: String(port),
      LOG_LEVEL: "warn",
    },
    stdio: ["ignore", "ignore", "inherit"],
  });
  const base = `http://127.0.0.1:${port}`;
  for (let tries = 0; ; tries++) {
    const ready = await fetch(`${base}/readyz`).then(
      (r) => r.ok,
      () => false
    );
    if (ready) break;
    if (tries > 100) throw new Error("the API did not become ready");
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  const url = `${base}/graphql`;
  await post(url, "{ currentUserId }"); // schema built, connections open

  const quiet = cheapLoop(url);
  await new Promise((resolve) => setTimeout(resolve, BASELINE_MS));
  const baseline = await quiet.stop();

  const busy = cheapLoop(url);
  const burstStarted = performance.now();
  const logins = await Promise.all(
    Array.from({ length: LOGINS }, (_, i) =>
      post(
        url,
        "mutation ($e: String!, $p: String!) { login(input: { email: $e, password: $p }) { authResult { accessToken } } }",
        { e: emails[i % USERS], p: PASSWORD }
      )
    )
  );
  const burstMs = performance.now() - burstStarted;
  const during = await busy.stop();

  const signedIn = logins.filter((l) => l.body.data?.login?.authResult?.accessToken).length;
  const overloaded = logins.filter((l) => l.status === 503).length;
  const fmt = (values: number[]) =>
    `p50 ${percentile(values, 50).toFixed(1)} ms, p95 ${percentile(values, 95).toFixed(1)} ms (${values.length} requests)`;
  process.stdout.write(
    [
      `cheap query without the burst: ${fmt(baseline)}`,
      `cheap query during the burst:  ${fmt(during)}`,
      `logins: ${LOGINS} in ${(burstMs / 1000).toFixed(1)} s — ${signedIn} signed in (${((100 * signedIn) / LOGINS).toFixed(0)} %), ` +
        `${overloaded} answered 503 OVRLD with Retry-After, ${LOGINS - signedIn - overloaded} other`,
      `login latency: p50 ${percentile(
        logins.map((l) => l.ms),
        50
      ).toFixed(0)} ms, p95 ${percentile(
        logins.map((l) => l.ms),
        95
      ).toFixed(0)} ms`,
      "",
    ].join("\n")
  );
} finally {
  api?.kill("SIGTERM");
  if (api && api.exitCode === null) await new Promise((resolve) => api?.once("exit", resolve));
  await dropDatabase(rootUrl, DATABASE);
}
