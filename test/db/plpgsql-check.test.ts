// Function bodies are never checked when they are created: scripts/db/migrate.ts applies the canonical layer with
// check_function_bodies = off so files may reference each other in any order. A typo in a column name would
// surface only when the function first runs. These tests check every body of ours after migration instead:
// PL/pgSQL with the plpgsql_check extension (types, columns, NEW/OLD of the trigger's table), SQL with the
// language's own validator.
import test from "ava";
import type pg from "pg";
import { APP_SCHEMAS_LIKE, rolledBack, withClient } from "../helpers/catalog.ts";
import { useTestDatabase } from "../helpers/database.ts";

interface Finding {
  function: string;
  level: string;
  text: string;
}

interface Report {
  errors: Finding[];
  warnings: Finding[];
}

const APP = `'${APP_SCHEMAS_LIKE}'`;

/** Our functions in a language, one row per function and per table it is a trigger on. */
const functionsSql = (language: string) => `
  select p.oid,
         format('%I.%I(%s)', n.nspname, p.proname, pg_get_function_identity_arguments(p.oid)) as name,
         p.prorettype = 'trigger'::regtype as is_trigger,
         t.tgrelid as relid,
         case when t.oid is not null then format('%I on %s', t.tgname, t.tgrelid::regclass) end as trigger,
         t.tgoldtable::text as oldtable, t.tgnewtable::text as newtable
    from pg_proc p
    join pg_namespace n on n.oid = p.pronamespace
    join pg_language l on l.oid = p.prolang
    left join pg_trigger t on t.tgfoid = p.oid and not t.tgisinternal
   where n.nspname like ${APP} and l.lanname = '${language}'
     and not exists (select 1 from pg_depend d
                      where d.classid = 'pg_proc'::regclass and d.objid = p.oid and d.deptype = 'e')
   order by name, trigger`;

interface Target {
  oid: number;
  name: string;
  is_trigger: boolean;
  relid: number | null;
  trigger: string | null;
  oldtable: string | null;
  newtable: string | null;
}

interface CheckRow {
  lineno: number | null;
  statement: string | null;
  sqlstate: string | null;
  message: string;
  detail: string | null;
  hint: string | null;
  level: string;
  query: string | null;
}

/**
 * Runs plpgsql_check over every PL/pgSQL function of ours. A trigger function is checked once per table it is
 * attached to, since NEW and OLD take that table's row type (and its transition tables, if any); one attached to
 * no table cannot be checked at all (plpgsql_check refuses a trigger function without a relation), which is
 * reported as an error: attach it beside its definition, or drop it in a migration.
 */
async function checkPlpgsql(client: pg.ClientBase): Promise<Report> {
  const { rows: targets } = await client.query<Target>(functionsSql("plpgsql"));
  const report: Report = { errors: [], warnings: [] };
  for (const target of targets) {
    const where = target.trigger ? `${target.name} as trigger ${target.trigger}` : target.name;
    if (target.is_trigger && target.relid === null) {
      report.errors.push({ function: where, level: "error",
        text: "trigger function attached to no table: plpgsql_check cannot type NEW/OLD without one" });
      continue;
    }
    const { rows } = await client.query<CheckRow>(
      `select lineno, statement, sqlstate, message, detail, hint, level, query
         from public.plpgsql_check_function_tb($1::oid::regprocedure, coalesce($2::oid, 0)::regclass,
                fatal_errors := false, other_warnings := true, extra_warnings := true,
                performance_warnings := true, security_warnings := true,
                oldtable := $3::name, newtable := $4::name)`,
      [target.oid, target.relid, target.oldtable, target.newtable]);
    for (const row of rows) {
      const text = [
        `line ${row.lineno ?? "?"}${row.statement ? ` (${row.statement})` : ""}: ${row.message}`,
        row.sqlstate ? `[${row.sqlstate}]` : "",
        row.query ? `in: ${row.query.trim()}` : "",
        row.detail ? `detail: ${row.detail}` : "",
        row.hint ? `hint: ${row.hint}` : "",
      ].filter(Boolean).join(" ");
      (row.level === "error" ? report.errors : report.warnings).push({ function: where, level: row.level, text });
    }
  }
  return report;
}

/**
 * Calls the SQL language's validator on every SQL function of ours, with check_function_bodies on: the check
 * CREATE FUNCTION would have made. Each call sits in a savepoint, so one broken body does not hide the others.
 */
async function checkSql(client: pg.ClientBase): Promise<Finding[]> {
  const { rows: targets } = await client.query<Target>(functionsSql("sql"));
  await client.query("set local check_function_bodies = on");
  const errors: Finding[] = [];
  for (const target of targets) {
    await client.query("savepoint validate");
    try {
      await client.query("select pg_catalog.fmgr_sql_validator($1::oid)", [target.oid]);
      await client.query("release savepoint validate");
    } catch (error) {
      await client.query("rollback to savepoint validate");
      errors.push({ function: target.name, level: "error", text: (error as Error).message });
    }
  }
  return errors;
}

const format = (findings: Finding[]) => findings.map((f) => `${f.function}: ${f.text}`).join("\n  ");

const db = useTestDatabase(test);

/** Fails (never skips) when the extension is missing: an unchecked body is exactly what this file prevents. */
async function requirePlpgsqlCheck(client: pg.ClientBase): Promise<string | undefined> {
  const { rows } = await client.query<{ installed: boolean; available: boolean; major: number }>(
    `select exists (select 1 from pg_extension where extname = 'plpgsql_check') as installed,
            exists (select 1 from pg_available_extensions where name = 'plpgsql_check') as available,
            current_setting('server_version_num')::int / 10000 as major`);
  const { installed, available, major } = rows[0]!;
  if (installed) return undefined;
  if (available) {
    return "plpgsql_check is available on the server but not created in the test database: scripts/db/setup.ts " +
      "creates it (OPTIONAL_EXTENSIONS) when it builds the template; rerun npm test";
  }
  return `The PostgreSQL server lacks the plpgsql_check extension. On the database server, as root, run:\n` +
    `  apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends ` +
    `postgresql-${major}-plpgsql-check\nthen rerun npm test.`;
}

test("every PL/pgSQL function in app_* passes plpgsql_check (trigger functions against their tables)", async (t) => {
  const report = await withClient(db.rootUrl, async (client) => {
    const missing = await requirePlpgsqlCheck(client);
    if (missing) return missing;
    return rolledBack(client, () => checkPlpgsql(client));
  });
  if (typeof report === "string") {
    t.fail(report);
    return;
  }
  if (report.warnings.length > 0) t.log(`plpgsql_check warnings (allowed):\n  ${format(report.warnings)}`);
  t.deepEqual(report.errors, [], `plpgsql_check found errors:\n  ${format(report.errors)}`);
});

test("every SQL function body in app_* is valid", async (t) => {
  const errors = await withClient(db.rootUrl, (client) => rolledBack(client, () => checkSql(client)));
  t.deepEqual(errors, [], `invalid SQL function bodies:\n  ${format(errors)}`);
});

// The checks must be able to fail: each probe below is broken in a way only a body check notices.
test("self-check: a broken function, a broken trigger function and an unattached trigger function are reported",
  async (t) => {
    const report = await withClient(db.rootUrl, async (client) => {
      const missing = await requirePlpgsqlCheck(client);
      if (missing) return missing;
      return rolledBack(client, async () => {
        await client.query(`
          set local check_function_bodies = off;
          create function app_hidden.plpgsql_probe_broken() returns int language plpgsql stable as $$
          begin
            return (select count(*) from app_public.no_such_table);
          end $$;
          create function app_hidden.tg_plpgsql_probe__broken() returns trigger language plpgsql as $$
          begin
            NEW.no_such_column := 1;
            return NEW;
          end $$;
          create table app_hidden.plpgsql_probe (id int primary key);
          create trigger _100_probe before insert on app_hidden.plpgsql_probe
            for each row execute function app_hidden.tg_plpgsql_probe__broken();
          create function app_hidden.tg_plpgsql_probe__unattached() returns trigger language plpgsql as $$
          begin
            return NEW;
          end $$;`);
        return checkPlpgsql(client);
      });
    });
    if (typeof report === "string") {
      t.fail(report);
      return;
    }
    const reported = format(report.errors);
    t.regex(reported, /app_hidden\.plpgsql_probe_broken\(\): .*no_such_table/);
    t.regex(reported,
      /app_hidden\.tg_plpgsql_probe__broken\(\) as trigger _100_probe on app_hidden\.plpgsql_probe: .*no_such_column/);
    t.regex(reported, /app_hidden\.tg_plpgsql_probe__unattached\(\): trigger function attached to no table/);
  });

test("self-check: a SQL function with a broken body is reported", async (t) => {
  const errors = await withClient(db.rootUrl, (client) => rolledBack(client, async () => {
    await client.query(`
      set local check_function_bodies = off;
      create function app_hidden.sql_probe_broken() returns bigint language sql stable as $$
        select count(*) from app_public.no_such_table
      $$;`);
    return checkSql(client);
  }));
  t.regex(format(errors), /app_hidden\.sql_probe_broken\(\): .*no_such_table/);
});
