// `npm run db:seed -- --size small|medium|large`: fills the database in use (DATABASE_URL, migrated first by
// npm) with a realistic marketplace. small is the demo (seconds); medium is what performance work measures (100k
// trips, 50k requests: a minute or two); large is 1M trips and 1M requests. Every seeded user signs in with
// SEED_PASSWORD. Seeding twice would collide on emails: run `npm run db:reset` first to seed again.
import pg from "pg";
import { readDatabaseConfig } from "../../lib/config.ts";
import { isSeeded, seedDatabase } from "./seed.ts";
import { isSeedSize, SEED_EMAIL_DOMAIN, SEED_PASSWORD, SEED_SIZES } from "./sizes.ts";

function sizeArgument(argv: string[]): string {
  const i = argv.indexOf("--size");
  const inline = argv.find((a) => a.startsWith("--size="));
  return inline ? inline.slice("--size=".length) : i >= 0 ? (argv[i + 1] ?? "") : "small";
}

const size = sizeArgument(process.argv.slice(2));
if (!isSeedSize(size)) {
  process.stderr.write(`--size must be one of ${Object.keys(SEED_SIZES).join(", ")}, got "${size}"\n`);
  process.exit(2);
}
const client = new pg.Client({ connectionString: readDatabaseConfig().url });
await client.connect();
try {
  if (await isSeeded(client)) {
    process.stderr.write("The database already holds seeded users: run `npm run db:reset` first to seed it again.\n");
    process.exitCode = 1;
  } else {
    const started = performance.now();
    process.stderr.write(`[seed] ${size}: ${JSON.stringify(SEED_SIZES[size])}\n`);
    const counts = await seedDatabase(client, size);
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    process.stdout.write(
      `Seeded (${size}) in ${seconds} s: ${Object.entries(counts)
        .map(([k, v]) => `${v} ${k}`)
        .join(", ")}.\n`
    );
    const {
      rows: [demo],
    } = await client.query<{ email: string }>(
      `select c.email from app_public.user_contacts c join app_public.users u on u.id = c.user_id
        where u.status = 'active' and u.user_type = 'both' and c.email like $1 order by c.email limit 1`,
      [`%@${SEED_EMAIL_DOMAIN}`]
    );
    if (demo)
      process.stdout.write(`Sign in as any seeded user, e.g. ${demo.email}, with the password ${SEED_PASSWORD}.\n`);
  }
} finally {
  await client.end();
}
