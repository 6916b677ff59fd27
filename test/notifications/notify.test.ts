// app_hidden.notify decides the rows: per channel, from the preferences alone (channel and category switches,
// security email and in-app always on), the recipient's means (address, verified phone, active device token),
// quiet hours in the user's time zone (push and SMS held back unless urgent) and the email frequency. Also the
// monthly partitions: created ahead by their job, dropped by retention. SQL only, each test in its own transaction.
import test from "ava";
import type pg from "pg";
import { createUser, uniquePhoneNumber, verifyPhone } from "../helpers/actors.ts";
import { asRoot, queryAsRoot, useTestDatabase } from "../helpers/database.ts";

const db = useTestDatabase(test);

type Channel = "push" | "email" | "sms" | "in_app";

/** A user with a verified phone and an active device token, so every channel has a means. */
async function reachableUser(): Promise<string> {
  const { id } = await createUser(db);
  await verifyPhone(db, id, uniquePhoneNumber());
  await queryAsRoot(db, "insert into app_public.device_tokens (user_id, token, platform) values ($1, $2, 'ios')",
    [id, `tok-${id}`]);
  return id;
}

/** Runs notify in a rolled-back transaction with the given preferences and clock; returns the rows' channel and delay. */
async function decide(userId: string, prefs: Record<string, unknown>, template: string, vars: Record<string, unknown>,
                      priority = "normal", at = "now()"): Promise<{ channel: Channel; held: boolean; scheduled_at: Date }[]> {
  return asRoot(db, async (c: pg.Client) => {
    await c.query("begin");
    try {
      const columns = Object.keys(prefs);
      if (columns.length > 0) {
        await c.query(`update app_public.notification_preferences set ${columns.map((k, i) => `${k} = $${i + 2}`).join(", ")}
                        where user_id = $1`, [userId, ...columns.map((k) => prefs[k])]);
      }
      await c.query(`select app_hidden.notify($1, $2, $3::jsonb, $4::app_public.notification_priority)`,
        [userId, template, JSON.stringify(vars), priority]);
      const { rows } = await c.query(`select channel, scheduled_at > ${at} + interval '1 second' as held, scheduled_at
                                        from app_public.notifications where user_id = $1 order by channel`, [userId]);
      return rows;
    } finally {
      await c.query("rollback");
    }
  });
}

const OFFER = { request_title: "Books", amount: "12.00", currency: "EUR" };
const MATCH = { trip_title: "Paris → Lyon", request_title: "Books", pickup_city: "Paris", delivery_city: "Lyon", score: "0.9" };
const LOCKED = { minutes: "15" };
// No quiet hours now: from 00:00 to 00:01 UTC never includes the test's instant (except that minute).
const AWAKE = { quiet_hours_enabled: false };

test("defaults: push, email and in-app on, SMS off, promotional off; every row queued with its job", async (t) => {
  const user = await reachableUser();
  const rows = await decide(user, AWAKE, "offer_countered", OFFER);
  t.deepEqual(rows.map((r) => r.channel).sort(), ["email", "in_app", "push"]);
  const jobs = await queryAsRoot(db, "select count(*)::int as n from graphile_worker.jobs where task_identifier = 'notifications__send'");
  t.is(jobs[0]!.n, 0, "rolled back with the rows");
});

test("preference matrix: each channel and category switch decides exactly its row", async (t) => {
  const user = await reachableUser();
  const cases: [Record<string, unknown>, string, Record<string, unknown>, Channel[]][] = [
    [{ sms_enabled: true }, "offer_countered", OFFER, ["email", "in_app", "push", "sms"]],
    [{ push_enabled: false }, "offer_countered", OFFER, ["email", "in_app"]],
    [{ email_enabled: false, in_app_enabled: false }, "offer_countered", OFFER, ["push"]],
    [{ categories: JSON.stringify({ push: { delivery_update: false }, email: { delivery_update: false } }) },
     "offer_countered", OFFER, ["in_app"]],
    [{ categories: JSON.stringify({ email: { new_request: false } }) }, "match_request_found", MATCH, ["in_app", "push"]],
    // Security: email and in-app cannot be switched off; push and SMS can.
    [{ email_enabled: false, in_app_enabled: false, push_enabled: false, sms_enabled: true,
       categories: JSON.stringify({ email: { security: false }, in_app: { security: false } }) },
     "account_locked", LOCKED, ["email", "in_app", "sms"]],
    [{ email_enabled: false, in_app_enabled: false, push_enabled: false, sms_enabled: false }, "account_locked", LOCKED,
     ["email", "in_app"]],
    // A template without SMS text sends no SMS, whatever the preferences.
    [{ sms_enabled: true }, "payment_captured", { delivery_number: "DEL-00000001", amount: "10.00", currency: "EUR" },
     ["email", "in_app", "push"]],
  ];
  for (const [prefs, template, vars, expected] of cases) {
    const rows = await decide(user, { ...AWAKE, ...prefs }, template, vars);
    t.deepEqual(rows.map((r) => r.channel).sort(), expected, `${template} with ${JSON.stringify(prefs)}`);
  }
});

test("the means decide too: no verified phone, no active token, a bounced address", async (t) => {
  const { id } = await createUser(db);
  t.deepEqual((await decide(id, { ...AWAKE, sms_enabled: true }, "offer_countered", OFFER)).map((r) => r.channel).sort(),
    ["email", "in_app"], "no phone, no device");
  t.deepEqual((await decide(id, { ...AWAKE, email_disabled_at: new Date() }, "account_locked", LOCKED)).map((r) => r.channel),
    ["in_app"], "email stopped by bounces, even for security");
});

test("quiet hours hold push and SMS until they end, in the user's time zone; urgent passes; email and in-app never wait", async (t) => {
  const user = await reachableUser();
  // Quiet all day but one minute: whatever the time of the test, now is inside them.
  // Quiet hours that started two minutes ago (Tokyo time) and end 23 hours from now.
  const local = async (shift: string) => (await queryAsRoot(db,
    "select to_char(now() at time zone 'Asia/Tokyo' + $1::interval, 'HH24:MI') as s", [shift]))[0]!.s as string;
  const quiet = { quiet_hours_enabled: true, timezone: "Asia/Tokyo", quiet_start: await local("-2 minutes") };
  const end = await local("23 hours");
  const rows = await decide(user, { ...quiet, quiet_end: end, sms_enabled: true }, "offer_countered", OFFER);
  const byChannel = Object.fromEntries(rows.map((r) => [r.channel, r]));
  t.true(byChannel.push!.held && byChannel.sms!.held, "push and SMS wait");
  t.false(byChannel.email!.held || byChannel.in_app!.held, "email and in-app do not");
  const wait = (byChannel.push!.scheduled_at.getTime() - Date.now()) / 3600_000;
  t.true(wait > 22.5 && wait < 23.1, `held until the end of quiet hours (${wait} h)`);

  const urgent = await decide(user, { ...quiet, quiet_end: end, sms_enabled: true }, "account_locked", LOCKED, "urgent");
  t.false(urgent.some((r) => r.held), "urgent messages pass");
});

test("quiet hours across midnight and across a DST change", async (t) => {
  const end = async (tz: string, start: string, stop: string, at: string) =>
    (await queryAsRoot(db, "select app_hidden.quiet_hours_end($1, $2::time, $3::time, $4::timestamptz) as e", [tz, start, stop, at]))[0]!.e as Date | null;
  // 22:00–08:00 in Paris (UTC+1 in winter).
  t.deepEqual(await end("Europe/Paris", "22:00", "08:00", "2026-01-15T22:30:00Z"), new Date("2026-01-16T07:00:00Z"), "23:30 local: until 08:00 tomorrow");
  t.deepEqual(await end("Europe/Paris", "22:00", "08:00", "2026-01-16T05:00:00Z"), new Date("2026-01-16T07:00:00Z"), "06:00 local: until 08:00 today");
  t.is(await end("Europe/Paris", "22:00", "08:00", "2026-01-16T12:00:00Z"), null, "13:00 local: not quiet");
  t.is(await end("Europe/Paris", "22:00", "08:00", "2026-01-15T20:59:00Z"), null, "21:59 local: not yet");
  // The night of 28–29 March 2026 Paris moves from UTC+1 to UTC+2: 08:00 local is 06:00 UTC, one hour earlier.
  t.deepEqual(await end("Europe/Paris", "22:00", "08:00", "2026-03-28T22:00:00Z"), new Date("2026-03-29T06:00:00Z"), "spring forward");
  // 25 October 2026 back to UTC+1: 08:00 local is 07:00 UTC.
  t.deepEqual(await end("Europe/Paris", "22:00", "08:00", "2026-10-24T21:30:00Z"), new Date("2026-10-25T07:00:00Z"), "fall back");
  // Daytime quiet hours (not across midnight), and New York's DST.
  t.deepEqual(await end("America/New_York", "13:00", "15:00", "2026-03-08T18:30:00Z"), new Date("2026-03-08T19:00:00Z"), "14:30 EDT: until 15:00 EDT");
  t.is(await end("America/New_York", "13:00", "15:00", "2026-03-08T20:30:00Z"), null);
});

test("daily and weekly readers get new_request emails at 08:00 local; other categories at once", async (t) => {
  const user = await reachableUser();
  const daily = await decide(user, { ...AWAKE, email_frequency: "daily", timezone: "Europe/Paris" }, "match_request_found", MATCH);
  const email = daily.find((r) => r.channel === "email")!;
  const local = (await queryAsRoot(db, "select to_char($1::timestamptz at time zone 'Europe/Paris', 'HH24:MI') as s", [email.scheduled_at]))[0]!.s;
  t.is(local, "08:00");
  const weekly = await decide(user, { ...AWAKE, email_frequency: "weekly", timezone: "Europe/Paris" }, "match_request_found", MATCH);
  const dow = (await queryAsRoot(db, "select extract(isodow from $1::timestamptz at time zone 'Europe/Paris')::int as d",
    [weekly.find((r) => r.channel === "email")!.scheduled_at]))[0]!.d;
  t.is(dow, 1, "a Monday");
  const other = await decide(user, { ...AWAKE, email_frequency: "weekly" }, "offer_countered", OFFER);
  t.false(other.find((r) => r.channel === "email")!.held);
});

test("notify refuses a missing required variable and an unknown template; a deleted account gets nothing", async (t) => {
  const user = await reachableUser();
  await t.throwsAsync(decide(user, AWAKE, "offer_countered", { amount: "1" }), { message: /needs the variable request_title/ });
  await t.throwsAsync(decide(user, AWAKE, "no_such_template", {}), { message: /unknown notification template/ });
  await queryAsRoot(db, "update app_public.users set deleted_at = now() where id = $1", [user]);
  t.deepEqual(await decide(user, AWAKE, "offer_countered", OFFER), []);
});

test("an edit of a template or one of its bodies bumps its version, once per transaction", async (t) => {
  await asRoot(db, async (c) => {
    await c.query("begin");
    const version = async () => (await c.query("select version from app_public.notification_templates where name = 'offer_received'")).rows[0].version;
    const before = await version();
    await c.query("update app_public.notification_templates set status = 'active' where name = 'offer_received'");
    await c.query(`update app_public.notification_template_bodies b set push_title = 'New offer!'
                     from app_public.notification_templates t where t.id = b.template_id and t.name = 'offer_received' and b.locale = 'fr'`);
    t.is(await version(), before + 1, "one edit, however many rows it writes");
    await c.query("commit");
    await c.query(`update app_public.notification_template_bodies b set push_title = 'An offer!'
                     from app_public.notification_templates t where t.id = b.template_id and t.name = 'offer_received' and b.locale = 'fr'`);
    t.is(await version(), before + 2, "the next edit bumps it again");
  });
});

test("templates: every one has English and French bodies; SMS text at most 320 characters", async (t) => {
  const rows = await queryAsRoot(db, `select t.name, array_agg(b.locale order by b.locale) as locales
                                        from app_public.notification_templates t
                                        join app_public.notification_template_bodies b on b.template_id = t.id group by t.name`);
  t.true(rows.length >= 25);
  for (const row of rows) t.deepEqual(row.locales, ["en", "fr"], row.name);
  const err = await asRoot(db, (c) => c.query(`update app_public.notification_template_bodies set sms_body = repeat('x', 321)
                                                where locale = 'en' and sms_body is not null`).catch((e) => e.code));
  t.is(err, "23514");
});

test("partitions: the job creates months ahead; retention drops whole months past notifications.retention_days", async (t) => {
  const parts = async () => (await queryAsRoot(db, `select c.relname from pg_inherits i join pg_class c on c.oid = i.inhrelid
                                                      where i.inhparent = 'app_public.notifications'::regclass order by 1`)).map((r) => r.relname as string);
  t.is((await queryAsRoot(db, "select app_private.create_notification_partitions() as n"))[0]!.n, 0, "the migration made them");
  t.true((await parts()).length >= 4);
  // An old month with a row in it, as if the platform had been running for a year.
  await queryAsRoot(db, `create table app_private.notifications_2025_01 partition of app_public.notifications
                           for values from ('2025-01-01 00:00+00') to ('2025-02-01 00:00+00')`);
  const user = await reachableUser();
  await queryAsRoot(db, `insert into app_public.notifications (user_id, template_id, template_version, channel, category, created_at)
                         select $1, id, 1, 'in_app', category, '2025-01-15' from app_public.notification_templates where name = 'offer_received'`, [user]);
  const last = (await parts()).at(-1)!;
  const rls = (await queryAsRoot(db, "select relrowsecurity and relforcerowsecurity as on, relnamespace::regnamespace::text as schema from pg_class where relname = $1",
    [last]))[0]!;
  t.like(rls, { on: true, schema: "app_private" }, "partitions force row level security, out of the API's schema");
  const messages = await queryAsRoot(db, `select count(*) filter (where obj_description(oid, 'pg_constraint') is null)::int as missing
                                            from pg_constraint where conrelid = ('app_private.' || $1)::regclass`, [last]);
  t.is(messages[0]!.missing, 0, "a partition's constraints carry the parent's client messages");
  const counts = (await queryAsRoot(db, "select app_private.cleanup_expired_data() as c"))[0]!.c;
  t.is(counts.notification_partitions_dropped, 1);
  t.false((await parts()).includes("notifications_2025_01"));
  t.is((await queryAsRoot(db, "select app_private.drop_old_notification_partitions() as n"))[0]!.n, 0, "idempotent");
});

test("device tokens: idle ones go inactive after 30 days, inactive ones are deleted 180 days later", async (t) => {
  const { id } = await createUser(db);
  const insert = (token: string, lastUsed: string, deactivated: string | null) => queryAsRoot(db,
    `insert into app_public.device_tokens (user_id, token, platform, last_used_at, active, deactivated_at)
     values ($1, $2, 'android', now() - $3::interval, $4::interval is null, now() - $4::interval)`, [id, token, lastUsed, deactivated]);
  await insert("fresh-token", "29 days", null);
  await insert("idle-token-1", "31 days", null);
  await insert("inactive-recent", "200 days", "179 days");
  await insert("inactive-old", "400 days", "181 days");
  await queryAsRoot(db, "select app_private.expire_device_tokens()");
  const rows = await queryAsRoot(db, "select token, active from app_public.device_tokens where user_id = $1 order by token", [id]);
  t.deepEqual(rows, [{ token: "fresh-token", active: true }, { token: "idle-token-1", active: false },
    { token: "inactive-recent", active: false }]);
});
