// The sweep of stranded messages (docs/notifications.md, Sending): sending jobs run once, so a job that died (its task
// threw, or its worker crashed) would leave its row queued forever. notifications__requeue_stranded gives a job again to a notification, a user's
// digest and a webhook delivery that are due past notifications.stranded_after_minutes without one; rows whose job
// exists (waiting for a retry) or that are not due long enough keep theirs; a swept notification is then sent.
// Serial: jobs run one pass at a time.
import test from "ava";
import { createUser } from "../helpers/actors.ts";
import { queryAsRoot } from "../helpers/database.ts";
import { notificationsTo } from "../helpers/notifications.ts";
import { useTestServer } from "../helpers/server.ts";
import { runReadyJobs, runTask } from "../helpers/worker.ts";

const { db } = useTestServer(test);

const MATCH = { trip_title: "Paris → Lyon", request_title: "Books", pickup_city: "Paris", delivery_city: "Lyon", score: "0.9" };
const notificationStatus = async (id: string) =>
  (await queryAsRoot(db, "select status::text from app_public.notifications where id = $1", [id]))[0]!.status as string;
const jobs = async (key: string) =>
  (await queryAsRoot<{ run_at: Date }>(db, "select run_at from graphile_worker.jobs where key like $1", [key])).map((j) => j.run_at);
/** Jobs of a key that may still run. */
const live = (key: string) => queryAsRoot(db, `select count(*)::int as n from graphile_worker.jobs
                                                where key like $1 and attempts < max_attempts`, [key]);
/** What a task that threw (max_attempts 1), or a crashed worker once its lock expired, leaves: the row, and its job
 * dead in the queue (attempts used up). */
const killJob = (key: string) => queryAsRoot(db, `select graphile_worker.permanently_fail_jobs(array_agg(id), 'the worker died')
    from graphile_worker.jobs where key like $1`, [key]);

test.serial("a queued notification whose job died is sent after the sweep; one merely waiting keeps its job", async (t) => {
  const { id } = await createUser(db);
  await queryAsRoot(db, "select app_hidden.notify($1, 'match_request_found', $2::jsonb)", [id, JSON.stringify(MATCH)]);
  const [row] = await notificationsTo(db, { userId: id }, { channel: "in_app" });
  await killJob(`notifications__send:${row!.id}`);

  // Not due long enough: the sweep leaves it (its job may just be late).
  await queryAsRoot(db, "update app_public.notifications set scheduled_at = now() - interval '5 minutes' where id = $1", [row!.id]);
  await runTask(db, "notifications__requeue_stranded");
  t.like((await live(`notifications__send:${row!.id}`))[0], { n: 0 }, "its job is still the dead one");
  t.is(await notificationStatus(row!.id), "queued");

  await queryAsRoot(db, "update app_public.notifications set scheduled_at = now() - interval '20 minutes' where id = $1", [row!.id]);
  await runTask(db, "notifications__requeue_stranded");
  t.like((await notificationsTo(db, { userId: id }, { channel: "in_app" }))[0], { status: "sent" }, "swept, then sent");

  // A row waiting for its retry has a job in the future: the sweep does not touch it.
  await queryAsRoot(db, "select app_hidden.notify($1, 'match_request_found', $2::jsonb)", [id, JSON.stringify(MATCH)]);
  const [waiting] = (await notificationsTo(db, { userId: id }, { channel: "in_app" })).filter((n) => n.status === "queued");
  const retryAt = new Date(Date.now() + 30 * 60_000);
  await queryAsRoot(db, "update app_public.notifications set scheduled_at = now() - interval '20 minutes' where id = $1", [waiting!.id]);
  await queryAsRoot(db, "select app_private.enqueue_notification($1, $2)", [waiting!.id, retryAt]);
  await runTask(db, "notifications__requeue_stranded");
  t.deepEqual(await jobs(`notifications__send:${waiting!.id}`), [retryAt], "one job, at its time");
});

test.serial("a digest whose job died gets one live job for the user; a stranded webhook delivery gets its job", async (t) => {
  const { id } = await createUser(db);
  await queryAsRoot(db, `update app_public.notification_preferences set email_frequency = 'daily', timezone = 'Europe/Paris'
                          where user_id = $1`, [id]);
  for (let i = 0; i < 2; i++) {
    await queryAsRoot(db, "select app_hidden.notify($1, 'match_request_found', $2::jsonb)", [id, JSON.stringify(MATCH)]);
  }
  const digestKey = `notifications__send\\_digest:${id}:%`;
  t.is((await jobs(digestKey)).length, 1);
  await killJob(digestKey);
  await queryAsRoot(db, `update app_public.notifications set scheduled_at = now() - interval '1 hour'
                          where user_id = $1 and digest`, [id]);

  await queryAsRoot(db, "insert into app_public.notification_webhooks (url, events) values ('https://partner.example/p2p', '{user.verified}')");
  const [{ event }] = await queryAsRoot(db, "select app_hidden.emit_webhook_event('user.verified', '{}') as event") as [{ event: string }];
  const [delivery] = await queryAsRoot(db, "select id from app_public.webhook_deliveries where event_id = $1", [event]);
  await killJob(`webhook_deliveries__send:${delivery!.id}`);
  await queryAsRoot(db, "update app_public.webhook_deliveries set next_attempt_at = now() - interval '20 minutes' where id = $1", [delivery!.id]);
  await queryAsRoot(db, "update app_public.notification_webhooks set active = false");

  const [{ requeued }] = await queryAsRoot(db, "select app_private.requeue_stranded_messages() as requeued") as [{ requeued: number }];
  t.is(requeued, 2, "one digest job for the user's two rows, one delivery job");
  t.like((await live(digestKey))[0], { n: 1 });
  t.like((await live(`webhook_deliveries__send:${delivery!.id}`))[0], { n: 1 }, "the dead job revived");
  const [{ again }] = await queryAsRoot(db, "select app_private.requeue_stranded_messages() as again") as [{ again: number }];
  t.is(again, 0, "a second sweep finds every row with its job");

  await runReadyJobs(db);
  t.deepEqual((await notificationsTo(db, { userId: id }, { channel: "email" })).map((n) => n.status), ["sent", "sent"],
    "the digest went out");
  t.like((await queryAsRoot(db, "select status from app_public.webhook_deliveries where id = $1", [delivery!.id]))[0],
    { status: "abandoned" }, "the delivery's job ran (its webhook was switched off meanwhile)");
});
