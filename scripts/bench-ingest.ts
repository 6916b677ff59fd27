// `npm run bench:ingest [-- --travelers N --seconds S]`: location ingest through the real API against COPY. N travelers
// (default 4), each on a live delivery of their own, send batches of 500 points to recordLocations over GraphQL for
// S seconds (default 10; the issue's figure is `--seconds 30`); then the same number of points is loaded into the
// same partitioned table (app_private.location_tracking) with COPY as the owner. Prints points/s for both and the
// ratio, with a progress bar and a summary table. Not a test: numbers depend on the machine.
// It runs the real API (`node server/main.ts`, as `npm start` does) on a scratch database of its own
// (p2p_bench_ingest: created, migrated, seeded with the small marketplace and dropped again).
import { spawn } from "node:child_process";
import pg from "pg";
import { readAuthConfig, readDatabaseConfig } from "../lib/config.ts";
import { signIn } from "./bench/actors.ts";
import { freePort, startChild } from "./bench/processes.ts";
import { migrate } from "./db/migrate.ts";
import { dropDatabase, ensureDatabase, withDatabase } from "./db/setup.ts";
import { progressBar } from "./lib/progress.ts";
import { seedDatabase } from "./seed/seed.ts";

const DATABASE = "p2p_bench_ingest";
const BATCH = 500;

function flag(name: string, fallback: number): number {
  const argv = process.argv.slice(2);
  const i = argv.indexOf(`--${name}`);
  const value = Number(i >= 0 ? argv[i + 1] : fallback);
  if (!Number.isInteger(value) || value < 1) {
    process.stderr.write(`--${name} must be a positive integer\n`);
    process.exit(2);
  }
  return value;
}
const travelers = flag("travelers", 4);
const seconds = flag("seconds", 10);

const { rootUrl, url: ownerUrl, authUrl } = readDatabaseConfig();
if (!rootUrl) throw new Error("ROOT_DATABASE_URL is required (run through npm)");
const { jwtSecret } = readAuthConfig();
const benchOwnerUrl = withDatabase(ownerUrl, DATABASE);

const RECORD = `mutation ($d: UUID!, $p: [LocationFixInput]!) {
  recordLocations(input: { deliveryId: $d, points: $p }) { result { accepted } } }`;

/** Points one second apart from `from`, on a short walk around Paris. */
function batchFrom(from: number, offset: number) {
  return Array.from({ length: BATCH }, (_, i) => ({
    latitude: 48.85 + ((offset + i) % 1000) / 100_000,
    longitude: 2.35 + ((offset + i) % 700) / 100_000,
    accuracyM: 8,
    speedKmh: 40,
    bearing: 90,
    battery: 80,
    recordedAt: new Date(from + i * 1000).toISOString(),
  }));
}

/** COPY … FROM STDIN through psql as the owner; resolves with its wall time in ms. */
function copyRows(csv: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const psql = spawn(
      "psql",
      [
        "-X",
        "-q",
        "-v",
        "ON_ERROR_STOP=1",
        benchOwnerUrl,
        "-c",
        "copy app_private.location_tracking (recorded_at, delivery_id, user_id, point, accuracy_m, bearing, speed_kmh, battery) from stdin with (format csv)",
      ],
      { stdio: ["pipe", "ignore", "inherit"] }
    );
    psql.on("error", reject);
    psql.on("exit", (code) =>
      code === 0 ? resolve(performance.now() - started) : reject(new Error(`psql exited ${code}`))
    );
    psql.stdin.end(csv);
  });
}

await dropDatabase(rootUrl, DATABASE);
await ensureDatabase(rootUrl, DATABASE);
let api: Awaited<ReturnType<typeof startChild>> | undefined;
try {
  await migrate(benchOwnerUrl);
  const owner = new pg.Client({ connectionString: benchOwnerUrl });
  await owner.connect();
  await seedDatabase(owner, "small");
  // Live deliveries with distinct travelers, their tracking window opened a day back; points one second apart are
  // allowed so that a traveler's stream of batches fits in tracking.max_past_hours; budgets out of the way.
  const { rows: deliveries } = await owner.query<{ id: string; traveler_id: string }>(
    `select distinct on (traveler_id) id, traveler_id from app_public.deliveries
      where status in ('accepted', 'pickup_scheduled', 'picked_up', 'in_transit')
      order by traveler_id, id limit $1`,
    [travelers]
  );
  if (deliveries.length < travelers)
    throw new Error(`the seed has only ${deliveries.length} live deliveries with distinct travelers`);
  await owner.query(
    `update app_public.deliveries set pickup_time = now() - interval '23 hours',
    delivery_time = now() + interval '1 day' where id = any($1)`,
    [deliveries.map((d) => d.id)]
  );
  await owner.query(
    `update app_public.system_configuration set value = '1' where category = 'tracking' and key = 'min_interval_s'`
  );
  await owner.query(`update app_public.system_configuration set value = '1000000'
                      where category = 'platform' and key in ('api_rate_limit_per_hour', 'api_anonymous_rate_limit_per_hour')`);
  const actors = await signIn(
    owner,
    deliveries.map((d) => d.traveler_id),
    jwtSecret
  );

  api = await startChild(
    "server/main.ts",
    [],
    { DATABASE_URL: benchOwnerUrl, AUTH_DATABASE_URL: withDatabase(authUrl, DATABASE) },
    "/readyz",
    await freePort()
  );
  const url = `${api.url}/graphql`;
  const post = (token: string, variables: Record<string, unknown>) =>
    fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
      body: JSON.stringify({ query: RECORD, variables }),
    }).then(
      (r) => r.json() as Promise<{ data?: { recordLocations?: { result?: { accepted: number } } }; errors?: unknown[] }>
    );
  // Warm up: the schema is built and a connection opened (its points are not counted).
  const warm = await post(actors[0]!.token, {
    d: deliveries[0]!.id,
    p: batchFrom(Date.now() - 24 * 3600_000 + 120_000, 0),
  });
  if (!warm.data?.recordLocations?.result) throw new Error(`recordLocations failed: ${JSON.stringify(warm.errors)}`);

  const bar = progressBar(`GraphQL ingest, ${travelers} travelers`, seconds * 10);
  const ticker = setInterval(() => bar.tick(), 100);
  const firstPoint = Date.now() - 24 * 3600_000 + 120_000 + BATCH * 1000;
  const deadline = performance.now() + seconds * 1000;
  const started = performance.now();
  const perTraveler = await Promise.all(
    deliveries.map(async (d, k) => {
      let accepted = 0;
      let batches = 0;
      for (let from = firstPoint; performance.now() < deadline; from += BATCH * 1000, batches++) {
        const reply = await post(actors[k]!.token, { d: d.id, p: batchFrom(from, batches * BATCH) });
        const got = reply.data?.recordLocations?.result?.accepted;
        if (got === undefined) throw new Error(`recordLocations failed: ${JSON.stringify(reply.errors)}`);
        accepted += got;
      }
      return { accepted, batches };
    })
  );
  const graphqlMs = performance.now() - started;
  clearInterval(ticker);
  bar.done();
  const points = perTraveler.reduce((sum, t) => sum + t.accepted, 0);
  const batches = perTraveler.reduce((sum, t) => sum + t.batches, 0);

  // The same number of points, as CSV, loaded by COPY into the same table (over the same deliveries).
  const copyBar = progressBar("COPY as the owner", points);
  const lines: string[] = [];
  const base = Date.now() - 12 * 3600_000;
  for (let i = 0; i < points; i++) {
    const d = deliveries[i % deliveries.length]!;
    lines.push(
      `${new Date(base + i * 10).toISOString()},${d.id},${d.traveler_id},SRID=4326;POINT(${2.35 + (i % 700) / 100_000} ${48.85 + (i % 1000) / 100_000}),8,90,40,80`
    );
  }
  const copyMs = await copyRows(`${lines.join("\n")}\n`);
  copyBar.done();
  await owner.end();

  const rate = (n: number, ms: number) => Math.round((n / ms) * 1000);
  const graphqlRate = rate(points, graphqlMs);
  const copyRate = rate(points, copyMs);
  const rows = [
    ["path", "points", "seconds", "points/s"],
    [
      `GraphQL recordLocations (${travelers} × batches of ${BATCH}, ${batches} batches)`,
      points.toLocaleString("en"),
      (graphqlMs / 1000).toFixed(1),
      graphqlRate.toLocaleString("en"),
    ],
    ["COPY as the owner", points.toLocaleString("en"), (copyMs / 1000).toFixed(1), copyRate.toLocaleString("en")],
  ];
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => r[c]!.length)));
  const line = (r: string[]) =>
    `| ${r.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join(" | ")} |`;
  process.stdout.write(
    `${[line(rows[0]!), `|${widths.map((w) => "-".repeat(w + 2)).join("|")}|`, ...rows.slice(1).map(line)].join("\n")}\n`
  );
  process.stdout.write(`GraphQL / COPY: ${(graphqlRate / copyRate).toFixed(2)} (target: at least 0.50)\n`);
} finally {
  await api?.stop();
  await dropDatabase(rootUrl, DATABASE);
}
