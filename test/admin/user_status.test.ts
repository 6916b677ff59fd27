// Account status by admins and the moderation queue (docs/admin.md, User status, Moderation queue): suspensions and
// bans sign the user out everywhere at once and tell them; reinstating; the limits of who may do what; travelers
// flagged after deliveries.cancel_flag_count cancellations within cancel_flag_days, read and resolved by moderators.
import test from "ava";
import { createMember, makeAdmin, tokenFor } from "../helpers/actors.ts";
import { asRoot, queryAsRoot } from "../helpers/database.ts";
import { errorCode } from "../helpers/errors.ts";
import { createDeliveryRecord, createTrip } from "../helpers/marketplace.ts";
import { renderedNotification } from "../helpers/notifications.ts";
import { useTestServer } from "../helpers/server.ts";

const { db, server } = useTestServer(test);

const SET_STATUS = `mutation ($u: UUID!, $s: UserStatus!, $r: UserStatusReason!, $d: Int, $n: String) {
  adminSetUserStatus(input: { userId: $u, status: $s, reason: $r, durationDays: $d, note: $n }) { user { rowId status suspendedUntil } } }`;
const QUEUE = `{ moderationFlags(condition: { status: open }) { nodes { rowId userId reason details status } } }`;
const RESOLVE = `mutation ($id: UUID!, $n: String!) { resolveModerationFlag(input: { flagId: $id, resolutionNote: $n }) { moderationFlag { status resolutionNote } } }`;

let moderatorToken: string;
let moderator: string;
test.before(async () => {
  moderator = await createMember(db, "both");
  await makeAdmin(db, moderator, "moderator");
  moderatorToken = await tokenFor(db, moderator);
});

const statusOf = async (id: string) =>
  (await queryAsRoot(db, "select status::text, suspended_until from app_public.users where id = $1", [id]))[0]!;

test("a suspension for 7 days: signed out everywhere at once, told by email and in-app, recorded and logged", async (t) => {
  const member = await createMember(db, "both");
  const memberToken = await tokenFor(db, member);
  t.is(errorCode(await server.gql("{ currentUser { rowId } }", { token: memberToken })), undefined);
  const res = await server.gql(SET_STATUS, { token: moderatorToken,
    variables: { u: member, s: "suspended", r: "violation_of_terms", d: 7, n: "Insulted three travelers" } });
  t.is(res.errors, undefined);
  t.is(res.data!.adminSetUserStatus.user.status, "suspended");
  const until = new Date(res.data!.adminSetUserStatus.user.suspendedUntil).getTime();
  t.true(Math.abs(until - (Date.now() + 7 * 86400_000)) < 60_000, "ends in 7 days");
  t.is(errorCode(await server.gql("{ currentUser { rowId } }", { token: memberToken })), "LOGIN", "the old session is gone");
  t.deepEqual((await queryAsRoot(db, `select channel::text from app_public.notifications n
      join app_public.notification_templates t on t.id = n.template_id
     where n.user_id = $1 and t.name = 'account_suspended' order by 1`, [member])).map((r) => r.channel),
    ["email", "in_app"]);
  t.like((await queryAsRoot(db, "select * from app_private.user_status_changes where user_id = $1", [member]))[0],
    { old_status: "active", new_status: "suspended", changed_by: moderator, reason: "violation_of_terms: Insulted three travelers" });
  t.like((await queryAsRoot(db, "select * from app_public.admin_activity_log where resource_id = $1", [member]))[0],
    { admin_id: moderator, action: "admin_set_user_status", severity: "high",
      old_values: { status: "active", suspended_until: null }, reason: "violation_of_terms: Insulted three travelers" });

  // The hourly job ends it once due.
  await asRoot(db, (c) => c.query("update app_public.users set suspended_until = now() - interval '1 minute' where id = $1", [member]));
  await queryAsRoot(db, "select app_private.end_suspensions()");
  t.like(await statusOf(member), { status: "active", suspended_until: null });
});

test("a ban, an open-ended suspension and reinstating; refusals name the field or the state", async (t) => {
  const member = await createMember(db, "both");
  const set = (variables: Record<string, unknown>, token = moderatorToken) =>
    server.gql(SET_STATUS, { token, variables: { u: member, r: "suspicious_activity", ...variables } });
  t.is(errorCode(await set({ s: "active" })), "BADST", "an active account cannot be reinstated");
  t.is(errorCode(await set({ s: "deactivated" })), "INVAL");
  t.is(errorCode(await set({ s: "banned", d: 3 })), "INVAL", "a ban has no duration");
  t.is(errorCode(await set({ s: "suspended", d: 0 })), "INVAL");
  t.is(errorCode(await set({ s: "suspended", n: "x".repeat(1001) })), "INVAL");
  t.is(errorCode(await set({ s: "suspended" }, await tokenFor(db, member))), "DNIED");
  t.is(errorCode(await set({ s: "suspended" }, await tokenFor(db, moderator, { mfaVerified: false }))), "DNIED");

  t.like((await set({ s: "suspended" })).data!.adminSetUserStatus.user, { status: "suspended", suspendedUntil: null },
    "until an admin lifts it");
  // The message says so in the reader's language (no English words from SQL).
  const [openEnded] = await queryAsRoot(db, `select n.id from app_public.notifications n
      join app_public.notification_templates t on t.id = n.template_id
     where n.user_id = $1 and t.name = 'account_suspended' and n.channel = 'in_app'`, [member]);
  t.regex((await renderedNotification(db, openEnded!.id, { locale: "fr" }))!.text,
    /suspendu votre compte P2P Delivery jusqu'à ce qu'un administrateur lève la suspension \(motif : activité suspecte\)/);
  t.regex((await renderedNotification(db, openEnded!.id))!.text, /until an administrator lifts the suspension \(reason: suspicious activity\)/);
  t.like((await set({ s: "banned" })).data!.adminSetUserStatus.user, { status: "banned" });
  t.is(errorCode(await set({ s: "suspended" })), "BADST", "a ban is lifted, not turned into a suspension");
  t.is(errorCode(await set({ s: "banned" })), "BADST");
  t.is((await queryAsRoot(db, `select count(*)::int as n from app_public.notifications n
      join app_public.notification_templates t on t.id = n.template_id where n.user_id = $1 and t.name = 'account_banned'`,
    [member]))[0]!.n, 2, "email and in-app");
  t.like((await set({ s: "active", r: "other", n: "Appeal accepted" })).data!.adminSetUserStatus.user, { status: "active" });
  t.deepEqual((await queryAsRoot(db, `select severity::text from app_public.admin_activity_log where resource_id = $1
    order by created_at`, [member])).map((r) => r.severity), ["high", "high", "medium"]);

  t.is(errorCode(await server.gql(SET_STATUS, { token: moderatorToken,
    variables: { u: moderator, s: "suspended", r: "other" } })), "DNIED", "not oneself");
  const otherAdmin = await createMember(db, "both");
  await makeAdmin(db, otherAdmin, "support");
  t.is(errorCode(await server.gql(SET_STATUS, { token: moderatorToken,
    variables: { u: otherAdmin, s: "suspended", r: "other" } })), "DNIED", "not an active admin");
  t.is(errorCode(await server.gql(SET_STATUS, { token: moderatorToken,
    variables: { u: "00000000-0000-4000-8000-000000000000", s: "suspended", r: "other" } })), "NTFND");
});

test("a traveler who cancels 3 deliveries within 30 days is flagged once; moderators read and resolve the queue", async (t) => {
  const traveler = await createMember(db, "traveler");
  const cancel = async (options: { reason?: string; daysAgo?: number } = {}) => {
    const delivery = await createDeliveryRecord(db, await createTrip(db, traveler), { reserveCapacity: true });
    await asRoot(db, async (c) => {
      await c.query("select app_hidden.cancel_delivery_as($1, 'user', $2, $3, null)",
        [delivery, traveler, options.reason ?? "schedule_changed"]);
      if (options.daysAgo) {
        await c.query("alter table app_public.deliveries disable trigger user");
        await c.query("update app_public.deliveries set cancelled_at = now() - make_interval(days => $2) where id = $1",
          [delivery, options.daysAgo]);
        await c.query("alter table app_public.deliveries enable trigger user");
      }
    });
  };
  const flags = () => queryAsRoot(db, "select status::text, details from app_public.moderation_flags where user_id = $1", [traveler]);
  await cancel({ daysAgo: 31 });
  await cancel();
  await cancel({ reason: "prohibited_item" });
  t.deepEqual(await flags(), [], "one cancellation too old, one the customer's item's fault: not yet");
  await cancel();
  t.deepEqual(await flags(), [], "two are not enough");
  await cancel();
  t.deepEqual(await flags(), [{ status: "open", details: { cancellations: 3, days: 30 } }]);
  await cancel();
  t.is((await flags()).length, 1, "one open flag, whatever follows");

  const member = await createMember(db, "both");
  t.deepEqual((await server.gql(QUEUE, { token: await tokenFor(db, member) })).data!.moderationFlags.nodes, []);
  const queue = (await server.gql(QUEUE, { token: moderatorToken })).data!.moderationFlags.nodes;
  const flag = queue.find((f: { userId: string }) => f.userId === traveler);
  t.like(flag, { reason: "frequent_cancellations", status: "open" });
  t.is(errorCode(await server.gql(RESOLVE, { token: moderatorToken, variables: { id: flag.rowId, n: " " } })), "INVAL");
  t.deepEqual((await server.gql(RESOLVE, { token: moderatorToken, variables: { id: flag.rowId, n: "Warned by phone" } })).data,
    { resolveModerationFlag: { moderationFlag: { status: "resolved", resolutionNote: "Warned by phone" } } });
  t.is(errorCode(await server.gql(RESOLVE, { token: moderatorToken, variables: { id: flag.rowId, n: "again" } })), "BADST");
  await cancel();
  t.is((await flags()).filter((f) => f.status === "open").length, 1, "a new cancellation over the count flags again");
});
