// Admin roles (docs/admin.md, Admin roles): the role table as data, the first super_admin from an operator, grants
// and revocations by super_admins only over GraphQL, extra permissions, and the last super_admin, who cannot go even
// when two revocations race on two connections.
import test from "ava";
import { commitAs, createMember, createUser, makeAdmin, tokenFor, user } from "../helpers/actors.ts";
import { asRoot, queryAsRoot, useTestDatabase } from "../helpers/database.ts";
import { errorCode, sqlstate } from "../helpers/errors.ts";
import { startTestServer, type TestServer } from "../helpers/server.ts";

const db = useTestDatabase(test);
let server: TestServer;
test.before(async () => {
  server = await startTestServer(db);
});
test.after.always(() => server?.close());

const GRANT = `mutation ($u: UUID!, $r: AdminRole!, $p: [String]) {
  adminGrantRole(input: { userId: $u, role: $r, reason: "joins the team", permissions: $p }) {
    adminRoleGrant { userId role permissions isActive } } }`;
const REVOKE = `mutation ($u: UUID!) { adminRevokeRole(input: { userId: $u, reason: "left" }) { adminRoleGrant { role isActive } } }`;
const PERMISSIONS = "{ currentUserPermissions }";

const superAdmins = () => queryAsRoot(db, "select user_id from app_private.admin_users where role = 'super_admin' and is_active");

test.serial("the role table of domain.md is data, read by the permission check", async (t) => {
  const rows = await queryAsRoot(db, "select role::text, permissions from app_private.admin_role_permissions order by role");
  t.deepEqual(Object.fromEntries(rows.map((r) => [r.role, r.permissions])), {
    super_admin: ["*"],
    admin: ["users.*", "deliveries.*", "disputes.*", "finance.*", "system.*", "content.moderate", "analytics.read",
      "reports.export", "qr.override", "notifications.send"],
    moderator: ["users.read", "users.suspend", "deliveries.read", "disputes.read", "disputes.write", "disputes.assign",
      "content.moderate"],
    support: ["users.read", "deliveries.read", "disputes.read", "disputes.write", "qr.override"],
    finance: ["users.read", "finance.*", "deliveries.read", "disputes.read", "reports.export"],
    analyst: ["users.read", "deliveries.read", "analytics.read", "reports.export"],
  });
  const analyst = await createMember(db, "both");
  await makeAdmin(db, analyst, "analyst");
  const token = await tokenFor(db, analyst);
  await asRoot(db, (c) => c.query("update app_private.admin_role_permissions set permissions = permissions || '{content.moderate}' where role = 'analyst'"));
  try {
    t.true((await server.gql(PERMISSIONS, { token })).data!.currentUserPermissions.includes("content.moderate"),
      "a change of the table changes what the role may do");
  } finally {
    await asRoot(db, (c) => c.query("update app_private.admin_role_permissions set permissions = array_remove(permissions, 'content.moderate') where role = 'analyst'"));
  }
});

test.serial("bootstrap_super_admin: a verified active user becomes the first super_admin, once; logged as the system", async (t) => {
  t.deepEqual(await superAdmins(), [], "no credential ships: a fresh database has no admin");
  const pending = await createUser(db, { status: "pending" });
  t.is(await sqlstate(queryAsRoot(db, "select app_private.bootstrap_super_admin($1)", [pending.email])), "BADST");
  t.is(await sqlstate(queryAsRoot(db, "select app_private.bootstrap_super_admin('nobody@example.test')")), "NTFND");
  const ops = await createUser(db);
  t.is(await sqlstate(queryAsRoot(db, "select app_private.bootstrap_super_admin($1)", [ops.email])), "BADST",
    "an unverified email is refused");
  await asRoot(db, (c) => c.query("update app_public.user_contacts set email_verified_at = now() where user_id = $1", [ops.id]));
  const [made] = await queryAsRoot(db, "select app_private.bootstrap_super_admin($1) as id", [ops.email.toUpperCase()]);
  t.is(made!.id, ops.id);
  t.deepEqual(await superAdmins(), [{ user_id: ops.id }]);
  const other = await createMember(db, "both");
  const [{ email }] = await queryAsRoot(db, "select email from app_public.user_contacts where user_id = $1", [other]);
  t.is(await sqlstate(queryAsRoot(db, "select app_private.bootstrap_super_admin($1)", [email])), "BADST",
    "only while no super_admin exists");
  t.like((await queryAsRoot(db, "select * from app_public.admin_activity_log where action = 'bootstrap_super_admin'"))[0],
    { admin_id: null, resource_id: ops.id, severity: "critical", new_values: { role: "super_admin", permissions: [], is_active: true } });
  t.deepEqual((await server.gql(PERMISSIONS, { token: await tokenFor(db, ops.id) })).data, { currentUserPermissions: ["*"] });
});

test.serial("grant and revoke over GraphQL: only a super_admin, extra permissions checked, the last super_admin kept", async (t) => {
  const boss = (await superAdmins())[0]?.user_id as string ?? await createMember(db, "both");
  await asRoot(db, (c) => c.query(`insert into app_private.admin_users (user_id, role) values ($1, 'super_admin')
    on conflict (user_id) do update set role = 'super_admin', is_active = true`, [boss]));
  const bossToken = await tokenFor(db, boss);
  const member = await createMember(db, "both");
  const admin = await createMember(db, "both");
  await makeAdmin(db, admin, "admin");

  t.is(errorCode(await server.gql(GRANT, { token: await tokenFor(db, admin), variables: { u: member, r: "moderator" } })), "DNIED",
    "an admin, whatever their rights, does not grant roles");
  t.is(errorCode(await server.gql(GRANT, { token: await tokenFor(db, boss, { mfaVerified: false }), variables: { u: member, r: "moderator" } })),
    "DNIED", "nor a super_admin without the second factor");
  t.is(errorCode(await server.gql(GRANT, { token: bossToken, variables: { u: member, r: "moderator", p: ["*"] } })), "INVAL",
    "everything is the super_admin role's, never an extra permission");
  t.is(errorCode(await server.gql(GRANT, { token: bossToken, variables: { u: member, r: "moderator", p: ["Users read"] } })), "INVAL");
  const pending = await createUser(db, { status: "pending" });
  t.is(errorCode(await server.gql(GRANT, { token: bossToken, variables: { u: pending.id, r: "moderator" } })), "BADST");

  const granted = await server.gql(GRANT, { token: bossToken, variables: { u: member, r: "moderator", p: ["analytics.read"] } });
  t.deepEqual(granted.data?.adminGrantRole.adminRoleGrant,
    { userId: member, role: "moderator", permissions: ["analytics.read"], isActive: true });
  const memberToken = await tokenFor(db, member);
  t.true((await server.gql(PERMISSIONS, { token: memberToken })).data!.currentUserPermissions.includes("analytics.read"));
  t.deepEqual((await server.gql(REVOKE, { token: bossToken, variables: { u: member } })).data,
    { adminRevokeRole: { adminRoleGrant: { role: "moderator", isActive: false } } });
  t.deepEqual((await server.gql(PERMISSIONS, { token: memberToken })).data, { currentUserPermissions: [] }, "at once");
  t.is(errorCode(await server.gql(REVOKE, { token: bossToken, variables: { u: member } })), "NTFND");

  // The last super_admin: neither revoked nor demoted, by themselves or by an operator.
  for (const s of await superAdmins()) if (s.user_id !== boss) {
    await asRoot(db, (c) => c.query("update app_private.admin_users set is_active = false where user_id = $1", [s.user_id]));
  }
  t.is(errorCode(await server.gql(REVOKE, { token: bossToken, variables: { u: boss } })), "BADST");
  t.is(errorCode(await server.gql(GRANT, { token: bossToken, variables: { u: boss, r: "admin" } })), "BADST");
  t.is(await sqlstate(queryAsRoot(db, "delete from app_private.admin_users where user_id = $1", [boss])), "BADST");
  t.is(await sqlstate(queryAsRoot(db, "update app_private.admin_users set is_active = false where user_id = $1", [boss])), "BADST");
  // With a second one, the first may step down.
  t.is((await server.gql(GRANT, { token: bossToken, variables: { u: member, r: "super_admin" } })).errors, undefined);
  t.is((await server.gql(GRANT, { token: bossToken, variables: { u: boss, r: "admin" } })).errors, undefined);
  t.deepEqual(await superAdmins(), [{ user_id: member }]);
  t.deepEqual((await queryAsRoot(db, `select action, severity::text from app_public.admin_activity_log
    where admin_id = $1 order by created_at`, [boss])).map((r) => `${r.action}:${r.severity}`),
    ["admin_grant_role:critical", "admin_revoke_role:critical", "admin_grant_role:critical", "admin_grant_role:critical"],
    "every grant and revocation, critical; refusals leave nothing");
});

// Two revocations at once on two connections, started together (a barrier), each holding its transaction open a
// moment after its revocation: exactly one commits and one super_admin is left.
async function race(t: import("ava").ExecutionContext, revocations: (a: string, b: string) => Array<[string, string]>,
                    refusal: string): Promise<void> {
  for (let round = 0; round < 3; round++) {
    const a = await createMember(db, "both");
    const b = await createMember(db, "both");
    await makeAdmin(db, a, "super_admin");
    await makeAdmin(db, b, "super_admin");
    // Everyone else steps down first, so that a and b are the only two.
    await asRoot(db, (c) => c.query(`update app_private.admin_users set is_active = false
      where role = 'super_admin' and is_active and user_id not in ($1, $2)`, [a, b]));
    let arrived = 0;
    let bothReady!: () => void;
    const barrier = new Promise<void>((resolve) => { bothReady = resolve; });
    const results = await Promise.allSettled(revocations(a, b).map(([by, whom]) => commitAs(db, user(by), async (c) => {
      if (++arrived === 2) bothReady();
      await barrier;
      await c.query("select app_public.admin_revoke_role($1, 'race')", [whom]);
      await c.query("select pg_sleep(0.1)");
    })));
    t.is(results.filter((r) => r.status === "fulfilled").length, 1, `round ${round}: exactly one revocation commits`);
    const failure = results.find((r) => r.status === "rejected") as PromiseRejectedResult;
    t.is((failure.reason as { code?: string }).code, refusal);
    t.is((await superAdmins()).length, 1, "one active super_admin is left");
  }
}

test.serial("the last two super_admins stepping down at once: one may, the other is the last one (BADST)", (t) =>
  race(t, (a, b) => [[a, a], [b, b]], "BADST"));

test.serial("two super_admins revoking each other at once: the first wins, the second is no longer one (DNIED)", (t) =>
  race(t, (a, b) => [[a, b], [b, a]], "DNIED"));
