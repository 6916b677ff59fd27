// Run once per `npm test`: migrates a template database that every test file clones (test/helpers/database.ts).
import pg from "pg";
import { migrate } from "../../scripts/db/migrate.ts";
import { dropDatabase, ensureDatabase, ensureRoles, withDatabase } from "../../scripts/db/setup.ts";
import { TEMPLATE_DATABASE } from "../helpers/database.ts";

const { ROOT_DATABASE_URL: rootUrl, DATABASE_URL: ownerUrl, AUTH_DATABASE_URL: authUrl } = process.env;
if (!rootUrl || !ownerUrl || !authUrl) {
  throw new Error("The tests need ROOT_DATABASE_URL, DATABASE_URL and AUTH_DATABASE_URL (npm test sets them)");
}
const started = Date.now();
await ensureRoles(rootUrl, ownerUrl, authUrl);
const root = new pg.Client({ connectionString: rootUrl });
await root.connect();
try {
  // This run's template, and databases left behind by an interrupted run (one with open connections belongs to a
  // run still going; other runs' templates are theirs).
  const { rows } = await root.query<{ datname: string }>(
    `select d.datname from pg_database d
      where d.datname = $1
         or (d.datname like 'p2p\\_test\\_%' and d.datname not like 'p2p\\_test\\_template%'
             and not exists (select 1 from pg_stat_activity a where a.datname = d.datname))`, [TEMPLATE_DATABASE]);
  for (const { datname } of rows) {
    await root.query(`alter database ${root.escapeIdentifier(datname)} is_template false`);
    await dropDatabase(rootUrl, datname);
  }
} finally {
  await root.end();
}
await ensureDatabase(rootUrl, TEMPLATE_DATABASE);
await migrate(withDatabase(ownerUrl, TEMPLATE_DATABASE));
const admin = new pg.Client({ connectionString: withDatabase(rootUrl, TEMPLATE_DATABASE) });
await admin.connect();
// bcrypt at production cost (12, asserted by test/db/migrations.test.ts) would make the suite CPU-bound and its
// timing-sensitive tests flaky on two cores; the hashing code path is the same at cost 4.
await admin.query(`update app_public.system_configuration set value = '4'
                    where (category, key) in (('security', 'bcrypt_cost'), ('auth', 'backup_code_bcrypt_cost'),
                                              ('auth', 'phone_code_bcrypt_cost'))`);
await admin.query(`alter database ${TEMPLATE_DATABASE} is_template true`);
await admin.end();
process.stderr.write(`[test] Template database ${TEMPLATE_DATABASE} migrated in ${Date.now() - started} ms\n`);
