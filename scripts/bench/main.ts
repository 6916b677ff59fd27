// `npm run bench [-- flags]`: seeds (or reuses) a bench database and prints a summary table (stdout) and JSON
// (.data/bench/latest.json, or --json PATH) of the platform's performance. Not part of `npm test`; progress on stderr.
//
//   --sections reads,write,search,matching,accept,worker,levers   which sections (default: all but levers)
//   --size small|medium        the bench database's seed (default medium: 100k trips, 50k requests, 5k users)
//   --large                    also the 1M database (1M trips, 1M requests; seeded once, ~5 min): searchTrips and
//                              matching at 1M, with the growth from the default size
//   --levers                   the server levers side by side on the reads: start:prod with 1 and 2 API processes,
//                              npm start's single process, and the hand-written endpoint without its session check
//   --checkout PATH            with --levers: also the `npm start` of another checkout (e.g. main, a before/after);
//                              repeatable
//   --reads a,b                only these reads (names in scripts/bench/cases.ts)
//   --rounds N --seconds S --concurrency C   the closed loops (3 rounds of 4 s, 8 clients)
//   --statement-timeout 2s     the API's STATEMENT_TIMEOUT during the bench (slow searches report timeouts)
//   --reseed                   seed the bench database(s) again
import { mkdir, writeFile } from "node:fs/promises";
import { availableParallelism, loadavg } from "node:os";
import { dirname, join, resolve } from "node:path";
import pg from "pg";
import { readAuthConfig, readDatabaseConfig } from "../../lib/config.ts";
import { isSeedSize, SEED_SIZES } from "../seed/sizes.ts";
import { READS, WRITE } from "./cases.ts";
import { withClient } from "../db/setup.ts";
import { type BenchDatabase, prepareBenchDatabase } from "./database.ts";
import { loadFixtures, readVariables } from "./fixtures.ts";
import { type Child, freePort, startChild } from "./processes.ts";
import { type BenchReport, formatReport, type VariantReads } from "./report.ts";
import { benchAccept } from "./sections/accept.ts";
import { benchLevers } from "./sections/levers.ts";
import { compare, graphqlSide, handwrittenSide } from "./sections/compare.ts";
import { benchMatching } from "./sections/matching.ts";
import { benchSearch } from "./sections/search.ts";
import { benchWorker } from "./sections/worker.ts";
import { clearBenchWrites, signInWriters, writeDraw } from "./sections/write.ts";

const SECTIONS = ["reads", "write", "search", "matching", "accept", "worker", "levers"] as const;
type Section = (typeof SECTIONS)[number];
/** What runs without --sections: all but the levers (--levers adds them). */
const DEFAULT_SECTIONS = SECTIONS.filter((s) => s !== "levers");

const argv = process.argv.slice(2);
const flag = (name: string) => argv.includes(`--${name}`);
function option(name: string): string | undefined {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 ? argv[i + 1] : undefined;
}
function number(name: string, fallback: number): number {
  const raw = option(name);
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`--${name} needs a positive number`);
  return value;
}

const size = option("size") ?? "medium";
if (!isSeedSize(size)) throw new Error(`--size must be one of ${Object.keys(SEED_SIZES).join(", ")}`);
const sections = new Set((option("sections") ?? DEFAULT_SECTIONS.join(",")).split(",") as Section[]);
if (flag("levers")) sections.add("levers");
for (const s of sections)
  if (!SECTIONS.includes(s)) throw new Error(`unknown section ${s}; known: ${SECTIONS.join(", ")}`);
const rounds = number("rounds", 3);
const seconds = number("seconds", 4);
const concurrency = number("concurrency", 8);
const statementTimeout = option("statement-timeout") ?? "2s";
const timeoutMs =
  Number.parseInt(statementTimeout, 10) *
  (statementTimeout.endsWith("ms") ? 1 : statementTimeout.endsWith("min") ? 60_000 : 1000);
/** Every value of a repeatable flag. */
const options = (name: string) => argv.flatMap((a, i) => (a === `--${name}` && argv[i + 1] ? [argv[i + 1]!] : []));
const checkouts = options("checkout");
const readNames = option("reads")?.split(",");
const reads = READS.filter((c) => !readNames || readNames.includes(c.name));
const jsonPath = resolve(option("json") ?? join(import.meta.dirname, "../../.data/bench/latest.json"));

const database = readDatabaseConfig();
const { jwtSecret } = readAuthConfig();

/** How the API runs: an entry point of this checkout (or another one) with its environment. */
interface Variant {
  label: string;
  root?: string;
  script: string;
  env: Record<string, string>;
}

const PRODUCTION_ENV = {
  NODE_ENV: "production",
  GRAPHILE_ENV: "production",
  SMTP_URL: "smtp://127.0.0.1:9",
  SMS_URL: "http://127.0.0.1:9/sms",
};
const VARIANTS: Record<string, Variant> = {
  prod: {
    label: "npm run start:prod: 1 API process + 1 worker process (the defaults)",
    script: "server/prod.ts",
    env: { API_PROCESSES: "1", WORKER_PROCESSES: "1" },
  },
  cluster: {
    label: "npm run start:prod with API_PROCESSES=2 (node:cluster) + 1 worker process",
    script: "server/prod.ts",
    env: { API_PROCESSES: "2", WORKER_PROCESSES: "1" },
  },
  start: { label: "npm start: one process with the API and the job worker", script: "server/main.ts", env: {} },
  unprepared: {
    label: "npm run start:prod without prepared statements (as behind PgBouncer)",
    script: "server/prod.ts",
    env: { API_PROCESSES: "1", WORKER_PROCESSES: "1", DATAPLAN_PG_PREPARED_STATEMENT_CACHE_SIZE: "0" },
  },
};
const DEFAULT_VARIANT = VARIANTS.prod!;

async function startApi(db: BenchDatabase, variant: Variant): Promise<Child> {
  const port = await freePort();
  const script = variant.root ? join(variant.root, variant.script) : variant.script;
  return startChild(
    script,
    [],
    {
      ...PRODUCTION_ENV,
      DATABASE_URL: db.ownerUrl,
      AUTH_DATABASE_URL: db.authUrl,
      STATEMENT_TIMEOUT: statementTimeout,
      ...variant.env,
    },
    "/readyz",
    port
  );
}

async function startHandwritten(db: BenchDatabase, args: string[] = []): Promise<Child> {
  const port = await freePort();
  return startChild(
    "scripts/bench/handwritten.ts",
    ["--port", String(port), ...args],
    { DATABASE_URL: db.ownerUrl, AUTH_DATABASE_URL: db.authUrl, STATEMENT_TIMEOUT: statementTimeout },
    "/healthz",
    port
  );
}

async function withOwner<T>(db: BenchDatabase, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: db.ownerUrl });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

const report: BenchReport = {
  startedAt: new Date().toISOString(),
  machine: { cpus: availableParallelism(), loadAverage: loadavg() },
  setup: {},
};

const db = await prepareBenchDatabase(database, size, flag("reseed"));
const large =
  flag("large") && size !== "large" ? await prepareBenchDatabase(database, "large", flag("reseed")) : undefined;
const rows = SEED_SIZES[size];
report.setup = {
  database: `${db.name}`,
  rows:
    `${rows.trips.toLocaleString("en")} trips, ${rows.requests.toLocaleString("en")} ` +
    `requests, ${rows.users.toLocaleString("en")} users`,
  rounds,
  seconds,
  concurrency,
  statementTimeout,
  baseline:
    "hand-written Express + pg endpoint, one process, same identity steps and SQL (scripts/bench/handwritten.ts)",
  api: DEFAULT_VARIANT.label,
};

/** Runs a section; a failure is reported in the table and the JSON instead of losing the sections already run. */
async function section<T>(name: string, run: () => Promise<T>): Promise<T | undefined> {
  try {
    return await run();
  } catch (error) {
    process.stderr.write(`[bench] the ${name} section failed: ${(error as Error).stack ?? String(error)}\n`);
    report.failures = [...(report.failures ?? []), `${name}: ${(error as Error).message}`];
    return undefined;
  }
}

const fixtures = await withOwner(db, (owner) => loadFixtures(owner, jwtSecret));
const draw = (i: number) => readVariables(fixtures, i);
const handwritten = await startHandwritten(db);
try {
  if (sections.has("reads")) {
    const api = await startApi(db, DEFAULT_VARIANT);
    try {
      const measured: VariantReads = { variant: DEFAULT_VARIANT.label, reads: [] };
      for (const operation of reads) {
        measured.reads.push(
          await compare(operation, {
            measured: graphqlSide(api.url),
            baseline: handwrittenSide(handwritten.url),
            rounds,
            seconds,
            concurrency,
            draw,
          })
        );
      }
      report.reads = [measured];
    } finally {
      await api.stop();
    }
  }
  if (sections.has("levers")) {
    // Every way of running the API at once, plus the hand-written endpoint without its session check, each against
    // the same baseline in interleaved bursts (sections/levers.ts).
    const variants: Variant[] = [VARIANTS.prod!, VARIANTS.cluster!, VARIANTS.start!, VARIANTS.unprepared!];
    for (const checkout of checkouts) {
      variants.push({
        ...VARIANTS.start!,
        label: `${VARIANTS.start!.label}, from ${checkout}`,
        root: resolve(checkout),
      });
    }
    const apis: Child[] = [];
    const bare = await startHandwritten(db, ["--no-admission"]);
    try {
      for (const variant of variants) apis.push(await startApi(db, variant));
      const sides = [
        ...variants.map((v, i) => ({ label: v.label, side: graphqlSide(apis[i]!.url), pid: apis[i]!.pid })),
        { label: "hand-written without the session check round trip", side: handwrittenSide(bare.url), pid: bare.pid },
      ];
      // As the superuser: an ordinary role does not see other roles' backends in pg_stat_activity.
      report.levers = await withClient(db.rootUrl, async (monitor) => {
        const figures = [];
        for (const operation of reads) {
          figures.push(
            await benchLevers(operation, {
              baseline: {
                label: "hand-written (baseline)",
                side: handwrittenSide(handwritten.url),
                pid: handwritten.pid,
              },
              variants: sides,
              monitor,
              rounds: Math.max(rounds, 5),
              seconds: Math.min(seconds, 3),
              concurrency,
              draw,
            })
          );
        }
        return figures;
      });
    } finally {
      await Promise.all([...apis.map((a) => a.stop()), bare.stop()]);
    }
  }
  const needsApi = ["write", "search", "accept"].some((s) => sections.has(s as Section));
  if (needsApi) {
    const api = await startApi(db, DEFAULT_VARIANT);
    try {
      if (sections.has("write")) {
        const writers = await withOwner(db, async (owner) => {
          await clearBenchWrites(owner);
          return signInWriters(owner, jwtSecret);
        });
        report.write = await section("write", () =>
          compare(WRITE, {
            measured: graphqlSide(api.url),
            baseline: handwrittenSide(handwritten.url),
            rounds,
            seconds,
            concurrency,
            draw: writeDraw(writers, fixtures),
          })
        );
        await withOwner(db, clearBenchWrites);
      }
      if (sections.has("search")) {
        const figures = await section("search", () =>
          benchSearch(api.url, db.size, fixtures.callers, fixtures.routes, 100, timeoutMs)
        );
        report.search = figures ? [figures] : [];
      }
      if (sections.has("accept")) report.accept = await section("accept", () => benchAccept(db, api.url, jwtSecret));
    } finally {
      await api.stop();
    }
    if (large && sections.has("search")) {
      const largeApi = await startApi(large, DEFAULT_VARIANT);
      try {
        const largeFixtures = await withOwner(large, (owner) => loadFixtures(owner, jwtSecret, 50));
        const figures = await section("search at 1M", () =>
          benchSearch(largeApi.url, "large", largeFixtures.callers, largeFixtures.routes, 100, timeoutMs)
        );
        if (figures) report.search?.push(figures);
      } finally {
        await largeApi.stop();
      }
    }
  }
  if (sections.has("matching")) {
    report.matching = [];
    for (const target of large ? [db, large] : [db]) {
      const figures = await section(`matching (${target.size})`, () => benchMatching(target, jwtSecret, 200));
      if (figures) report.matching.push(figures);
    }
  }
  if (sections.has("worker")) {
    report.worker = [];
    for (const processes of [1, 2]) {
      const figures = await section(`worker (${processes})`, () => benchWorker(db, 2000, processes, 5));
      if (figures) report.worker.push(figures);
    }
  }
} finally {
  await handwritten.stop();
}

const text = formatReport(report);
process.stdout.write(`\n${text}`);
await mkdir(dirname(jsonPath), { recursive: true });
await writeFile(jsonPath, `${JSON.stringify({ ...report, text }, null, 2)}\n`);
process.stderr.write(`[bench] JSON written to ${jsonPath}\n`);
