// Data exports (docs/operations.md, Exports): requestDataExport needs reports.export in a two-factor session and
// checks its filters; the worker streams the rows (more than one cursor fetch here) into a CSV or JSON file whose
// contents match the database; only the admin who asked downloads it from /exports/<id>, until it expires, when the
// cleanup marks it expired and removes the file. Serial: jobs run one pass at a time over the whole test database.
import { mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import test from "ava";
import { createMember, makeAdmin, tokenFor } from "../helpers/actors.ts";
import { queryAsRoot } from "../helpers/database.ts";
import { errorCode } from "../helpers/errors.ts";
import { createTrip } from "../helpers/marketplace.ts";
import { useTestServer } from "../helpers/server.ts";
import { runReadyJobs, runTask, workerTaskList } from "../helpers/worker.ts";
import { readConfig } from "../../lib/config.ts";
import { makeTaskDeps } from "../../workers/index.ts";
import { csvField, makeExportsCreateTask } from "../../workers/tasks/exports__create.ts";

const exportDir = await mkdtemp(join(tmpdir(), "p2p-exports-"));
const { db, server } = useTestServer(test, { EXPORT_DIR: exportDir });
let admin: string;
let adminToken: string;
let otherAdminToken: string;
let analystToken: string;
let adminNoMfa: string;
let memberToken: string;
const FETCH_SIZE = 7;
/** The worker's tasks, with exports fetched FETCH_SIZE rows at a time: the users below take several fetches. */
const taskList = () => {
  const env = { DATABASE_URL: db.ownerUrl, WORKER_DATABASE_URL: db.ownerUrl, EXPORT_DIR: exportDir };
  const deps = makeTaskDeps(readConfig({ ...process.env, ...env }));
  return { ...workerTaskList(env), exports__create: makeExportsCreateTask(deps, FETCH_SIZE) };
};

test.serial.before(async () => {
  admin = await createMember(db, "both");
  await makeAdmin(db, admin, "admin");
  adminToken = await tokenFor(db, admin, { mfaVerified: true });
  adminNoMfa = await tokenFor(db, admin, { mfaVerified: false });
  const other = await createMember(db, "both");
  await makeAdmin(db, other, "super_admin");
  otherAdminToken = await tokenFor(db, other, { mfaVerified: true });
  const analyst = await createMember(db, "both");
  await makeAdmin(db, analyst, "analyst");
  analystToken = await tokenFor(db, analyst, { mfaVerified: true });
  memberToken = await tokenFor(db, await createMember(db, "both"));
  // Users for several fetches of the cursor, with names a CSV must quote or defuse.
  await queryAsRoot(db, `
    with u as (insert into app_public.users (first_name, display_name, status)
               select case i % 3 when 0 then 'Ann, "the" first' when 1 then '=HYPERLINK("x")' else 'Zoë' end, 'user ' || i, 'active'
                 from generate_series(1, 30) i returning id)
    insert into app_public.user_contacts (user_id, email, last_name) select id, 'bulk-' || id || '@example.test', 'Bulk' from u`);
  await createTrip(db, await createMember(db, "traveler"));
});
test.after.always(async () => {
  await rm(exportDir, { recursive: true, force: true });
});

const REQUEST = `mutation ($type: ExportType!, $format: ExportFormat!, $filters: JSON) {
  requestDataExport(input: { exportType: $type, format: $format, filters: $filters }) {
    dataExport { rowId status containsPii format exportType expiresAt } } }`;
const request = (token: string, type: string, format: string, filters?: unknown) =>
  server.gql(REQUEST, { token, variables: { type, format, filters } });
const download = (id: string, token?: string) =>
  fetch(`${server.url}/exports/${id}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });

/** The users export as the database holds it, in the export's order. */
const usersInDatabase = () => queryAsRoot(db, `
  select u.id, u.first_name, c.last_name, u.display_name, c.email, c.phone_number, u.user_type::text, u.status::text,
         u.verification_level::text, to_jsonb(u.created_at) #>> '{}' as created_at
    from app_public.users u left join app_public.user_contacts c on c.user_id = u.id order by u.created_at, u.id`);

/** A minimal RFC 4180 reader (quoted fields with doubled quotes, CRLF rows) for the test's own check. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') { field += '"'; i++; }
      else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ",") { row.push(field); field = ""; }
    else if (ch === "\r" && text[i + 1] === "\n") { row.push(field); rows.push(row); row = []; field = ""; i++; }
    else field += ch;
  }
  return rows;
}

test.serial("reports.export in a two-factor session: members, admins without the second factor and visitors are refused", async (t) => {
  t.is(errorCode(await request(memberToken, "users", "csv")), "DNIED");
  t.is(errorCode(await request(adminNoMfa, "users", "csv")), "DNIED");
  t.is(errorCode(await server.gql(REQUEST, { variables: { type: "users", format: "csv" } })), "DNIED");
  const analyst = await request(analystToken, "trips", "json");
  t.is(analyst.errors, undefined, "analysts hold reports.export");
  t.false(analyst.data!.requestDataExport.dataExport.containsPii);
});

test.serial("filters: only from and to, as ISO dates, from before to", async (t) => {
  const refused: Array<[unknown, RegExp]> = [
    [{ since: "2026-01-01" }, /filters may hold only from and to, not since/],
    [{ from: "yesterday" }, /filters.from must be a date or a timestamp/],
    [{ to: "2026-02-30" }, /filters.to must be a date or a timestamp/],
    [{ from: 20260101 }, /filters.from must be a date or a timestamp/],
    [["2026-01-01"], /filters must be a JSON object/],
    [{ from: "2026-02-01", to: "2026-01-01" }, /filters.from must be before filters.to/],
  ];
  for (const [filters, message] of refused) {
    const res = await request(adminToken, "users", "csv", filters);
    t.is(errorCode(res), "INVAL", JSON.stringify(filters));
    t.regex(res.errors![0]!.message, message);
  }
});

test.serial("a CSV export of users streams every row over several fetches, matches the database, is flagged PII and only its admin downloads it", async (t) => {
  const res = await request(adminToken, "users", "csv");
  const created = res.data!.requestDataExport.dataExport;
  t.like(created, { status: "pending", containsPii: true, format: "csv", exportType: "users" });
  const days = (Date.parse(created.expiresAt) - Date.now()) / 86_400_000;
  t.true(days > 6.9 && days <= 7, "kept retention.exports_days (7)");
  t.is((await download(created.rowId, adminToken)).status, 404, "nothing to download before the worker wrote it");

  await runReadyJobs(db, { taskList: taskList() });
  const [row] = await queryAsRoot(db, "select * from app_public.data_exports where id = $1", [created.rowId]);
  t.is(row!.status, "completed", row!.error ?? "");
  const expected = await usersInDatabase();
  t.true(expected.length > 4 * FETCH_SIZE, "several fetches");
  t.is(Number(row!.row_count), expected.length);

  const answer = await download(created.rowId, adminToken);
  t.is(answer.status, 200);
  t.is(answer.headers.get("content-type"), "text/csv; charset=utf-8");
  t.is(answer.headers.get("cache-control"), "no-store");
  const text = await answer.text();
  t.is(Buffer.byteLength(text), Number(row!.byte_size));
  const [header, ...lines] = parseCsv(text);
  t.is(lines.length, expected.length);
  const defuse = (v: unknown): string => (typeof v === "string" && /^[=+\-@]/.test(v) ? `'${v}` : String(v ?? ""));
  const parsed = lines.map((line) => Object.fromEntries(header!.map((column, i) => [column, line[i]])));
  const byId = new Map(parsed.map((r) => [r.id, r]));
  t.is(byId.size, parsed.length, "no user twice");
  for (const [i, user] of expected.entries()) {
    const got: Record<string, string | undefined> = byId.get(user.id) ?? {};
    for (const column of ["id", "first_name", "last_name", "display_name", "email", "user_type", "status", "verification_level"]) {
      t.is(got[column], defuse(user[column]), `${column} of row ${i}`);
    }
    t.is(Date.parse(got.created_at!), Date.parse(user.created_at), `created_at of row ${i}`);
  }
  t.deepEqual(parsed.map((r) => r.id).sort(), expected.map((u) => u.id).sort(), "every user, once");
  t.true(parsed.some((r) => r.first_name === 'Ann, "the" first'), "quotes and commas survive");
  t.true(parsed.some((r) => r.first_name === `'=HYPERLINK("x")`), "a formula is defused");

  t.is((await download(created.rowId, otherAdminToken)).status, 404, "another admin, even a super admin, cannot download it");
  t.is((await download(created.rowId, memberToken)).status, 404);
  t.is((await download(created.rowId)).status, 401);
  t.is((await download("not-an-id", adminToken)).status, 404);
});

test.serial("a JSON export of trips within filters holds exactly the database's rows", async (t) => {
  const res = await request(adminToken, "trips", "json", { from: "2000-01-01", to: "2100-01-01" });
  const id = res.data!.requestDataExport.dataExport.rowId;
  await runReadyJobs(db, { taskList: taskList() });
  const body = (await (await download(id, adminToken)).json()) as Array<Record<string, unknown>>;
  const trips = await queryAsRoot(db, `select id, traveler_id, status::text, capacity_weight_kg::text from app_public.trips order by created_at, id`);
  t.true(trips.length > 0);
  const sorted = [...body].sort((a, b) => String(a.created_at).localeCompare(String(b.created_at)) || String(a.id).localeCompare(String(b.id)));
  t.deepEqual(sorted.map((r) => ({ id: r.id, traveler_id: r.traveler_id, status: r.status, capacity_weight_kg: Number(r.capacity_weight_kg) })),
    trips.map((r) => ({ ...r, capacity_weight_kg: Number(r.capacity_weight_kg) })));
  const empty = await request(adminToken, "trips", "json", { from: "2000-01-01", to: "2000-01-02" });
  await runReadyJobs(db, { taskList: taskList() });
  t.deepEqual(await (await download(empty.data!.requestDataExport.dataExport.rowId, adminToken)).json(), []);
});

test.serial("after retention.exports_days the export expires: status expired, file removed, no download", async (t) => {
  const [row] = await queryAsRoot(db, "select id, storage_key from app_public.data_exports where status = 'completed' and export_type = 'users'");
  const files = async () => (await readdir(exportDir, { recursive: true })).filter((f) => /\.(csv|json)$/.test(String(f)));
  t.true((await files()).some((f) => String(f) === row!.storage_key));
  await queryAsRoot(db, "update app_public.data_exports set expires_at = now() - interval '1 second' where id = $1", [row!.id]);
  t.is((await download(row!.id, adminToken)).status, 404, "an export past its time is not served");
  await runTask(db, "maintenance__cleanup_expired_data", { taskList: taskList() });
  const [after] = await queryAsRoot(db, "select status from app_public.data_exports where id = $1", [row!.id]);
  t.is(after!.status, "expired");
  t.false((await files()).some((f) => String(f) === row!.storage_key), "the file is gone");
  t.true((await files()).length > 0, "the other exports' files stay");
});

test("csvField quotes what CSV needs quoted and defuses spreadsheet formulas, but not numbers", (t) => {
  t.is(csvField(null), "");
  t.is(csvField("plain"), "plain");
  t.is(csvField('a "b", c'), '"a ""b"", c"');
  t.is(csvField("line\nbreak"), '"line\nbreak"');
  t.is(csvField("=1+1"), "'=1+1");
  t.is(csvField("@SUM(A1)"), "'@SUM(A1)");
  t.is(csvField(-5), "-5");
  t.is(csvField({ a: 1 }), '"{""a"":1}"');
});
