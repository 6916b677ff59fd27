// RLS matrix of the operations tables (docs/operations.md): system_backups and backup_restore_drills are read by
// admins with system.read or system.backup; data_exports by whoever asked for the export and by system.read;
// daily_metrics and popular_routes by analytics.read. Anonymous has no access, other users and admins without the
// permission see nothing, and nobody writes through the API (42501): rows come from the operations functions.
import test from "ava";
import { actAs, anonymous, createMember, makeAdmin, user } from "../helpers/actors.ts";
import { queryAsRoot, useTestDatabase } from "../helpers/database.ts";
import { sqlstate } from "../helpers/errors.ts";

const db = useTestDatabase(test);
const actors: Record<string, string> = {};
const rows: Record<string, string> = {};

test.before(async () => {
  for (const name of ["member", "requester", "admin", "analyst", "support", "finance"]) actors[name] = await createMember(db, "both");
  await makeAdmin(db, actors.requester!, "finance");
  await makeAdmin(db, actors.admin!, "admin");
  await makeAdmin(db, actors.analyst!, "analyst");
  await makeAdmin(db, actors.support!, "support");
  await makeAdmin(db, actors.finance!, "finance");
  const one = async (sql: string, params: unknown[] = []) => (await queryAsRoot(db, sql, params))[0]!.id as string;
  rows.system_backups = await one("insert into app_public.system_backups (expires_at) values (now() + interval '30 days') returning id");
  rows.backup_restore_drills = await one("insert into app_public.backup_restore_drills (backup_id) values ($1) returning id",
    [rows.system_backups]);
  rows.data_exports = await one(`insert into app_public.data_exports (export_type, format, contains_pii, requested_by, expires_at)
    values ('deliveries', 'csv', false, $1, now() + interval '7 days') returning id`, [actors.requester]);
  rows.daily_metrics = await one("insert into app_public.daily_metrics (metric_date, metric_type) values (current_date, 'activity') returning id");
  rows.popular_routes = await one(`insert into app_public.popular_routes (origin_city, origin_country, destination_city,
    destination_country, request_count, completion_count, period_start, period_end)
    values ('Berlin', 'DE', 'Paris', 'FR', 5, 1, now() - interval '30 days', now()) returning id`);
});

const TABLES = ["system_backups", "backup_restore_drills", "data_exports", "daily_metrics", "popular_routes"];
/** Who sees each table's row. */
const READERS: Record<string, string[]> = {
  system_backups: ["admin"],
  backup_restore_drills: ["admin"],
  data_exports: ["requester", "admin"],
  daily_metrics: ["admin", "analyst"],
  popular_routes: ["admin", "analyst"],
};

test("anonymous reads none of them", async (t) => {
  for (const table of TABLES) {
    t.is(await sqlstate(actAs(db, anonymous, (c) => c.query(`select * from app_public.${table}`))), "42501", table);
  }
});

test("each row is visible exactly to its readers", async (t) => {
  for (const table of TABLES) {
    for (const actor of Object.keys(actors)) {
      const seen = await actAs(db, user(actors[actor]!), async (c) =>
        (await c.query(`select id from app_public.${table} where id = $1`, [rows[table]])).rowCount);
      t.is(seen, READERS[table]!.includes(actor) ? 1 : 0, `${actor} on ${table}`);
    }
  }
});

test("nobody inserts, updates or deletes through the API, not even an admin", async (t) => {
  for (const table of TABLES) {
    for (const actor of ["member", "admin"]) {
      await actAs(db, user(actors[actor]!), async (c) => {
        t.is(await sqlstate(c.query("savepoint s").then(() => c.query(`insert into app_public.${table} default values`))),
          "42501", `${actor} inserts into ${table}`);
        await c.query("rollback to savepoint s");
        t.is(await sqlstate(c.query(`update app_public.${table} set id = id where id = $1`, [rows[table]])), "42501",
          `${actor} updates ${table}`);
        await c.query("rollback to savepoint s");
        t.is(await sqlstate(c.query(`delete from app_public.${table} where id = $1`, [rows[table]])), "42501",
          `${actor} deletes from ${table}`);
        await c.query("rollback to savepoint s");
      });
    }
  }
});
