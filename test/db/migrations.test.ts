// The migration model of db/README.md: migrations must go down to zero and up again, the canonical layer
// must be idempotent and must converge (no grant outlives its file), a database upgraded release by release must end
// up identical to a fresh one, the committed dump must be current, and every function must have exactly one
// canonical file. These tests start from EMPTY databases (not the template): running the migrations is what they
// test.
import { execFile } from "node:child_process";
import { copyFile, mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { promisify } from "node:util";
import test, { type ExecutionContext } from "ava";
import { Logger, runMigrations } from "graphile-worker";
import type pg from "pg";
import {
  applyCanonical, canonicalFiles, DB_DIR, dbmate, dumpSchema, FIRST_DOMAIN, migrate, PROJECT_ROOT,
} from "../../scripts/db/migrate.ts";
import {
  APP_SCHEMAS_LIKE, column, createEmptyDatabase, type EmptyDatabase, rolledBack, unifiedDiff, withClient,
} from "../helpers/catalog.ts";

const APP = `'${APP_SCHEMAS_LIKE}'`;
const MIGRATIONS_DIR = join(DB_DIR, "migrations");
const migrationFiles = (await readdir(MIGRATIONS_DIR)).filter((f) => f.endsWith(".sql")).sort();

/** An empty database for one test, dropped when the test ends (pass or fail). */
async function emptyDatabase(t: ExecutionContext): Promise<EmptyDatabase> {
  const db = await createEmptyDatabase();
  t.teardown(() => db.drop());
  return db;
}

/** The reference every comparison is made against: migrated once from empty, never modified afterwards. */
let fresh: Promise<{ db: EmptyDatabase; dump: string }> | undefined;
function freshDatabase(): Promise<{ db: EmptyDatabase; dump: string }> {
  fresh ??= (async () => {
    const db = await createEmptyDatabase();
    await migrate(db.ownerUrl);
    return { db, dump: await dumpSchema(db.ownerUrl) };
  })();
  return fresh;
}
test.after.always(async () => {
  const reference = await fresh?.catch(() => undefined);
  await reference?.db.drop();
});

/** Fails with a unified diff against the fresh database's dump, which names the differing lines. */
async function assertSameAsFresh(t: ExecutionContext, dump: string, label: string, message: string): Promise<void> {
  const diff = await unifiedDiff((await freshDatabase()).dump, dump, ["fresh database", label]);
  t.is(diff, "", `${message}\n${diff}`);
}

/** Applied migrations according to dbmate itself ("Applied: N" in `dbmate status`). */
async function appliedCount(url: string): Promise<number> {
  const status = await dbmate(url, "status");
  const match = /^Applied:\s*(\d+)/m.exec(status);
  if (!match) throw new Error(`unexpected output of dbmate status:\n${status}`);
  return Number(match[1]);
}

const tablesSql = `
  select format('%I.%I', n.nspname, c.relname) from pg_class c join pg_namespace n on n.oid = c.relnamespace
   where n.nspname like ${APP} and c.relkind in ('r', 'p') order by 1`;

// dbmate keys migrations by the number before the first underscore: two files with one number, and the second is
// recorded as applied without ever running (seen when two branches picked the same timestamp).
test("every migration has a version of its own", (t) => {
  const versions = migrationFiles.map((file) => file.split("_")[0]!);
  const repeated = versions.filter((version, i) => versions.indexOf(version) !== i);
  t.deepEqual(repeated, [], `rename one of the files of version ${repeated.join(", ")}`);
  t.true(versions.every((version) => /^\d{14}$/.test(version)), "versions are 14-digit timestamps");
});

test("migrations roll back to zero and apply again, ending exactly where a fresh database does", async (t) => {
  const db = await emptyDatabase(t);
  await migrate(db.ownerUrl);
  t.is(await appliedCount(db.ownerUrl), migrationFiles.length);

  // One `dbmate rollback` per migration; each runs that migration's `-- migrate:down`.
  for (let i = 0; i < migrationFiles.length; i++) await dbmate(db.ownerUrl, "rollback");
  t.is(await appliedCount(db.ownerUrl), 0, "dbmate still lists applied migrations after rolling every one back");

  await withClient(db.rootUrl, async (client) => {
    t.deepEqual(await column(client, `select nspname from pg_namespace where nspname like ${APP} order by 1`), [],
      "the down migrations left app_* schemas behind");
    // Extensions live in public; anything else there (besides dbmate's own table) was left by a down migration.
    const leftovers = await column(client, `
      select format('%s %I', kind, name) from (
        select 'relation' as kind, c.relname as name, c.oid, 'pg_class'::regclass as catalog
          from pg_class c
         where c.relnamespace = 'public'::regnamespace and c.relkind in ('r', 'p', 'v', 'm', 'f', 'S')
           and c.relname <> 'schema_migrations'
        union all
        select 'function', p.proname, p.oid, 'pg_proc'::regclass from pg_proc p
         where p.pronamespace = 'public'::regnamespace
        union all
        -- indexes and array types follow their table or element type; composite types are members themselves
        select 'type', t.typname, t.oid, 'pg_type'::regclass from pg_type t
         where t.typnamespace = 'public'::regnamespace and t.typcategory <> 'A'
           and (t.typrelid = 0 or (select c.relkind from pg_class c where c.oid = t.typrelid) = 'c')
      ) o
      where not exists (select 1 from pg_depend d where d.classid = o.catalog and d.objid = o.oid and d.deptype = 'e')
      order by 1`);
    t.deepEqual(leftovers, [], "the down migrations left objects in schema public");
  });

  await migrate(db.ownerUrl);
  const reference = await freshDatabase();
  const [tables, expectedTables] = await Promise.all([
    withClient(db.rootUrl, (client) => column(client, tablesSql)),
    withClient(reference.db.rootUrl, (client) => column(client, tablesSql)),
  ]);
  t.true(expectedTables.length > 0);
  t.deepEqual(tables, expectedTables, "migrating again after a full rollback did not recreate every table");
  await assertSameAsFresh(t, await dumpSchema(db.ownerUrl), "rolled back to zero and migrated again",
    "after rolling back to zero and migrating again, the schema differs from a fresh database's: a down migration " +
    "leaves something behind that its up migration does not recreate");
});

/**
 * Everything the canonical layer defines, as sorted text: function definitions (with owner, ACL and comment),
 * policies, privileges on every object of ours, default privileges, and triggers.
 */
async function canonicalSnapshot(client: pg.ClientBase): Promise<Record<string, string[]>> {
  const inApp = (namespace: string) => `${namespace} in (select oid from pg_namespace where nspname like ${APP})`;
  return {
    functions: await column(client, `
      select format(E'%s owner=%s acl=%s comment=%L\n%s', p.oid::regprocedure, p.proowner::regrole, p.proacl,
                    obj_description(p.oid, 'pg_proc'),
                    case when p.prokind <> 'a' then pg_get_functiondef(p.oid) end)
        from pg_proc p where ${inApp("p.pronamespace")} order by 1`),
    policies: await column(client, `
      select format('%s on %s: %s %s to %s using (%s) with check (%s) comment=%L', p.polname, p.polrelid::regclass,
                    case when p.polpermissive then 'permissive' else 'restrictive' end, p.polcmd,
                    (select string_agg(role, ',' order by role)
                       from (select case when r = 0 then 'public' else r::regrole::text end as role
                               from unnest(p.polroles) r) roles),
                    pg_get_expr(p.polqual, p.polrelid), pg_get_expr(p.polwithcheck, p.polrelid),
                    obj_description(p.oid, 'pg_policy'))
        from pg_policy p join pg_class c on c.oid = p.polrelid where ${inApp("c.relnamespace")} order by 1`),
    privileges: await column(client, `
      with acls(object, acl) as (
        select 'schema ' || quote_ident(n.nspname), n.nspacl from pg_namespace n where n.nspname like ${APP}
        union all
        select 'relation ' || c.oid::regclass, c.relacl from pg_class c where ${inApp("c.relnamespace")}
        union all
        select format('column %s.%I', c.oid::regclass, a.attname), a.attacl
          from pg_attribute a join pg_class c on c.oid = a.attrelid
         where ${inApp("c.relnamespace")} and a.attacl is not null
        union all
        select 'function ' || p.oid::regprocedure, p.proacl from pg_proc p where ${inApp("p.pronamespace")}
        union all
        select 'type ' || t.oid::regtype, t.typacl from pg_type t where ${inApp("t.typnamespace")}
      )
      -- a null ACL is the built-in default; a grant or revoke makes it explicit, so it then shows up here
      select format('%s: %s', object, (
               select string_agg(item, ', ' order by item)
                 from (select format('%s %s%s by %s',
                                     case when x.grantee = 0 then 'public' else x.grantee::regrole::text end,
                                     x.privilege_type, case when x.is_grantable then ' (grantable)' else '' end,
                                     x.grantor::regrole) as item
                         from aclexplode(acl) x) items))
        from acls where acl is not null order by 1`),
    defaultPrivileges: await column(client, `
      select format('%s %s %s %s', d.defaclrole::regrole, d.defaclnamespace::regnamespace, d.defaclobjtype, d.defaclacl)
        from pg_default_acl d order by 1`),
    triggers: await column(client, `
      select format('%s enabled=%s', pg_get_triggerdef(t.oid), t.tgenabled)
        from pg_trigger t join pg_class c on c.oid = t.tgrelid join pg_proc p on p.oid = t.tgfoid
       where not t.tgisinternal and (${inApp("c.relnamespace")} or ${inApp("p.pronamespace")})
       order by 1`),
  };
}

/** What differs between two snapshots, section by section (only sections that differ): short failure output. */
function snapshotChanges(before: Record<string, string[]>, after: Record<string, string[]>) {
  const changes: Record<string, { added: string[]; removed: string[] }> = {};
  for (const section of new Set([...Object.keys(before), ...Object.keys(after)])) {
    const [b, a] = [before[section] ?? [], after[section] ?? []];
    const added = a.filter((row) => !b.includes(row));
    const removed = b.filter((row) => !a.includes(row));
    if (added.length > 0 || removed.length > 0) changes[section] = { added, removed };
  }
  return changes;
}

test("applying the canonical layer twice changes nothing (functions, policies, grants, triggers)", async (t) => {
  const db = await emptyDatabase(t);
  await migrate(db.ownerUrl);
  const before = await withClient(db.rootUrl, canonicalSnapshot);
  for (const [section, rows] of Object.entries(before)) {
    // every section but default privileges has rows in any migrated database; none means a broken query
    if (section !== "defaultPrivileges") t.true(rows.length > 0, `the ${section} snapshot is empty`);
  }
  await applyCanonical(db.ownerUrl);
  const after = await withClient(db.rootUrl, canonicalSnapshot);
  t.deepEqual(snapshotChanges(before, after), {},
    "re-applying db/functions and db/policies changed the database: a canonical file is not idempotent");
});

// db/README.md promises that function files may reference each other in any order, platform's shared trigger
// functions aside (applied first, because `create trigger` needs its function), and policies after them all.
// Applying the other files in reverse path order must build exactly what the usual order builds.
test("canonical files apply in any order after platform: reversed, they build the same layer", async (t) => {
  const [db, { db: reference }] = await Promise.all([emptyDatabase(t), freshDatabase()]);
  await runMigrations({ connectionString: db.ownerUrl, logger: new Logger(() => () => {}) });
  await dbmate(db.ownerUrl, "up");
  const files = await canonicalFiles();
  const functionsDir = join(DB_DIR, "functions");
  const functionFiles = files.filter((f) => !relative(functionsDir, f).startsWith(".."));
  const first = functionFiles.filter((f) => relative(functionsDir, f).startsWith(`${FIRST_DOMAIN}/`));
  const rest = functionFiles.filter((f) => !first.includes(f));
  const policies = files.filter((f) => !functionFiles.includes(f));
  t.true(first.length > 0 && rest.length > first.length && policies.length > 0, "the file split is broken");
  // Policies come after every function (they are checked at creation); among themselves any order goes too.
  await applyCanonical(db.ownerUrl, [...first, ...rest.reverse(), ...policies.reverse()]);
  const [expected, actual] = await Promise.all([
    withClient(reference.rootUrl, canonicalSnapshot), withClient(db.rootUrl, canonicalSnapshot)]);
  t.deepEqual(snapshotChanges(expected, actual), {},
    "applying the canonical files in another order built something else: a file depends on the order");
});

/** `execute function schema.name(` in a trigger definition, ignoring `--` comments. */
const TRIGGER_FUNCTION = /\bexecute\s+(?:function|procedure)\s+([\w$]+)\s*\.\s*([\w$]+)\s*\(/gi;

// The static side of the same rule, with a message that says where to move things: a trigger is created in the file
// that defines its function, or its function is a shared one in db/functions/platform.
test("every trigger's function is defined in the trigger's own file or in db/functions/platform", async (t) => {
  const definitions = await canonicalDefinitions();
  const offenders: string[] = [];
  let triggers = 0;
  for (const file of await canonicalFiles()) {
    const sql = (await readFile(file, "utf8")).replace(/--[^\n]*/g, "");
    const where = relative(PROJECT_ROOT, file);
    for (const match of sql.matchAll(TRIGGER_FUNCTION)) {
      triggers++;
      const name = `${match[1]!.toLowerCase()}.${match[2]!.toLowerCase()}`;
      const homes = [...definitions.files.get(name) ?? []];
      if (homes.includes(where) || homes.some((home) => home.startsWith(`db/functions/${FIRST_DOMAIN}/`))) continue;
      offenders.push(`${where} attaches ${name}, defined in ${homes.join(", ") || "no file"}: a trigger function ` +
        `used by several files belongs in db/functions/${FIRST_DOMAIN}/`);
    }
  }
  t.true(triggers > 20, "hardly any trigger definitions parsed: the parser is broken");
  t.deepEqual(offenders, [], offenders.join("\n"));
});

// Grants live in canonical files, so deleting one from its file must revoke it on the next `npm run db:migrate`,
// as deleting a policy drops it; otherwise every database upgraded across that release keeps the old exposure.
test("a grant that no canonical file makes does not survive `npm run db:migrate`", async (t) => {
  const db = await emptyDatabase(t);
  await migrate(db.ownerUrl);
  const expected = await withClient(db.rootUrl, canonicalSnapshot);
  // What an earlier release may have granted before its files changed: a server-only function, a private table,
  // a public function to a role its file no longer names, and a column grant.
  await withClient(db.ownerUrl, (client) => client.query(`
    grant execute on function app_private.create_session(uuid) to app_user;
    grant select on app_private.sessions to app_anonymous;
    grant execute on function app_public.logout() to app_user;
    grant update (status) on app_public.users to app_user;`));
  await migrate(db.ownerUrl);
  const after = await withClient(db.rootUrl, canonicalSnapshot);
  t.deepEqual(snapshotChanges({ privileges: expected.privileges }, { privileges: after.privileges }), {},
    "grants from an earlier state survive re-applying the canonical layer; scripts/db/migrate.ts should revoke the " +
    "API roles' privileges on app_* tables, sequences and functions before applying the files (as it drops policies)");
});

/**
 * dbmate over another migrations directory: the exported dbmate() pins db/migrations, and a second
 * --migrations-dir would add to it rather than replace it.
 */
async function dbmateIn(dir: string, url: string, ...args: string[]): Promise<void> {
  try {
    await promisify(execFile)("dbmate", ["--migrations-dir", dir, "--no-dump-schema", ...args],
      { cwd: PROJECT_ROOT, env: { ...process.env, DATABASE_URL: url } });
  } catch (error) {
    const { stdout = "", stderr = "" } = error as { stdout?: string; stderr?: string };
    throw new Error(`dbmate ${args.join(" ")} failed:\n${stdout}${stderr}`);
  }
}

/**
 * The canonical layer of an older release, approximated without git history: every current canonical file whose
 * objects already exist (files that fail, say because their table is created by a later migration, are skipped,
 * each in its own savepoint). Later migrations then run against functions, triggers and policies, as in production.
 */
async function applyCanonicalWhereItFits(url: string): Promise<string[]> {
  const skipped: string[] = [];
  await withClient(url, async (client) => {
    await client.query("begin");
    await client.query("set local check_function_bodies = off");
    for (const file of await canonicalFiles()) {
      await client.query("savepoint canonical_file");
      try {
        await client.query(await readFile(file, "utf8"));
        await client.query("release savepoint canonical_file");
      } catch {
        await client.query("rollback to savepoint canonical_file");
        skipped.push(relative(PROJECT_ROOT, file));
      }
    }
    await client.query("commit");
  });
  return skipped;
}

const quietLogger = new Logger(() => () => {});

test("a database upgraded one migration at a time dumps the same schema as a fresh one", async (t) => {
  const db = await emptyDatabase(t);
  const dir = await mkdtemp(join(tmpdir(), "p2p-migrations-"));
  t.teardown(() => rm(dir, { recursive: true, force: true }));

  // Each earlier release: its migrations (copied one by one, as each release added them), then its canonical layer.
  await runMigrations({ connectionString: db.ownerUrl, logger: quietLogger });
  for (const file of migrationFiles.slice(0, -1)) {
    await copyFile(join(MIGRATIONS_DIR, file), join(dir, file));
    await dbmateIn(dir, db.ownerUrl, "up");
    const skipped = await applyCanonicalWhereItFits(db.ownerUrl);
    t.log(`after ${file}: canonical files not yet applicable: ${skipped.length ? skipped.join(", ") : "none"}`);
  }
  // The release being deployed, through the real runner: the newest migration, then the whole canonical layer.
  await migrate(db.ownerUrl);

  await assertSameAsFresh(t, await dumpSchema(db.ownerUrl), "upgraded one migration at a time",
    "an upgraded database differs from a fresh one: a migration behaves differently when the canonical layer of " +
    "the previous release is present (or the canonical layer depends on what existed before)");
});

/** `-- Dumped from/by … version` name the server's minor version, which is not part of the schema. */
const withoutVersions = (dump: string) => dump.replace(/^-- Dumped (from database|by pg_dump) version .*$/gm, "");

test("a fresh database hashes passwords with bcrypt cost 12, backup and phone codes with cost 10", async (t) => {
  const { db } = await freshDatabase();
  const costs = await withClient(db.rootUrl, (client) => column(client, `
    select category || '.' || key || '=' || value from app_public.system_configuration
     where (category, key) in (('security', 'bcrypt_cost'), ('auth', 'backup_code_bcrypt_cost'), ('auth', 'phone_code_bcrypt_cost')) order by 1`));
  t.deepEqual(costs, ["auth.backup_code_bcrypt_cost=10", "auth.phone_code_bcrypt_cost=10", "security.bcrypt_cost=12"]);
});

test("db/schema.sql is the dump of a freshly migrated database", async (t) => {
  const [committed, { dump }] = await Promise.all([readFile(join(DB_DIR, "schema.sql"), "utf8"), freshDatabase()]);
  const diff = await unifiedDiff(withoutVersions(dump), withoutVersions(committed),
    ["fresh database", "db/schema.sql"]);
  t.is(diff, "", "db/schema.sql is stale: run `npm run db:migrate` (it rewrites db/schema.sql) and commit the " +
    "result. If it still differs, your development database has drifted from what the migrations and canonical " +
    `files make (e.g. a grant made by hand): \`npm run db:reset\` rebuilds it.\n${diff}`);
});

test("the dump does not depend on the month: monthly partitions made later leave db/schema.sql as it is", async (t) => {
  // Which months have partitions depends on the day of the migration (and on the daily jobs): a dump naming them
  // would go stale at the next change of month, on a fresh clone with no change at all.
  const db = await createEmptyDatabase();
  t.teardown(() => db.drop());
  await migrate(db.ownerUrl);
  await withClient(db.ownerUrl, async (client) => {
    await client.query("select app_private.create_location_tracking_partition('2031-05-01')");
    await client.query(`create table app_private.notifications_2031_05 partition of app_public.notifications
                          for values from ('2031-05-01') to ('2031-06-01')`);
  });
  const diff = await unifiedDiff((await freshDatabase()).dump, await dumpSchema(db.ownerUrl), ["fresh database", "later months"]);
  t.is(diff, "", diff);
});

interface Definitions {
  /** schema.name → files that define a function of that name. */
  files: Map<string, Set<string>>;
  /** schema.name → number of definitions (overloads) across those files. */
  count: Map<string, number>;
}

const IDENTIFIER = String.raw`("(?:[^"]|"")+"|[\w$]+)`;
const DEFINITION = new RegExp(
  String.raw`\bcreate\s+(?:or\s+replace\s+)?(?:function|procedure)\s+${IDENTIFIER}\s*\.\s*${IDENTIFIER}\s*\(`, "gi");

/** `create [or replace] function|procedure schema.name(` in every canonical file, ignoring `--` comments. */
async function canonicalDefinitions(): Promise<Definitions> {
  const definitions: Definitions = { files: new Map(), count: new Map() };
  const ident = (part: string) => (part.startsWith('"') ? part.slice(1, -1).replaceAll('""', '"') : part.toLowerCase());
  for (const file of await canonicalFiles()) {
    const sql = (await readFile(file, "utf8")).replace(/--[^\n]*/g, "");
    for (const match of sql.matchAll(DEFINITION)) {
      const name = `${ident(match[1]!)}.${ident(match[2]!)}`;
      const where = relative(PROJECT_ROOT, file);
      definitions.files.set(name, (definitions.files.get(name) ?? new Set()).add(where));
      definitions.count.set(name, (definitions.count.get(name) ?? 0) + 1);
    }
  }
  return definitions;
}

/** Functions of ours that do not have exactly one canonical file under db/functions, with the reason. */
async function functionsWithoutOneFile(client: pg.ClientBase, definitions: Definitions): Promise<string[]> {
  const { rows } = await client.query<{ name: string; signatures: string[] }>(`
    select n.nspname || '.' || p.proname as name, array_agg(p.oid::regprocedure::text order by p.oid) as signatures
      from pg_proc p join pg_namespace n on n.oid = p.pronamespace
     where n.nspname like ${APP}
       and not exists (select 1 from pg_depend d
                        where d.classid = 'pg_proc'::regclass and d.objid = p.oid and d.deptype = 'e')
     group by 1 order by 1`);
  const inDatabase = new Map(rows.map((r) => [r.name, r.signatures]));
  const inFiles = [...definitions.files.keys()].filter((name) => name.startsWith("app_"));
  const names = [...new Set([...inDatabase.keys(), ...inFiles])].sort();
  const offenders: string[] = [];
  for (const name of names) {
    const signatures = inDatabase.get(name) ?? [];
    const files = [...definitions.files.get(name) ?? []];
    const defined = definitions.count.get(name) ?? 0;
    if (files.length === 0) {
      offenders.push(`${signatures.join(", ")}: in the database but in no file under db/functions; drop it in a ` +
        "migration (`drop function if exists …`) or restore its file");
    } else if (files.length > 1) {
      offenders.push(`${name}: defined in several files (${files.join(", ")}); keep one`);
    } else if (!files[0]!.startsWith("db/functions/")) {
      offenders.push(`${name}: defined in ${files[0]}; functions belong under db/functions`);
    } else if (signatures.length !== defined) {
      offenders.push(`${name}: ${signatures.length} in the database (${signatures.join(", ")}) but ${defined} in ` +
        `${files[0]}; a changed signature leaves the old function behind: drop it in a migration`);
    }
  }
  return offenders;
}

test("every function in app_* is defined in exactly one canonical file under db/functions", async (t) => {
  const [definitions, { db }] = await Promise.all([canonicalDefinitions(), freshDatabase()]);
  t.true(definitions.files.size > 0, "no function definitions parsed from db/functions: the parser is broken");
  const offenders = await withClient(db.rootUrl, (client) => functionsWithoutOneFile(client, definitions));
  t.deepEqual(offenders, [], offenders.join("\n"));
});

// db/README.md "Where functions live": one API function (app_public) per file, named after it, so that a function's
// rules, triggers and grants are found by its name.
test("every file under db/functions defines at most one app_public function, named like the file", async (t) => {
  const definitions = await canonicalDefinitions();
  const apiByFile = new Map<string, string[]>();
  for (const [name, files] of definitions.files) {
    if (!name.startsWith("app_public.")) continue;
    for (const file of files) apiByFile.set(file, [...apiByFile.get(file) ?? [], name]);
  }
  t.true(apiByFile.size > 50, "hardly any API functions parsed: the parser is broken");
  const offenders = [...apiByFile].filter(([file, names]) =>
    names.length > 1 || !file.endsWith(`/${names[0]!.slice("app_public.".length)}.sql`))
    .map(([file, names]) => `${file}: ${names.join(", ")}`);
  t.deepEqual(offenders, [], offenders.join("\n"));
});

// The check above must be able to fail: a function left behind by a removed file, and an old overload left behind
// by a changed signature, are both reported.
test("self-check: an orphaned function and a stale overload are reported", async (t) => {
  const [definitions, { db }] = await Promise.all([canonicalDefinitions(), freshDatabase()]);
  const offenders = await withClient(db.rootUrl, (client) => rolledBack(client, async () => {
    await client.query(`
      create function app_hidden.orphan_probe() returns int language sql immutable as 'select 1';
      create function app_hidden.display_name(first_name text) returns text language sql immutable as 'select $1';`);
    return functionsWithoutOneFile(client, definitions);
  }));
  const reported = offenders.join("\n");
  t.true(offenders.some((o) => o.startsWith("app_hidden.orphan_probe(): in the database but in no file")), reported);
  t.true(offenders.some((o) => o.startsWith("app_hidden.display_name: 2 in the database")), reported);
});
