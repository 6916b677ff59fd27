// The in-app inbox and device tokens over GraphQL (the real server), and the RLS matrix of the notification
// tables: users see and change only their own notifications (read_at, clicked_at), preferences and tokens; only
// in-app rows can be deleted; templates are for admins with notifications.send; nobody inserts.
import test from "ava";
import type pg from "pg";
import { actAs, anonymous, createUser, makeAdmin, tokenFor, user } from "../helpers/actors.ts";
import { queryAsRoot } from "../helpers/database.ts";
import { errorCode } from "../helpers/errors.ts";
import { runReadyJobs } from "../helpers/worker.ts";
import { useTestServer } from "../helpers/server.ts";

const { db, server } = useTestServer(test);

const OFFER = { request_title: "Books", amount: "12.00", currency: "EUR" };
async function notifyAndSend(userId: string, times = 1): Promise<void> {
  for (let i = 0; i < times; i++) {
    await queryAsRoot(db, "select app_hidden.notify($1, 'offer_countered', $2::jsonb)", [userId, JSON.stringify(OFFER)]);
  }
  await runReadyJobs(db);
}
const INBOX = `{ unreadNotificationCount myNotifications { totalCount nodes { rowId title body readAt clickedAt status } } }`;

test.serial("the inbox: rendered in-app messages, unread first; read, all read, clicked, deleted", async (t) => {
  const { id } = await createUser(db, { firstName: "Ines" });
  const token = await tokenFor(db, id);
  await notifyAndSend(id, 3);
  let inbox = (await server.gql(INBOX, { token })).data!;
  t.is(inbox.unreadNotificationCount, 3);
  t.is(inbox.myNotifications.totalCount, 3, "in-app rows only (the email rows are not in the inbox)");
  t.like(inbox.myNotifications.nodes[0], { title: "A counter-offer is waiting for you", status: "sent", readAt: null });
  const [first, second, third] = inbox.myNotifications.nodes.map((n: { rowId: string }) => n.rowId);

  const read = await server.gql(`mutation ($id: UUID!) { markNotificationRead(input: { notificationId: $id }) { notification { status readAt } } }`,
    { token, variables: { id: second } });
  t.like(read.data!.markNotificationRead.notification, { status: "read" });
  inbox = (await server.gql(INBOX, { token })).data!;
  t.is(inbox.unreadNotificationCount, 2);
  t.is(inbox.myNotifications.nodes.at(-1).rowId, second, "read ones after the unread");

  const clicked = await server.gql(`mutation ($id: UUID!) { markNotificationClicked(input: { notificationId: $id }) { notification { clickedAt readAt } } }`,
    { token, variables: { id: first } });
  t.truthy(clicked.data!.markNotificationClicked.notification.clickedAt);
  t.truthy(clicked.data!.markNotificationClicked.notification.readAt, "opening it reads it");

  const all = await server.gql(`mutation { markAllNotificationsRead(input: {}) { count } }`, { token });
  t.is(all.data!.markAllNotificationsRead.count, 1);
  t.is((await server.gql(INBOX, { token })).data!.unreadNotificationCount, 0);

  const deleted = await server.gql(`mutation ($id: UUID!) { deleteNotification(input: { notificationId: $id }) { success } }`,
    { token, variables: { id: third } });
  t.true(deleted.data!.deleteNotification.success);
  t.is((await server.gql(INBOX, { token })).data!.myNotifications.totalCount, 2);

  // Someone else's notification is not found; a visitor must sign in.
  const other = await createUser(db);
  const otherToken = await tokenFor(db, other.id);
  for (const mutation of ["markNotificationRead", "markNotificationClicked", "deleteNotification"]) {
    const res = await server.gql(`mutation ($id: UUID!) { ${mutation}(input: { notificationId: $id }) { clientMutationId } }`,
      { token: otherToken, variables: { id: first } });
    t.is(errorCode(res), "NTFND", mutation);
    t.is(errorCode(await server.gql(`mutation ($id: UUID!) { ${mutation}(input: { notificationId: $id }) { clientMutationId } }`,
      { variables: { id: first } })), "DNIED", `${mutation} anonymous: not granted to visitors`);
  }
  t.is((await server.gql(INBOX, { token: otherToken })).data!.myNotifications.totalCount, 0);
});

test.serial("preferences: updateNotificationPreferences merges categories, checks the time zone, and notify follows", async (t) => {
  const { id } = await createUser(db);
  const token = await tokenFor(db, id);
  const UPDATE = `mutation ($c: JSON, $tz: String, $locale: String) { updateNotificationPreferences(input: {
      categories: $c, timezone: $tz, locale: $locale, emailFrequency: daily, quietStart: "23:00", quietEnd: "07:00" }) {
      notificationPreference { categories timezone locale emailFrequency quietStart quietEnd } } }`;
  const res = await server.gql(UPDATE, { token, variables: { c: { email: { delivery_update: false } }, tz: "Europe/Berlin", locale: "fr" } });
  t.deepEqual(res.errors, undefined);
  t.like(res.data!.updateNotificationPreferences.notificationPreference, { timezone: "Europe/Berlin", locale: "fr",
    emailFrequency: "daily", quietStart: "23:00:00.000000", quietEnd: "07:00:00.000000" });
  t.deepEqual(res.data!.updateNotificationPreferences.notificationPreference.categories.email,
    { promotional: false, delivery_update: false }, "merged into the channel's map");
  t.is(errorCode(await server.gql(UPDATE, { token, variables: { tz: "Mars/Olympus" } })), "INVAL");
  t.is(errorCode(await server.gql(UPDATE, { token, variables: { locale: "xx" } })), "INVAL");
  t.is(errorCode(await server.gql(UPDATE, { token, variables: { c: { fax: { payment: true } } } })), "INVAL");
  await queryAsRoot(db, "select app_hidden.notify($1, 'offer_countered', $2::jsonb)", [id, JSON.stringify(OFFER)]);
  const channels = await queryAsRoot(db, "select channel::text from app_public.notifications where user_id = $1", [id]);
  t.deepEqual(channels, [{ channel: "in_app" }], "delivery_update email switched off");
});

test.serial("device tokens: registered, moved to the latest user, unregistered only by their owner", async (t) => {
  const a = await createUser(db);
  const b = await createUser(db);
  const [ta, tb] = [await tokenFor(db, a.id), await tokenFor(db, b.id)];
  const REGISTER = `mutation ($t: String!) { registerDeviceToken(input: { token: $t, platform: ios }) { deviceToken { userId active } } }`;
  const UNREGISTER = `mutation ($t: String!) { unregisterDeviceToken(input: { token: $t }) { success } }`;
  const device = `device-${a.id}`;
  const registered = await server.gql(REGISTER, { token: ta, variables: { t: device } });
  t.deepEqual(registered.errors, undefined);
  t.like(registered.data!.registerDeviceToken.deviceToken, { userId: a.id, active: true });
  await queryAsRoot(db, "update app_public.device_tokens set active = false, deactivated_at = now() where token = $1", [device]);
  const moved = await server.gql(REGISTER, { token: tb, variables: { t: device } });
  t.deepEqual(moved.errors, undefined);
  t.like(moved.data!.registerDeviceToken.deviceToken,
    { userId: b.id, active: true }, "moves to the latest user, active again");
  t.false((await server.gql(UNREGISTER, { token: ta, variables: { t: device } })).data!.unregisterDeviceToken.success, "not a's any more");
  t.is((await server.gql(`{ deviceTokens { totalCount } }`, { token: ta })).data!.deviceTokens.totalCount, 0);
  t.is((await server.gql(`{ deviceTokens { totalCount } }`, { token: tb })).data!.deviceTokens.totalCount, 1);
  t.true((await server.gql(UNREGISTER, { token: tb, variables: { t: device } })).data!.unregisterDeviceToken.success);
  t.is(errorCode(await server.gql(REGISTER, { token: ta, variables: { t: "short" } })), "INVAL");
});

/** The outcome of a statement as an actor: rows returned, or the SQLSTATE. */
async function outcomeAs(actor: Parameters<typeof actAs>[1], sql: string, params: unknown[] = []): Promise<number | string> {
  return actAs(db, actor, async (c: pg.Client) => {
    try {
      return (await c.query(sql, params)).rowCount ?? 0;
    } catch (error) {
      return (error as { code: string }).code;
    }
  });
}

test.serial("RLS matrix: notifications, preferences, device tokens, templates", async (t) => {
  const owner = await createUser(db);
  const other = await createUser(db);
  const admin = await createUser(db);
  await makeAdmin(db, admin.id);
  await queryAsRoot(db, "insert into app_public.device_tokens (user_id, token, platform) values ($1, $2, 'web')", [owner.id, `rls-${owner.id}`]);
  await queryAsRoot(db, "select app_hidden.notify($1, 'offer_countered', $2::jsonb)", [owner.id, JSON.stringify(OFFER)]);
  const [inApp] = await queryAsRoot(db, "select id from app_public.notifications where user_id = $1 and channel = 'in_app'", [owner.id]);
  const [email] = await queryAsRoot(db, "select id from app_public.notifications where user_id = $1 and channel = 'email'", [owner.id]);
  const u = (id: string) => user(id);
  const n = inApp!.id;
  const cases: [string, string, unknown[], Record<string, number | string>][] = [
    ["select notification", "select 1 from app_public.notifications where id = $1", [n],
      { anonymous: "42501", owner: 1, other: 0, admin: 0 }],
    ["mark read", "update app_public.notifications set read_at = now() where id = $1", [n],
      { anonymous: "42501", owner: 1, other: 0, admin: 0 }],
    ["change status", "update app_public.notifications set status = 'sent' where id = $1", [n],
      { anonymous: "42501", owner: "42501", other: "42501", admin: "42501" }],
    ["insert notification", `insert into app_public.notifications (user_id, template_id, template_version, channel, category)
       select $1, id, 1, 'in_app', category from app_public.notification_templates limit 1`, [owner.id],
      { anonymous: "42501", owner: "42501", other: "42501", admin: "42501" }],
    ["delete email row", "delete from app_public.notifications where id = $1", [email!.id],
      { anonymous: "42501", owner: 0, other: 0, admin: 0 }],
    ["select preferences", "select 1 from app_public.notification_preferences where user_id = $1", [owner.id],
      { anonymous: "42501", owner: 1, other: 0, admin: 1 }],
    ["update preferences", "update app_public.notification_preferences set locale = 'fr' where user_id = $1", [owner.id],
      { anonymous: "42501", owner: 1, other: 0, admin: 0 }],
    ["update bounces", "update app_public.notification_preferences set email_hard_bounces = 0 where user_id = $1", [owner.id],
      { anonymous: "42501", owner: "42501", other: "42501", admin: "42501" }],
    ["select token", "select 1 from app_public.device_tokens where user_id = $1", [owner.id],
      { anonymous: "42501", owner: 1, other: 0, admin: 0 }],
    ["insert token", "insert into app_public.device_tokens (user_id, token, platform) values ($1, 'abcdefghij', 'web')", [owner.id],
      { anonymous: "42501", owner: "42501", other: "42501", admin: "42501" }],
    ["select templates", "select 1 from app_public.notification_templates where name = 'offer_countered'", [],
      { anonymous: "42501", owner: 0, other: 0, admin: 1 }],
    ["select template bodies", "select 1 from app_public.notification_template_bodies b join app_public.notification_templates t on t.id = b.template_id where t.name = 'offer_countered'", [],
      { anonymous: "42501", owner: 0, other: 0, admin: 2 }],
    ["update templates", "update app_public.notification_templates set status = 'inactive'", [],
      { anonymous: "42501", owner: "42501", other: "42501", admin: "42501" }],
    ["delete token (other)", "delete from app_public.device_tokens where user_id = $1", [owner.id],
      { anonymous: "42501", other: 0, admin: 0 }],
    ["delete token", "delete from app_public.device_tokens where user_id = $1", [owner.id],
      { owner: 1 }],
    ["delete in-app row", "delete from app_public.notifications where id = $1", [n],
      { other: 0, admin: 0, owner: 1 }],
  ];
  const actors = { anonymous, owner: u(owner.id), other: u(other.id), admin: u(admin.id) };
  for (const [name, sql, params, expected] of cases) {
    for (const [who, want] of Object.entries(expected)) {
      t.is(await outcomeAs(actors[who as keyof typeof actors], sql, params), want, `${name} as ${who}`);
    }
  }
});
