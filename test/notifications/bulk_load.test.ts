// A bulk send to 10,000 users (docs/notifications.md "Bulk sends"): the real task goes through them in batches of 100,
// one short job and transaction each, at a lower job priority, so a job enqueued meanwhile runs before the next batch
// instead of waiting for the whole send. Each user gets their in-app message (queued for notifications__send, which
// is not run here) and the counts add up.
import test from "ava";
import { runOnce, type Task } from "graphile-worker";
import { commitAs, createMember, makeAdmin, user } from "../helpers/actors.ts";
import { queryAsRoot, setSetting, useTestDatabase } from "../helpers/database.ts";
import { runOnceOptions, workerTaskList } from "../helpers/worker.ts";

const db = useTestDatabase(test);
const USERS = 10_000;

test("10,000 recipients go in batches of 100 without holding up other jobs", async (t) => {
  t.timeout(300_000);
  const admin = await createMember(db, "both");
  await makeAdmin(db, admin, "admin");
  await queryAsRoot(db, `insert into app_public.users (first_name, display_name, user_type, status, verification_level)
    select 'Load', 'Load ' || g, 'customer', 'active', 'email_verified' from generate_series(1, ${USERS}) g`);
  // An in-app only message, so that every recipient gets exactly one row.
  await queryAsRoot(db, `with t as (insert into app_public.notification_templates (name, category, variables)
      values ('load_probe', 'system', '[{"name":"first_name","required":true}]') returning id)
    insert into app_public.notification_template_bodies (template_id, locale, in_app_title, in_app_body)
    select id, 'en', 'Hello', 'Hello {{first_name}}' from t`);
  await setSetting(db, "notifications.bulk_batch_delay_seconds", 0);

  const [{ targeted }] = await queryAsRoot(db, "select count(*)::int as targeted from app_public.users where status = 'active'");
  t.true(targeted > USERS);
  const bulkId = await commitAs(db, user(admin), async (c) =>
    (await c.query("select id from app_public.send_bulk_notification('load_probe')")).rows[0].id as string);

  const started = Date.now();
  // Batches are counted; after the third, an ordinary job is enqueued: it must run before the fourth.
  const order: string[] = [];
  const batch = workerTaskList().bulk_notifications__send_batch as Task;
  let batches = 0;
  const taskList = {
    bulk_notifications__send_batch: (async (payload, helpers) => {
      await batch(payload, helpers);
      batches += 1;
      order.push(`batch ${batches}`);
      if (batches === 3) await helpers.addJob("probe", {});
    }) as Task,
    probe: (async () => { order.push("probe"); }) as Task,
  };
  await runOnce(runOnceOptions(db, { taskList }));
  t.log(`${batches} batches in ${Date.now() - started} ms`);

  t.deepEqual(order.slice(0, 5), ["batch 1", "batch 2", "batch 3", "probe", "batch 4"]);
  t.is(batches, Math.floor(targeted / 100) + 1, "one batch per 100 users (the last one finds fewer)");
  const [row] = await queryAsRoot(db, "select status::text, targeted, sent, skipped from app_public.bulk_notifications where id = $1", [bulkId]);
  t.deepEqual(row, { status: "completed", targeted, sent: targeted, skipped: 0 });
  const [counts] = await queryAsRoot(db, `select count(*)::int as rows, count(distinct n.user_id)::int as users,
      (select count(*)::int from graphile_worker.jobs where task_identifier = 'notifications__send') as jobs
    from app_public.notifications n join app_public.notification_templates t on t.id = n.template_id where t.name = 'load_probe'`);
  t.deepEqual(counts, { rows: targeted, users: targeted, jobs: targeted });
});
