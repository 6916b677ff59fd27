// The worker's task list (workers/tasks/index.ts) and schedule (workers/crontab): every task file is registered
// under its file name — the identifier SQL enqueues — and every scheduled task exists, or the worker refuses to start.
import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import test from "ava";
import { readConfig } from "../../lib/config.ts";
import { CRONTAB_FILE, makeTaskDeps, readSchedule } from "../../workers/index.ts";
import { makeTaskList } from "../../workers/tasks/index.ts";

const TASKS_DIR = new URL("../../workers/tasks/", import.meta.url);
const taskList = makeTaskList(makeTaskDeps(readConfig()));

test("every file of workers/tasks is in the task list under its name, and nothing else is", async (t) => {
  const files = (await readdir(TASKS_DIR)).filter((f) => f.endsWith(".ts") && f !== "index.ts");
  t.true(files.length > 0);
  t.deepEqual(Object.keys(taskList).sort(), files.map((f) => f.replace(/\.ts$/, "")).sort());
  for (const task of Object.values(taskList)) t.is(typeof task, "function");
});

test("each task file exports one factory, make<Identifier>Task", async (t) => {
  for (const identifier of Object.keys(taskList)) {
    const module: Record<string, unknown> = await import(new URL(`${identifier}.ts`, TASKS_DIR).href);
    const factory = `make${identifier.split(/_+/).map((w) => w[0]!.toUpperCase() + w.slice(1)).join("")}Task`;
    t.is(typeof module[factory], "function", `${identifier}.ts exports ${factory}`);
    t.is(module.default, undefined, `${identifier}.ts has no default export`);
  }
});

test("the schedule names only tasks of the list; an unknown one stops the worker at boot", async (t) => {
  const items = readSchedule(taskList);
  t.true(items.length > 0);
  t.deepEqual(items.filter((item) => !Object.hasOwn(taskList, item.task)), []);
  const crontab = `${await readFile(CRONTAB_FILE, "utf8")}\n0 3 * * * users__no_such_task ?id=no_such_task\n`;
  t.throws(() => readSchedule(taskList, crontab), { message: /unknown tasks: users__no_such_task/ });
});

const WORKERS_DIR = new URL("../../workers/", import.meta.url);
/** `app_public.name(`, `app_hidden.name(` or `app_private.name(` in the worker's source: the SQL functions it calls. */
const SQL_CALL = /\b(app_(?:public|hidden|private))\.([a-z_0-9]+)\s*\(/g;

// Functions only the worker calls live in app_private, which the API roles cannot reach (the catalog lint checks its
// grants): a scheduled job's function in app_hidden would be one grant away from the API.
test("the worker calls only app_private functions", async (t) => {
  const files = (await readdir(WORKERS_DIR, { recursive: true })).filter((f) => f.endsWith(".ts"));
  const calls: string[] = [];
  for (const file of files) {
    const source = await readFile(join(WORKERS_DIR.pathname, file), "utf8");
    for (const [, schema, name] of source.matchAll(SQL_CALL)) calls.push(`${schema}.${name} (workers/${file})`);
  }
  t.true(calls.some((call) => call.startsWith("app_private.record_trip_weather")), "the scan finds no SQL calls");
  t.deepEqual(calls.filter((call) => !call.startsWith("app_private.")), []);
});
