// Blocks, favorites and reports (docs/social.md): the flows over GraphQL, privacy, self-targeting refused, and
// moderation by content.moderate admins.
import test from "ava";
import { actAs, createMember, createUser, makeAdmin, tokenFor, user } from "../helpers/actors.ts";
import { asRoot } from "../helpers/database.ts";
import { errorCode, sqlstate } from "../helpers/errors.ts";
import { useTestServer } from "../helpers/server.ts";

const { db, server } = useTestServer(test);

const BLOCK = `mutation ($id: UUID!) { blockUser(input: { userId: $id, reason: harassment }) { userBlock { blockerId blockedId reason } } }`;
const UNBLOCK = `mutation ($id: UUID!) { unblockUser(input: { userId: $id }) { success } }`;
const FAVORITE = `mutation ($id: UUID!) { addFavoriteTraveler(input: { travelerId: $id }) { userFavorite { userId travelerId } } }`;
const UNFAVORITE = `mutation ($id: UUID!) { removeFavoriteTraveler(input: { travelerId: $id }) { success } }`;
const REPORT = `mutation ($id: UUID!, $description: String!) {
  reportUser(input: { userId: $id, category: safety_concern, description: $description }) {
    userReport { rowId reporterId reportedUserId status priority } } }`;
const HANDLE = `mutation ($id: UUID!, $status: ReportStatus!, $action: ReportResolutionAction) {
  handleUserReport(input: { reportId: $id, status: $status, resolutionAction: $action, resolutionNotes: "Checked the chat" }) {
    userReport { status resolutionAction handledBy resolutionNotes } } }`;

test("block and unblock over GraphQL; the block is private to the blocker and blocking twice keeps one", async (t) => {
  const { id: a } = await createUser(db);
  const b = await createMember(db, "traveler", "unverified");
  const tokenA = await tokenFor(db, a);
  const tokenB = await tokenFor(db, b);
  await server.gql(FAVORITE, { token: tokenA, variables: { id: b } });
  const res = await server.gql(BLOCK, { token: tokenA, variables: { id: b } });
  t.is(res.errors, undefined);
  t.deepEqual(res.data!.blockUser.userBlock, { blockerId: a, blockedId: b, reason: "harassment" });
  t.is((await server.gql(BLOCK, { token: tokenA, variables: { id: b } })).errors, undefined);
  const mine = await server.gql("{ userBlocks { nodes { blockedId } } userFavorites { totalCount } }", { token: tokenA });
  t.deepEqual(mine.data!.userBlocks.nodes, [{ blockedId: b }]);
  t.is(mine.data!.userFavorites.totalCount, 0, "blocking drops the favorite");
  const theirs = await server.gql("{ userBlocks { totalCount } }", { token: tokenB });
  t.is(theirs.data!.userBlocks.totalCount, 0, "the blocked user cannot see the block");

  t.deepEqual((await server.gql(UNBLOCK, { token: tokenA, variables: { id: b } })).data, { unblockUser: { success: true } });
  t.deepEqual((await server.gql(UNBLOCK, { token: tokenA, variables: { id: b } })).data, { unblockUser: { success: false } });
});

test("blocking, favoriting or reporting oneself is refused by the CHECKs: INVAL with their message (23514 in SQL)", async (t) => {
  const id = await createMember(db, "traveler", "unverified");
  const token = await tokenFor(db, id);
  const block = await server.gql(BLOCK, { token, variables: { id } });
  t.is(errorCode(block), "INVAL");
  t.is(block.errors?.[0]?.message, "blocked_id: you cannot block yourself");
  const favorite = await server.gql(FAVORITE, { token, variables: { id } });
  t.is(errorCode(favorite), "INVAL");
  t.is(favorite.errors?.[0]?.message, "traveler_id: you cannot favorite yourself");
  const report = await server.gql(REPORT, { token, variables: { id, description: "I am reporting myself" } });
  t.is(errorCode(report), "INVAL");
  t.is(report.errors?.[0]?.message, "reported_user_id: you cannot report yourself");
  await actAs(db, user(id), async (c) => {
    t.is(await sqlstate(c.query("insert into app_public.user_blocks (blocked_id) values ($1)", [id])), "23514");
  });
});

test("an unknown or hidden user cannot be blocked, favorited or reported (NTFND)", async (t) => {
  const { id } = await createUser(db);
  const { id: pending } = await createUser(db, { status: "pending" });
  const token = await tokenFor(db, id);
  for (const target of [pending, "00000000-0000-4000-8000-000000000000"]) {
    t.is(errorCode(await server.gql(BLOCK, { token, variables: { id: target } })), "NTFND");
    t.is(errorCode(await server.gql(FAVORITE, { token, variables: { id: target } })), "NTFND");
    t.is(errorCode(await server.gql(REPORT, { token, variables: { id: target, description: "Suspicious messages" } })), "NTFND");
  }
});

test("favorites: travelers only, idempotent, private to their owner, removable", async (t) => {
  const { id: customer } = await createUser(db);
  const tr = await createMember(db, "traveler", "unverified");
  const { id: plainCustomer } = await createUser(db);
  const token = await tokenFor(db, customer);
  const res = await server.gql(FAVORITE, { token, variables: { id: tr } });
  t.deepEqual(res.data!.addFavoriteTraveler.userFavorite, { userId: customer, travelerId: tr });
  t.is((await server.gql(FAVORITE, { token, variables: { id: tr } })).errors, undefined);
  t.is((await server.gql("{ userFavorites { totalCount } }", { token })).data!.userFavorites.totalCount, 1);
  t.is((await server.gql("{ userFavorites { totalCount } }", { token: await tokenFor(db, tr) })).data!.userFavorites.totalCount, 0);
  t.is(errorCode(await server.gql(FAVORITE, { token, variables: { id: plainCustomer } })), "INVAL");
  await server.gql(BLOCK, { token, variables: { id: tr } });
  t.is(errorCode(await server.gql(FAVORITE, { token, variables: { id: tr } })), "BADST", "unblock first");
  await server.gql(UNBLOCK, { token, variables: { id: tr } });
  await server.gql(FAVORITE, { token, variables: { id: tr } });
  t.deepEqual((await server.gql(UNFAVORITE, { token, variables: { id: tr } })).data, { removeFavoriteTraveler: { success: true } });
  t.is((await server.gql("{ userFavorites { totalCount } }", { token })).data!.userFavorites.totalCount, 0);
});

test("reports: the reporter sees theirs, the reported user never does, moderators handle them", async (t) => {
  const { id: reporter } = await createUser(db);
  const { id: reported } = await createUser(db);
  const { id: moderator } = await createUser(db);
  const { id: support } = await createUser(db);
  await makeAdmin(db, moderator, "moderator");
  await makeAdmin(db, support, "support");
  const token = await tokenFor(db, reporter);
  const res = await server.gql(REPORT, { token, variables: { id: reported, description: "  Threatened me during pickup  " } });
  t.is(res.errors, undefined);
  const report = res.data!.reportUser.userReport;
  t.like(report, { reporterId: reporter, reportedUserId: reported, status: "pending", priority: "urgent" });
  const again = await server.gql(REPORT, { token, variables: { id: reported, description: "Threatened me again today" } });
  t.is(errorCode(again), "BADST", "one open report per pair");

  const list = `{ userReports { nodes { rowId description } } }`;
  t.deepEqual((await server.gql(list, { token })).data!.userReports.nodes, [{ rowId: report.rowId, description: "Threatened me during pickup" }]);
  t.deepEqual((await server.gql(list, { token: await tokenFor(db, reported) })).data!.userReports.nodes, []);
  const modToken = await tokenFor(db, moderator);
  t.true((await server.gql(list, { token: modToken })).data!.userReports.nodes.some((n: { rowId: string }) => n.rowId === report.rowId));

  const supportToken = await tokenFor(db, support);
  t.true((await server.gql(list, { token: supportToken })).data!.userReports.nodes.some((n: { rowId: string }) => n.rowId === report.rowId),
    "users.read admins read reports");
  const denied = await server.gql(HANDLE, { token: supportToken, variables: { id: report.rowId, status: "reviewed" } });
  t.is(errorCode(denied), "DNIED", "handling needs content.moderate");
  t.is(errorCode(await server.gql(HANDLE, { token, variables: { id: report.rowId, status: "dismissed" } })), "DNIED");

  const reviewed = await server.gql(HANDLE, { token: modToken, variables: { id: report.rowId, status: "reviewed" } });
  t.like(reviewed.data!.handleUserReport.userReport, { status: "reviewed", resolutionAction: null, handledBy: moderator });
  const noAction = await server.gql(HANDLE, { token: modToken, variables: { id: report.rowId, status: "resolved" } });
  t.is(errorCode(noAction), "INVAL", "resolving needs the action taken");
  const resolved = await server.gql(HANDLE, { token: modToken, variables: { id: report.rowId, status: "resolved", action: "warning" } });
  t.deepEqual(resolved.data!.handleUserReport.userReport, { status: "resolved", resolutionAction: "warning", handledBy: moderator,
    resolutionNotes: "Checked the chat" });
  const reopen = await server.gql(HANDLE, { token: modToken, variables: { id: report.rowId, status: "dismissed" } });
  t.is(errorCode(reopen), "BADST", "a resolved report stays resolved");

  const second = await server.gql(REPORT, { token, variables: { id: reported, description: "New incident after the warning" } });
  t.is(second.errors, undefined, "once handled, a new report may follow");
});

test("report_user validates the description (INVAL) and derives the priority from the category", async (t) => {
  const { id: reporter } = await createUser(db);
  const { id: reported } = await createUser(db);
  const token = await tokenFor(db, reporter);
  t.is(errorCode(await server.gql(REPORT, { token, variables: { id: reported, description: "short" } })), "INVAL");
  await actAs(db, user(reporter), async (c) => {
    const { rows } = await c.query("select priority from app_public.report_user($1, 'spam', 'Sends adverts all day long')", [reported]);
    t.deepEqual(rows, [{ priority: "low" }]);
  });
});

test("a moderator cannot handle a report about themselves, nor an unknown report", async (t) => {
  const { id: reporter } = await createUser(db);
  const { id: moderator } = await createUser(db);
  await makeAdmin(db, moderator, "moderator");
  const res = await server.gql(REPORT, { token: await tokenFor(db, reporter), variables: { id: moderator, description: "Rude moderator behaviour" } });
  const modToken = await tokenFor(db, moderator);
  const own = await server.gql(HANDLE, { token: modToken, variables: { id: res.data!.reportUser.userReport.rowId, status: "dismissed" } });
  t.is(errorCode(own), "DNIED");
  const missing = await server.gql(HANDLE, { token: modToken, variables: { id: "00000000-0000-4000-8000-000000000000", status: "dismissed" } });
  t.is(errorCode(missing), "NTFND");
});

test("is_admin_user: true only for active admins", async (t) => {
  const { id: plain } = await createUser(db);
  const { id: admin } = await createUser(db);
  const { id: retired } = await createUser(db);
  await makeAdmin(db, admin, "analyst");
  await makeAdmin(db, retired, "admin");
  await asRoot(db, (c) => c.query("update app_private.admin_users set is_active = false where user_id = $1", [retired]));
  const check = (id: string) => actAs(db, user(id), async (c) => (await c.query("select app_hidden.is_admin_user() as a")).rows[0].a as boolean);
  t.false(await check(plain));
  t.true(await check(admin));
  t.false(await check(retired));
  t.false(await actAs(db, { kind: "anonymous" }, async (c) => (await c.query("select app_hidden.is_admin_user() as a")).rows[0].a as boolean));
});
