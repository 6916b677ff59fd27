// The retention steps operations adds to cleanup_expired_data (docs/operations.md, Retention): QR scans after
// retention.qr_scans_days unless their delivery's evidence is held (an open dispute, or one settled within
// tracking.dispute_grace_days), processed Stripe events after retention.stripe_events_days (unprocessed ones stay),
// and backups and exports past expires_at (status expired, file removed). Batches of retention.batch_size, counts returned, and a second run changes nothing.
// Serial: the tests change settings and count rows across the whole database.
import { mkdtemp, readdir, rm, writeFile, mkdir } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, dirname } from "node:path";
import test from "ava";
import { createMember } from "../helpers/actors.ts";
import { asRoot, queryAsRoot, setSetting, useTestDatabase } from "../helpers/database.ts";
import { createDeliveryRecord, createTrip } from "../helpers/marketplace.ts";
import { runTask, workerTaskList } from "../helpers/worker.ts";

const backupDir = await mkdtemp(join(tmpdir(), "p2p-retention-backups-"));
const exportDir = await mkdtemp(join(tmpdir(), "p2p-retention-exports-"));
const db = useTestDatabase(test);
let delivery: string;
let disputed: string;
let settledRecently: string;
let settledLongAgo: string;
let traveler: string;
test.serial.before(async () => {
  traveler = await createMember(db, "traveler");
  delivery = await createDeliveryRecord(db, await createTrip(db, traveler));
  disputed = await createDeliveryRecord(db, await createTrip(db, traveler));
  settledRecently = await createDeliveryRecord(db, await createTrip(db, traveler));
  settledLongAgo = await createDeliveryRecord(db, await createTrip(db, traveler));
  // Setup only (the dispute flows are tested in test/disputes): an open dispute, one settled 10 days ago (inside
  // tracking.dispute_grace_days, 30) and one settled 40 days ago.
  await asRoot(db, async (c) => {
    await c.query("begin; set local session_replication_role = replica");
    await c.query("update app_public.deliveries set status = 'disputed', disputed_at = now() where id = $1", [disputed]);
    for (const [id, resolvedAgo] of [[disputed, null], [settledRecently, "10 days"], [settledLongAgo, "40 days"]]) {
      await c.query(
        `insert into app_public.disputes (delivery_id, category, description, complainant_id, respondent_id, currency,
           response_due_at, due_date, status, resolution, resolved_at)
         select d.id, 'item_damaged', 'The item arrived broken', d.customer_id, d.traveler_id, 'EUR', now(), now(),
                case when $2::interval is null then 'open' else 'closed' end::app_public.dispute_status,
                case when $2::interval is not null then 'no_action' end::app_public.dispute_resolution,
                now() - $2::interval
           from app_public.deliveries d where d.id = $1`, [id, resolvedAgo]);
    }
    await c.query("commit");
  });
});
test.after.always(async () => {
  await rm(backupDir, { recursive: true, force: true });
  await rm(exportDir, { recursive: true, force: true });
});

const cleanup = async () => (await queryAsRoot(db, "select app_private.cleanup_expired_data() as r"))[0]!.r as Record<string, number | boolean>;
const scan = (deliveryId: string, age: string) => queryAsRoot(db, `insert into app_public.qr_code_scans
    (delivery_id, scanner_id, method, result, reason, created_at) values ($1, $2, 'qr', 'failed', 'test', now() - $3::interval) returning id`,
  [deliveryId, traveler, age]).then((r) => r[0]!.id as string);
const exists = async (table: string, id: string) =>
  (await queryAsRoot(db, `select 1 from ${table} where id = $1`, [id])).length === 1;

test.serial("QR scans: deleted after 180 days, in batches; a disputed delivery's are kept; idempotent", async (t) => {
  const old = [await scan(delivery, "181 days"), await scan(delivery, "200 days"), await scan(delivery, "365 days")];
  const recent = await scan(delivery, "179 days");
  const held = await scan(disputed, "400 days");
  const heldInGrace = await scan(settledRecently, "400 days");
  const released = await scan(settledLongAgo, "400 days");
  const previous = await setSetting(db, "retention.batch_size", 2);
  try {
    const first = await cleanup();
    t.is(first.qr_code_scans_deleted, 2, "one batch");
    t.true(first.more as boolean);
    t.is((await cleanup()).qr_code_scans_deleted, 2);
  } finally {
    await setSetting(db, "retention.batch_size", previous);
  }
  for (const id of old) t.false(await exists("app_public.qr_code_scans", id));
  t.true(await exists("app_public.qr_code_scans", recent));
  t.true(await exists("app_public.qr_code_scans", held), "evidence of an open dispute survives");
  t.true(await exists("app_public.qr_code_scans", heldInGrace), "and of one settled inside the grace days");
  t.false(await exists("app_public.qr_code_scans", released), "a dispute settled long ago holds nothing");
  t.is((await cleanup()).qr_code_scans_deleted, 0);
  await setSetting(db, "retention.qr_scans_days", 30);
  try {
    t.is((await cleanup()).qr_code_scans_deleted, 1, "retention.qr_scans_days is read, not hard-coded");
  } finally {
    await setSetting(db, "retention.qr_scans_days", 180);
  }
});

test.serial("Stripe events: processed ones deleted after 90 days; unprocessed ones stay whatever their age", async (t) => {
  const event = (id: string, age: string, processed: boolean) => queryAsRoot(db, `insert into app_private.stripe_events
      (id, type, body, received_at, processed_at) values ($1, 'charge.succeeded', '{}', now() - $2::interval,
      case when $3 then now() - $2::interval end)`, [id, age, processed]);
  await event("evt_old_processed", "91 days", true);
  await event("evt_old_unprocessed", "120 days", false);
  await event("evt_recent", "10 days", true);
  t.is((await cleanup()).stripe_events_deleted, 1);
  const left = (await queryAsRoot(db, "select id from app_private.stripe_events order by id")).map((r) => r.id);
  t.deepEqual(left, ["evt_old_unprocessed", "evt_recent"]);
  t.is((await cleanup()).stripe_events_deleted, 0);
});

test.serial("backups and exports past expires_at: status expired and their files removed by the job; live ones kept", async (t) => {
  const requester = await createMember(db, "both");
  const backup = async (status: string, expired: boolean) => {
    const [row] = await queryAsRoot(db, `insert into app_public.system_backups (status, storage_key, byte_size, sha256,
        completed_at, expires_at)
      select $1::app_public.backup_status, case when $1 = 'completed' then to_char(now(), 'YYYY/MM/') || id || '.dump' end,
             case when $1 = 'completed' then 1 end, case when $1 = 'completed' then repeat('a', 64) end,
             case when $1 = 'completed' then now() end, now() + case when $2 then interval '-1 day' else interval '1 day' end
        from (select gen_random_uuid() as id) g returning id, storage_key`, [status, expired]);
    if (row!.storage_key) {
      await mkdir(dirname(join(backupDir, row!.storage_key)), { recursive: true });
      await writeFile(join(backupDir, row!.storage_key), "dump");
    }
    return row!.id as string;
  };
  const expiredBackup = await backup("completed", true);
  const liveBackup = await backup("completed", false);
  const running = await backup("in_progress", true);
  const [exp] = await queryAsRoot(db, `insert into app_public.data_exports (export_type, format, status, contains_pii,
      requested_by, storage_key, byte_size, row_count, completed_at, expires_at)
    select 'users', 'csv', 'completed', true, $1, to_char(now(), 'YYYY/MM/') || gen_random_uuid() || '.csv', 1, 1, now(),
           now() - interval '1 minute' returning id, storage_key`, [requester]);
  await mkdir(dirname(join(exportDir, exp!.storage_key)), { recursive: true });
  await writeFile(join(exportDir, exp!.storage_key), "csv");

  await runTask(db, "maintenance__cleanup_expired_data",
    { taskList: workerTaskList({ BACKUP_DIR: backupDir, EXPORT_DIR: exportDir }) });
  await runTask(db, "maintenance__cleanup_expired_data",
    { taskList: workerTaskList({ BACKUP_DIR: backupDir, EXPORT_DIR: exportDir }) });
  const status = async (table: string, id: string) => (await queryAsRoot(db, `select status from ${table} where id = $1`, [id]))[0]!.status;
  t.is(await status("app_public.system_backups", expiredBackup), "expired");
  t.is(await status("app_public.system_backups", liveBackup), "completed");
  t.is(await status("app_public.system_backups", running), "in_progress", "a backup being written is left alone");
  t.is(await status("app_public.data_exports", exp!.id), "expired");
  const files = async (dir: string) => (await readdir(dir, { recursive: true })).map(String).filter((f) => /\.(dump|csv)$/.test(f));
  const [live] = await queryAsRoot(db, "select storage_key from app_public.system_backups where id = $1", [liveBackup]);
  t.deepEqual(await files(backupDir), [live!.storage_key], "only the live backup's file is left");
  t.deepEqual(await files(exportDir), []);
  t.is((await cleanup()).operation_files_expired, 0, "idempotent");
});

test.serial("the job refuses a payload naming anything but storage keys", async (t) => {
  await queryAsRoot(db, `select graphile_worker.add_job('operations__remove_files',
    json_build_object('backups', json_build_array('../../etc/passwd'), 'exports', json_build_array()), max_attempts => 1)`);
  await runTask(db, "offers__expire", { taskList: workerTaskList({ BACKUP_DIR: backupDir, EXPORT_DIR: exportDir }) });
  const [job] = await queryAsRoot(db, "select last_error from graphile_worker.jobs where task_identifier = 'operations__remove_files'");
  t.regex(job!.last_error, /expects backups: an array of storage keys/);
});
