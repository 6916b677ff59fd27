// changePassword through the real HTTP server: the current password is required, the policy applies, and every
// other device session ends while the current one goes on.
import test from "ava";
import { createUser, DEFAULT_PASSWORD, tokenFor } from "../helpers/actors.ts";
import { asRoot } from "../helpers/database.ts";
import { errorCode } from "../helpers/errors.ts";
import { useTestServer } from "../helpers/server.ts";

const { db, server } = useTestServer(test);

const CHANGE = `mutation ($current: String!, $next: String!) {
  changePassword(input: { currentPassword: $current, newPassword: $next }) { success } }`;
const LOGIN = `mutation ($email: String!, $password: String!) {
  login(input: { email: $email, password: $password }) { authResult { accessToken } } }`;
const hashOf = (id: string) => asRoot(db, async (c) =>
  (await c.query("select password_hash from app_private.user_secrets where user_id = $1", [id])).rows[0].password_hash as string);

test("changing the password keeps this device, ends the others, and only the new password logs in", async (t) => {
  const { id, email } = await createUser(db);
  const current = await tokenFor(db, id);
  const other = await tokenFor(db, id);
  const res = await server.gql(CHANGE, { token: current, variables: { current: DEFAULT_PASSWORD, next: "Brand-new-Pass-7" } });
  t.is(res.errors, undefined);
  t.deepEqual(res.data, { changePassword: { success: true } });
  t.is((await server.gql("{ currentUserId }", { token: current })).data?.currentUserId, id);
  const otherRes = await server.gql("{ currentUserId }", { token: other });
  t.is(otherRes.status, 401);
  t.is(errorCode(otherRes), "LOGIN");
  const oldLogin = await server.gql(LOGIN, { variables: { email, password: DEFAULT_PASSWORD } });
  t.is(oldLogin.data?.login.authResult, null);
  const newLogin = await server.gql(LOGIN, { variables: { email, password: "Brand-new-Pass-7" } });
  t.truthy(newLogin.data?.login.authResult.accessToken);
});

for (const [label, current, next, code] of [
  ["a wrong current password", "Wrong-Passw0rd!", "Brand-new-Pass-7", "CREDS"],
  ["a new password breaking the policy", DEFAULT_PASSWORD, "short", "WEAKP"],
  ["the same password again", DEFAULT_PASSWORD, DEFAULT_PASSWORD, "WEAKP"],
] as const) {
  test(`changePassword refuses ${label} with ${code} and changes nothing`, async (t) => {
    const { id } = await createUser(db);
    const token = await tokenFor(db, id);
    const other = await tokenFor(db, id);
    const before = await hashOf(id);
    const res = await server.gql(CHANGE, { token, variables: { current, next } });
    t.is(errorCode(res), code);
    t.is(await hashOf(id), before);
    t.is((await server.gql("{ currentUserId }", { token: other })).data?.currentUserId, id, "no session was revoked");
  });
}

test("changePassword without a session is refused with LOGIN", async (t) => {
  const res = await server.gql(CHANGE, { variables: { current: DEFAULT_PASSWORD, next: "Brand-new-Pass-7" } });
  t.is(errorCode(res), "LOGIN");
});
