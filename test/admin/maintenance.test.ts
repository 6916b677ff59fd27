// Maintenance mode (docs/platform.md, Maintenance mode) over GraphQL: while platform.maintenance_mode is true a
// user's or a visitor's mutation answers MAINT and changes nothing, queries keep working, an admin's mutations work,
// and everybody may still sign in, refresh and sign out (so that admins can get in). Serial: the setting is
// database-wide.
import test from "ava";
import { createMember, createUser, DEFAULT_PASSWORD, makeAdmin, tokenFor } from "../helpers/actors.ts";
import { queryAsRoot, setSetting } from "../helpers/database.ts";
import { errorCode } from "../helpers/errors.ts";
import { useTestServer } from "../helpers/server.ts";

const { db, server } = useTestServer(test);

const UPDATE_PROFILE = `mutation { updateProfile(input: { bio: "Back soon" }) { user { rowId } } }`;
const LOGIN = `mutation ($e: String!, $p: String!) { login(input: { email: $e, password: $p }) { authResult { accessToken refreshToken } } }`;
const REGISTER = `mutation { register(input: { email: "new@example.test", password: "Sup3r-secret!", firstName: "New", lastName: "One", acceptTerms: true }) { success } }`;
const SET_STATUS = `mutation ($u: UUID!) { adminSetUserStatus(input: { userId: $u, status: suspended, reason: other, durationDays: 1 }) { user { status } } }`;

test.afterEach.always(async () => {
  await setSetting(db, "platform.maintenance_mode", false);
});

test.serial("maintenance on: user and visitor mutations answer MAINT, queries work, admin mutations work, signing in works", async (t) => {
  const member = await createMember(db, "both");
  const memberToken = await tokenFor(db, member);
  const admin = await createMember(db, "both");
  await makeAdmin(db, admin, "moderator");
  const adminToken = await tokenFor(db, admin);
  t.is((await server.gql(UPDATE_PROFILE, { token: memberToken })).errors, undefined, "before: the mutation works");

  await setSetting(db, "platform.maintenance_mode", true);
  const refused = await server.gql(UPDATE_PROFILE, { token: memberToken });
  t.is(errorCode(refused), "MAINT");
  t.is(refused.data ?? null, null);
  t.is(errorCode(await server.gql(REGISTER)), "MAINT", "visitors too");
  t.is((await queryAsRoot(db, "select count(*)::int as n from app_public.user_contacts where email = 'new@example.test'"))[0]!.n, 0,
    "nothing ran");

  t.deepEqual((await server.gql("{ currentUser { rowId } }", { token: memberToken })).data, { currentUser: { rowId: member } },
    "queries go on");
  t.is((await server.gql("{ publicConfig }")).data!.publicConfig["platform.maintenance_mode"], true,
    "clients read the mode from publicConfig");

  const victim = await createMember(db, "both");
  t.deepEqual((await server.gql(SET_STATUS, { token: adminToken, variables: { u: victim } })).data,
    { adminSetUserStatus: { user: { status: "suspended" } } }, "an admin's mutation works");
  t.is(errorCode(await server.gql(UPDATE_PROFILE, { token: await tokenFor(db, admin, { mfaVerified: false }) })), "MAINT",
    "an admin's session without the second factor holds no admin rights");

  // Signing in: an admin (and anybody) may log in, refresh and sign out.
  const { email } = await createUser(db);
  const [{ email: adminEmail }] = await queryAsRoot(db, "select email from app_public.user_contacts where user_id = $1", [admin]);
  const login = await server.gql(LOGIN, { variables: { e: adminEmail, p: DEFAULT_PASSWORD } });
  t.is(login.errors, undefined);
  t.truthy(login.data!.login.authResult.refreshToken);
  const refresh = await server.gql(`mutation ($r: String!) { refreshSession(input: { refreshToken: $r }) { authResult { accessToken } } }`,
    { variables: { r: login.data!.login.authResult.refreshToken } });
  t.is(refresh.errors, undefined);
  t.is((await server.gql(LOGIN, { variables: { e: email, p: DEFAULT_PASSWORD } })).errors, undefined);
  t.is(errorCode(await server.gql(`mutation ($e: String!, $p: String!) { login(input: { email: $e, password: $p }) { clientMutationId }
      updateProfile(input: { bio: "x" }) { clientMutationId } }`, { token: memberToken, variables: { e: email, p: DEFAULT_PASSWORD } })),
    "MAINT", "a session mutation does not carry another one through");

  await setSetting(db, "platform.maintenance_mode", false);
  t.is((await server.gql(UPDATE_PROFILE, { token: memberToken })).errors, undefined, "after: it works again");
});

test.serial("an admin with system.write turns maintenance off with setConfig while it is on", async (t) => {
  const admin = await createMember(db, "both");
  await makeAdmin(db, admin, "admin");
  await setSetting(db, "platform.maintenance_mode", true);
  const res = await server.gql(`mutation { setConfig(input: { category: "platform", key: "maintenance_mode", value: false,
    reason: "upgrade done" }) { systemConfiguration { value } } }`, { token: await tokenFor(db, admin) });
  t.deepEqual(res.data, { setConfig: { systemConfiguration: { value: false } } });
});
