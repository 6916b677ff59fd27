// Admin rights need a session that passed two-factor authentication (docs/platform.md, Admin rights) while
// security.admin_requires_2fa is on; the same admin without it is an ordinary user.
import test from "ava";
import { createUser, makeAdmin, tokenFor } from "../helpers/actors.ts";
import { asRoot } from "../helpers/database.ts";
import { useTestServer } from "../helpers/server.ts";

const { db, server } = useTestServer(test);

// Reading another user's contact row needs users.read.
const CONTACT = `query ($id: UUID!) { userContact(userId: $id) { email } }`;

test("an admin's rights apply only in a two-factor session, unless the platform turns the rule off", async (t) => {
  const { id: target, email } = await createUser(db);
  const { id: admin } = await createUser(db);
  await makeAdmin(db, admin, "support");
  const strong = await tokenFor(db, admin, { mfaVerified: true });
  const weak = await tokenFor(db, admin, { mfaVerified: false });

  const seen = async (token: string) =>
    (await server.gql(CONTACT, { token, variables: { id: target } })).data?.userContact?.email ?? null;
  t.is(await seen(strong), email);
  t.is(await seen(weak), null, "without the second factor the admin sees what any user sees");
  const permissions = async (token: string) => (await server.gql("{ currentUserPermissions }", { token })).data;
  t.deepEqual(await permissions(strong), {
    currentUserPermissions: ["deliveries.read", "disputes.read", "disputes.write", "qr.override", "users.read"] });
  t.deepEqual(await permissions(weak), { currentUserPermissions: [] });

  await asRoot(db, (c) => c.query(
    "update app_public.system_configuration set value = 'false' where category = 'security' and key = 'admin_requires_2fa'"));
  t.teardown(() => asRoot(db, (c) => c.query(
    "update app_public.system_configuration set value = 'true' where category = 'security' and key = 'admin_requires_2fa'")));
  t.is(await seen(weak), email, "with the rule off, the password session is enough");
});
