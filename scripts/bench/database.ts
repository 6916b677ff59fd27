// The bench's own databases, one per seed size (p2p_bench_medium, p2p_bench_large): created, migrated and seeded on
// first use, then reused by later runs (migrated again, so new migrations and canonical SQL apply without seeding
// anew). A database records the size it was seeded with in its comment; --reseed starts over. Never the development
// or test databases.
import pg from "pg";
import type { DatabaseConfig } from "../../lib/config.ts";
import { migrate } from "../db/migrate.ts";
import { dropDatabase, ensureDatabase, withClient, withDatabase } from "../db/setup.ts";
import { seedDatabase } from "../seed/seed.ts";
import type { SeedSize } from "../seed/sizes.ts";

export interface BenchDatabase {
  name: string;
  ownerUrl: string;
  authUrl: string;
  rootUrl: string;
  size: SeedSize;
  /** Whether this run seeded it (false: reused). */
  seeded: boolean;
}

/** Request budgets of the bench database only: its users send thousands of requests an hour by design. */
const BENCH_BUDGET = "1000000";

export async function prepareBenchDatabase(
  database: DatabaseConfig,
  size: SeedSize,
  reseed: boolean
): Promise<BenchDatabase> {
  const { rootUrl } = database;
  if (!rootUrl)
    throw new Error("The bench creates its own databases: ROOT_DATABASE_URL is required (run it through npm)");
  const name = `p2p_bench_${size}`;
  const mark = `seeded by npm run bench: ${size}`;
  const current = await withClient(
    rootUrl,
    async (client) =>
      (
        await client.query<{ comment: string | null }>(
          "select shobj_description(oid, 'pg_database') as comment from pg_database where datname = $1",
          [name]
        )
      ).rows[0]
  );
  const reuse = !reseed && current?.comment === mark;
  if (!reuse) {
    process.stderr.write(`[bench] creating ${name} (${size} seed)\n`);
    await dropDatabase(rootUrl, name);
  } else {
    process.stderr.write(`[bench] reusing ${name} (--reseed to seed it again)\n`);
  }
  await ensureDatabase(rootUrl, name); // a reused database gets the extensions added since it was seeded
  const ownerUrl = withDatabase(database.url, name);
  await migrate(ownerUrl);
  if (!reuse) {
    const client = new pg.Client({ connectionString: ownerUrl });
    await client.connect();
    try {
      await seedDatabase(client, size);
    } finally {
      await client.end();
    }
    await withClient(rootUrl, (client) =>
      client.query(`comment on database ${client.escapeIdentifier(name)} is ${client.escapeLiteral(mark)}`)
    );
  }
  await withClient(ownerUrl, (client) =>
    client.query(
      `
    update app_public.system_configuration set value = to_jsonb($1::bigint)
     where category = 'platform' and key in ('api_rate_limit_per_hour', 'api_anonymous_rate_limit_per_hour')`,
      [BENCH_BUDGET]
    )
  );
  return {
    name,
    ownerUrl,
    authUrl: withDatabase(database.authUrl, name),
    rootUrl: withDatabase(rootUrl, name),
    size,
    seeded: !reuse,
  };
}

/**
 * Removes queued jobs of the given tasks from the bench database (the matching jobs its writes enqueue, leftovers of
 * earlier runs) so that they neither run during another measurement nor pile up across runs. graphile-worker's jobs
 * view is read-only, hence its private table: acceptable in a scratch database, never elsewhere.
 */
export async function discardJobs(owner: pg.ClientBase, tasks: string[]): Promise<void> {
  await owner.query(
    `delete from graphile_worker._private_jobs j using graphile_worker._private_tasks t
                      where t.id = j.task_id and t.identifier = any($1::text[]) and j.locked_at is null`,
    [tasks]
  );
}
