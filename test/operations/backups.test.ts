// Backups and the restore drill (docs/operations.md, Backups and restore): requestBackup needs system.backup in a
// two-factor session; the worker's pg_dump lands in BACKUP_DIR with the size and SHA-256 recorded; the restore drill
// restores the newest backup into a scratch database (then dropped) and finds every table with the rows the backup
// counted: zero rows lost. Serial: jobs run one pass at a time over the whole test database.
import { createHash } from "node:crypto";
import { mkdtemp, readFile, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import test from "ava";
import { createMember, makeAdmin, tokenFor } from "../helpers/actors.ts";
import { queryAsRoot } from "../helpers/database.ts";
import { errorCode } from "../helpers/errors.ts";
import { gqlData } from "../helpers/graphql.ts";
import { createRequest, createTrip } from "../helpers/marketplace.ts";
import { useTestServer } from "../helpers/server.ts";
import { runReadyJobs, runTask, workerTaskList } from "../helpers/worker.ts";
import { compareRowCounts } from "../../workers/tasks/backups__restore_drill.ts";

const backupDir = await mkdtemp(join(tmpdir(), "p2p-backups-"));
const { db, server } = useTestServer(test);
let adminToken: string;
let adminNoMfa: string;
let analystToken: string;
let memberToken: string;
const taskList = () => workerTaskList({ DATABASE_URL: db.ownerUrl, WORKER_DATABASE_URL: db.ownerUrl,
  ROOT_DATABASE_URL: db.rootUrl, BACKUP_DIR: backupDir });

test.serial.before(async () => {
  const admin = await createMember(db, "both");
  await makeAdmin(db, admin, "admin");
  adminToken = await tokenFor(db, admin, { mfaVerified: true });
  adminNoMfa = await tokenFor(db, admin, { mfaVerified: false });
  const analyst = await createMember(db, "both");
  await makeAdmin(db, analyst, "analyst");
  analystToken = await tokenFor(db, analyst, { mfaVerified: true });
  const member = await createMember(db, "both");
  memberToken = await tokenFor(db, member);
  // Something in the marketplace to lose.
  const traveler = await createMember(db, "traveler");
  await createTrip(db, traveler);
  await createRequest(db, await createMember(db, "customer", "email_verified"));
});
test.after.always(async () => {
  await rm(backupDir, { recursive: true, force: true });
});

const REQUEST = "mutation { requestBackup(input: {}) { systemBackup { rowId status backupType expiresAt } } }";
const DRILL = "mutation { requestRestoreDrill(input: {}) { result } }";

test.serial("only admins with system.backup in a two-factor session may ask for a backup", async (t) => {
  t.is(errorCode(await server.gql(REQUEST)), "DNIED", "visitors may not call it at all");
  t.is(errorCode(await server.gql(REQUEST, { token: memberToken })), "DNIED");
  t.is(errorCode(await server.gql(REQUEST, { token: analystToken })), "DNIED", "analysts have no system.backup");
  t.is(errorCode(await server.gql(REQUEST, { token: adminNoMfa })), "DNIED", "no second factor, no backup");
  await queryAsRoot(db, "update app_public.system_configuration set value = 'false' where category = 'security' and key = 'admin_requires_2fa'");
  try {
    t.is(errorCode(await server.gql(REQUEST, { token: adminNoMfa })), "DNIED", "even where admin rights need no second factor");
  } finally {
    await queryAsRoot(db, "update app_public.system_configuration set value = 'true' where category = 'security' and key = 'admin_requires_2fa'");
  }
  t.is(errorCode(await server.gql(DRILL, { token: adminToken })), "BADST", "no completed backup to restore yet");
  t.deepEqual(await queryAsRoot(db, "select id from app_public.system_backups"), []);
});

test.serial("backup → restore drill: a real pg_dump with its size and SHA-256, restored with zero rows lost", async (t) => {
  const { requestBackup } = (await gqlData(server, REQUEST, { token: adminToken })) as any;
  const backup = requestBackup.systemBackup;
  t.like(backup, { status: "in_progress", backupType: "database_only" });
  const days = (Date.parse(backup.expiresAt) - Date.now()) / 86_400_000;
  t.true(days > 29.9 && days <= 30, "kept retention.backups_days (30)");

  await runReadyJobs(db, { taskList: taskList() });
  const [row] = await queryAsRoot(db, "select * from app_public.system_backups where id = $1", [backup.rowId]);
  t.is(row!.status, "completed", row!.error ?? "");
  const path = join(backupDir, row!.storage_key);
  const bytes = await readFile(path);
  t.is(bytes.subarray(0, 5).toString("latin1"), "PGDMP", "pg_dump's custom format");
  t.is(Number(row!.byte_size), (await stat(path)).size);
  t.is(row!.sha256, createHash("sha256").update(bytes).digest("hex"));
  const counts = row!.row_counts as Record<string, number>;
  const [live] = await queryAsRoot(db, "select count(*)::int as n from app_public.users");
  t.is(counts["app_public.users"], live!.n, "the rows of the dump's snapshot");
  t.true(counts["app_public.trips"]! >= 1 && counts["app_public.delivery_requests"]! >= 1);
  t.false("public.spatial_ref_sys" in counts, "extensions' own tables are not counted");

  // Admins see it; a member does not.
  const list = "{ systemBackups { nodes { rowId status byteSize sha256 } } }";
  t.deepEqual((await server.gql(list, { token: adminToken })).data!.systemBackups.nodes,
    [{ rowId: backup.rowId, status: "completed", byteSize: String(row!.byte_size), sha256: row!.sha256 }]);
  t.deepEqual((await server.gql(list, { token: memberToken })).data!.systemBackups.nodes, []);

  // On demand (the monthly cron runs the same task).
  t.true(((await gqlData(server, DRILL, { token: adminToken })) as any).requestRestoreDrill.result);
  await runReadyJobs(db, { taskList: taskList() });
  const [drill] = await queryAsRoot(db, "select * from app_public.backup_restore_drills where backup_id = $1", [backup.rowId]);
  t.is(drill!.error, null);
  t.is(drill!.status, "passed");
  t.deepEqual(drill!.mismatches, []);
  t.is(drill!.tables_compared, Object.keys(counts).length);
  t.is(Number(drill!.rows_restored), Object.values(counts).reduce((a, b) => a + b, 0));
  t.true(drill!.tables_compared > 50, "every table of the schema was compared");
  const scratch = await queryAsRoot(db, "select datname from pg_database where datname like 'p2p_restore_drill_%'");
  t.deepEqual(scratch, [], "the scratch database is dropped");
});

test.serial("a backup file that changed since it was taken fails the drill, which says why", async (t) => {
  const [row] = await queryAsRoot(db, "select storage_key from app_public.system_backups where status = 'completed' order by completed_at desc limit 1");
  const path = join(backupDir, row!.storage_key);
  const original = await readFile(path);
  await writeFile(path, Buffer.concat([original, Buffer.from("tampered")]));
  try {
    await runTask(db, "backups__restore_drill", { taskList: taskList() });
  } finally {
    await writeFile(path, original);
  }
  const [drill] = await queryAsRoot(db, "select * from app_public.backup_restore_drills order by started_at desc limit 1");
  t.is(drill!.status, "failed");
  t.regex(drill!.error, /SHA-256 is [0-9a-f]{64}, not the recorded/);
});

test("the comparison names every table whose rows differ, and tables missing on either side", (t) => {
  t.deepEqual(compareRowCounts({ "a.x": 3, "a.y": 2 }, { "a.x": 3, "a.y": 2 }),
    { tablesCompared: 2, rowsRestored: 5, mismatches: [] });
  t.deepEqual(compareRowCounts({ "a.x": 3, "a.y": 2 }, { "a.x": 2, "a.z": 1 }).mismatches, [
    { table: "a.x", expected: 3, restored: 2 },
    { table: "a.y", expected: 2, restored: null },
    { table: "a.z", expected: null, restored: 1 }]);
});
