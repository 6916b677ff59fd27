// Bulk sends (docs/notifications.md "Bulk sends"): admins holding notifications.send, in a two-factor session, send
// a template to the active users a targeting selects (user type, default address country, verification level); the
// real worker task notifies them a batch at a time through app_hidden.notify, so each user's preferences and quiet
// hours decide the channels, and counts targeted, sent and skipped. Cancel and reschedule move or stop the batch job.
// Serial: jobs run one pass at a time, and the settings of batches are the database's.
import test from "ava";
import { addAddress, createMember, makeAdmin, tokenFor } from "../helpers/actors.ts";
import { queryAsRoot, setSetting } from "../helpers/database.ts";
import { errorCode } from "../helpers/errors.ts";
import { gqlData } from "../helpers/graphql.ts";
import { notificationsTo } from "../helpers/notifications.ts";
import { useTestServer } from "../helpers/server.ts";
import { runReadyJobs, workerTaskList } from "../helpers/worker.ts";

const { db, server } = useTestServer(test);
let adminToken: string;
let adminNoMfa: string;
let supportToken: string;
let userToken: string;
test.serial.before(async () => {
  const admin = await createMember(db, "both");
  await makeAdmin(db, admin, "admin");
  adminToken = await tokenFor(db, admin, { mfaVerified: true });
  adminNoMfa = await tokenFor(db, admin, { mfaVerified: false });
  const support = await createMember(db, "both");
  await makeAdmin(db, support, "support");
  supportToken = await tokenFor(db, support, { mfaVerified: true });
  userToken = await tokenFor(db, await createMember(db, "both"));
});

const SEND = `mutation ($t: String!, $v: JSON, $type: UserType, $c: String, $lvl: VerificationLevel, $at: Datetime, $p: NotificationPriority) {
  sendBulkNotification(input: { template: $t, variables: $v, targetUserType: $type, targetCountry: $c,
                                targetMinVerification: $lvl, scheduledAt: $at, priority: $p }) {
    bulkNotification { rowId status targeted sent skipped batchSize batchDelaySeconds scheduledAt } } }`;
const VARS = { title: "New routes", message: "Trips to Iceland are open." };
const send = (variables: Record<string, unknown>, token: string | null = adminToken) =>
  server.gql(SEND, { token: token ?? undefined, variables: { v: VARS, ...variables } });
async function sent(variables: Record<string, unknown>): Promise<string> {
  const res = await send(variables);
  if (res.errors) throw new Error(JSON.stringify(res.errors));
  return (res.data as any).sendBulkNotification.bulkNotification.rowId;
}
const bulk = async (id: string) => (await queryAsRoot(db, `select status::text, targeted, sent, skipped, scheduled_at,
    completed_at, canceled_at from app_public.bulk_notifications where id = $1`, [id]))[0]!;
const batchJob = async (id: string): Promise<Record<string, any> | undefined> => (await queryAsRoot(db, `select run_at, priority from graphile_worker.jobs
    where key = 'bulk_notifications__send_batch:' || $1`, [id]))[0];
/** Brings the next batch job of every bulk send to now. */
const nextBatchNow = () => queryAsRoot(db, `select graphile_worker.reschedule_jobs(array_agg(id), run_at := now())
    from graphile_worker.jobs where task_identifier = 'bulk_notifications__send_batch'`);
/** Only the bulk task: the notifications it queues are not sent here. */
const bulkOnly = () => runReadyJobs(db, { taskList: { bulk_notifications__send_batch: workerTaskList().bulk_notifications__send_batch! } });

test.serial("sendBulkNotification: notifications.send in a two-factor session, and a template and variables that fit", async (t) => {
  t.is(errorCode(await send({ t: "announcement" }, null)), "DNIED", "visitors may not call it");
  t.is(errorCode(await send({ t: "announcement" }, userToken)), "DNIED");
  t.is(errorCode(await send({ t: "announcement" }, supportToken)), "DNIED", "support lacks notifications.send");
  t.is(errorCode(await send({ t: "announcement" }, adminNoMfa)), "DNIED", "no second factor");
  const refusal = async (variables: Record<string, unknown>) => {
    const res = await send(variables);
    return [errorCode(res), res.errors?.[0]?.message];
  };
  t.deepEqual(await refusal({ t: "no_such_template" }), ["NTFND", "template names no template"]);
  const OUTSIDE = "template must be an active template outside the security category (and not the digest)";
  t.deepEqual(await refusal({ t: "password_reset" }), ["INVAL", OUTSIDE]);
  t.deepEqual(await refusal({ t: "digest", v: { count: "2", items: "x" } }), ["INVAL", OUTSIDE]);
  t.deepEqual(await refusal({ t: "announcement", v: { title: "x", message: "" } }), ["INVAL", "variables must include message"]);
  t.deepEqual(await refusal({ t: "announcement", at: new Date(Date.now() - 3_600_000).toISOString() }),
    ["INVAL", "scheduled_at cannot be in the past"]);
  t.deepEqual(await refusal({ t: "announcement", c: "DEU" }), ["INVAL", "target_country must be a two-letter country code (ISO 3166-1)"]);
  t.is((await queryAsRoot(db, "select count(*)::int as n from app_public.bulk_notifications"))[0]!.n, 0);
});

test.serial("targeting, preferences and quiet hours decide each recipient's channels; batches of the configured size, apart", async (t) => {
  const previousSize = await setSetting(db, "notifications.bulk_batch_size", 2);
  // Five travelers in Iceland, verified enough, with different preferences; and users the targeting leaves out.
  const iceland = async (type: "traveler" | "both" | "customer", level: "id_verified" | "phone_verified" = "id_verified",
                         status: "active" | "suspended" = "active") => {
    const id = await createMember(db, type, level, { status });
    await addAddress(db, id, { country: "IS", city: "Reykjavik", isDefault: true });
    return id;
  };
  const optedIn = await iceland("traveler");
  const both = await iceland("both");
  const quiet = await iceland("traveler");
  const optedOut1 = await iceland("traveler");
  const optedOut2 = await iceland("both");
  const customer = await iceland("customer");
  const underVerified = await iceland("traveler", "phone_verified");
  const suspended = await iceland("traveler", "id_verified", "suspended");
  const german = await createMember(db, "traveler", "id_verified");
  await addAddress(db, german, { country: "DE", isDefault: true });
  // Promotions are off by default; three opted in (email and in-app), one of them with a phone in quiet hours now.
  for (const id of [optedIn, both, quiet]) {
    await queryAsRoot(db, `update app_public.notification_preferences set categories = '{"email": {"promotional": true},
        "in_app": {"promotional": true}, "push": {"promotional": true}}' where user_id = $1`, [id]);
  }
  await queryAsRoot(db, `insert into app_public.device_tokens (user_id, token, platform) values ($1, 'bulk-device-token-1', 'ios')`, [quiet]);
  await queryAsRoot(db, `update app_public.notification_preferences set timezone = 'UTC', quiet_hours_enabled = true,
      quiet_start = (now() at time zone 'UTC' - interval '1 hour')::time, quiet_end = (now() at time zone 'UTC' + interval '2 hours')::time
    where user_id = $1`, [quiet]);

  const id = await sent({ t: "promotion", type: "TRAVELER".toLowerCase(), c: "is", lvl: "id_verified" });
  t.like(await bulk(id), { status: "scheduled", targeted: null, sent: 0, skipped: 0 });
  t.like(await batchJob(id), { priority: 10 }, "below ordinary jobs");

  await bulkOnly();
  t.like(await bulk(id), { status: "processing", targeted: 5 });
  t.is((await bulk(id)).sent + (await bulk(id)).skipped, 2, "one batch of bulk_batch_size (2 here)");
  const job = await batchJob(id);
  const [{ batch_at }] = await queryAsRoot(db, "select updated_at as batch_at from app_public.bulk_notifications where id = $1", [id]);
  t.is((job!.run_at.getTime() - batch_at.getTime()) / 1000, 10, "the next batch waits bulk_batch_delay_seconds after this one");
  await bulkOnly();
  t.is((await bulk(id)).sent + (await bulk(id)).skipped, 2, "nothing before the delay");
  await nextBatchNow();
  await bulkOnly();
  await nextBatchNow();
  await bulkOnly();
  const done = await bulk(id);
  t.like(done, { status: "completed", targeted: 5, sent: 3, skipped: 2 });
  t.truthy(done.completed_at);
  t.is(await batchJob(id), undefined);

  const channels = async (userId: string) => (await notificationsTo(db, { userId }, { template: "promotion" })).map((n) => n.channel).sort();
  t.deepEqual(await channels(optedIn), ["email", "in_app"]);
  t.deepEqual(await channels(both), ["email", "in_app"]);
  t.deepEqual(await channels(quiet), ["email", "in_app", "push"]);
  for (const left of [optedOut1, optedOut2, customer, underVerified, suspended, german]) t.deepEqual(await channels(left), []);
  const [push] = await queryAsRoot(db, `select scheduled_at from app_public.notifications n join app_public.notification_templates t
      on t.id = n.template_id where n.user_id = $1 and t.name = 'promotion' and n.channel = 'push'`, [quiet]);
  t.true(push!.scheduled_at.getTime() > Date.now() + 60 * 60_000, "the push waits for the end of the user's quiet hours");
  const [row] = await notificationsTo(db, { userId: optedIn }, { template: "promotion", channel: "in_app" });
  t.like(row!.variables, { ...VARS, first_name: "Test" });
  await setSetting(db, "notifications.bulk_batch_size", previousSize);
});

test.serial("cancel and reschedule: a scheduled send moves or stops; a running one stops after its current batch", async (t) => {
  const later = new Date(Date.now() + 3_600_000).toISOString();
  const id = await sent({ t: "announcement", at: later });
  t.is(Math.round(((await batchJob(id))!.run_at.getTime() - Date.now()) / 60_000), 60);
  const RESCHEDULE = `mutation ($id: UUID!, $at: Datetime!) { rescheduleBulkNotification(input: { bulkNotificationId: $id, scheduledAt: $at }) {
      bulkNotification { status scheduledAt } } }`;
  const CANCEL = `mutation ($id: UUID!) { cancelBulkNotification(input: { bulkNotificationId: $id }) { bulkNotification { status } } }`;
  const twoHours = new Date(Date.now() + 7_200_000).toISOString();
  t.is(errorCode(await server.gql(RESCHEDULE, { token: supportToken, variables: { id, at: twoHours } })), "DNIED");
  t.is(errorCode(await server.gql(RESCHEDULE, { token: adminToken, variables: { id, at: "2020-01-01T00:00:00Z" } })), "INVAL");
  t.is(errorCode(await server.gql(RESCHEDULE, { token: adminToken, variables: { id: "00000000-0000-4000-8000-000000000000", at: twoHours } })), "NTFND");
  await gqlData(server, RESCHEDULE, { token: adminToken, variables: { id, at: twoHours } });
  t.is(Math.round(((await batchJob(id))!.run_at.getTime() - Date.now()) / 60_000), 120, "the job moved with it");
  t.is((await bulk(id)).scheduled_at.toISOString(), twoHours);

  t.is(errorCode(await server.gql(CANCEL, { token: userToken, variables: { id } })), "DNIED");
  t.deepEqual((await gqlData(server, CANCEL, { token: adminToken, variables: { id } })).cancelBulkNotification.bulkNotification,
    { status: "canceled" });
  t.is(await batchJob(id), undefined, "its job is gone");
  t.is(errorCode(await server.gql(CANCEL, { token: adminToken, variables: { id } })), "BADST");
  t.is(errorCode(await server.gql(RESCHEDULE, { token: adminToken, variables: { id, at: twoHours } })), "BADST");

  // A running send: canceled between batches, its next batch does nothing.
  const previousSize = await setSetting(db, "notifications.bulk_batch_size", 1);
  const running = await sent({ t: "announcement" });
  await bulkOnly();
  const first = await bulk(running);
  t.like(first, { status: "processing" });
  t.is(first.sent + first.skipped, 1);
  t.is(errorCode(await server.gql(RESCHEDULE, { token: adminToken, variables: { id: running, at: twoHours } })), "BADST",
    "a send under way cannot be moved");
  await gqlData(server, CANCEL, { token: adminToken, variables: { id: running } });
  await queryAsRoot(db, "select graphile_worker.add_job('bulk_notifications__send_batch', json_build_object('id', $1::uuid))", [running]);
  await bulkOnly();
  t.like(await bulk(running), { status: "canceled", sent: first.sent, skipped: first.skipped }, "a stray job sends nothing");
  await setSetting(db, "notifications.bulk_batch_size", previousSize);

  const listed = await gqlData(server, `{ bulkNotifications { totalCount } }`, { token: adminToken });
  t.true(listed.bulkNotifications.totalCount >= 2);
  t.is((await server.gql(`{ bulkNotifications { totalCount } }`, { token: userToken })).data?.bulkNotifications.totalCount, 0);
});
