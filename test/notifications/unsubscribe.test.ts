// unsubscribeEmail(signedToken): the link at the end of every non-security email (docs/notifications.md) switches
// that category's email off for the user it names, without signing in; the token is verified by its HMAC, never
// stored; a tampered, forged or security token is INVAL; nothing else in the preferences changes.
import test from "ava";
import { createMember, createUser, makeAdmin, tokenFor } from "../helpers/actors.ts";
import { queryAsRoot } from "../helpers/database.ts";
import { errorCode } from "../helpers/errors.ts";
import { gqlData } from "../helpers/graphql.ts";
import { useTestServer } from "../helpers/server.ts";

const { db, server } = useTestServer(test);

const UNSUBSCRIBE = `mutation ($token: String!) { unsubscribeEmail(input: { signedToken: $token }) { category } }`;

/** The link of an email notification queued for the user in the template's category. */
async function linkFor(userId: string, template = "offer_countered"): Promise<string | null> {
  await queryAsRoot(db, "select app_hidden.notify($1, $2, $3::jsonb, 'urgent')",
    [userId, template, JSON.stringify({ request_title: "Books", amount: "12.00", currency: "EUR" })]);
  const [row] = await queryAsRoot<{ link: string | null }>(db,
    `select app_private.email_unsubscribe_link(n.id) as link from app_public.notifications n
      where n.user_id = $1 and n.channel = 'email' order by n.created_at desc limit 1`, [userId]);
  return row!.link;
}

test.serial("a visitor following the link switches that category's email off for the user it names", async (t) => {
  const { id } = await createUser(db);
  const link = (await linkFor(id))!;
  const token = new URL(link).searchParams.get("token")!;
  const [category] = token.split(".").slice(1);
  const res = await server.gql(UNSUBSCRIBE, { variables: { token } });
  t.is(res.data?.unsubscribeEmail.category, category);
  const [prefs] = await queryAsRoot<{ categories: Record<string, Record<string, boolean>>; email_enabled: boolean }>(db,
    "select categories, email_enabled from app_public.notification_preferences where user_id = $1", [id]);
  t.is(prefs!.categories.email![category!], false);
  t.true(prefs!.email_enabled, "other categories still send");
  // Following it again is harmless; the user may switch it back on.
  t.falsy((await server.gql(UNSUBSCRIBE, { variables: { token } })).errors);
  const userToken = await tokenFor(db, id);
  const on = await server.gql(`mutation ($c: JSON!) { updateNotificationPreferences(input: { categories: $c }) { clientMutationId } }`,
    { token: userToken, variables: { c: { email: { [category!]: true } } } });
  t.falsy(on.errors, JSON.stringify(on.errors));
  // And the next notify of that category queues no email once off again.
  await server.gql(UNSUBSCRIBE, { variables: { token } });
  const before = await queryAsRoot<{ n: number }>(db,
    "select count(*)::int as n from app_public.notifications where user_id = $1 and channel = 'email'", [id]);
  await linkFor(id);
  const after = await queryAsRoot<{ n: number }>(db,
    "select count(*)::int as n from app_public.notifications where user_id = $1 and channel = 'email'", [id]);
  t.is(after[0]!.n, before[0]!.n, "no email queued for the category");
});

test.serial("tampered, forged and security tokens are INVAL; security emails have no link", async (t) => {
  const { id } = await createUser(db);
  const other = await createUser(db);
  const token = new URL((await linkFor(id))!).searchParams.get("token")!;
  const [, category, signature] = token.split(".");
  const cases = [
    ["another user", `${other.id}.${category}.${signature}`],
    ["another category", `${id}.promotional.${signature}`],
    ["a changed signature", `${id}.${category}.${"0".repeat(64)}`],
    ["the security category", `${id}.security.${signature}`],
    ["garbage", "not-a-token"],
  ];
  for (const [name, bad] of cases) {
    t.is(errorCode(await server.gql(UNSUBSCRIBE, { variables: { token: bad } })), "INVAL", name);
  }
  const [prefs] = await queryAsRoot<{ categories: Record<string, unknown> }>(db,
    "select categories from app_public.notification_preferences where user_id = $1", [other.id]);
  t.not((prefs!.categories.email as Record<string, boolean> | undefined)?.[category!], false, "the other user is untouched");
  t.is(await linkFor(id, "password_changed"), null);
});

test.serial("rotateUnsubscribeKey: links already sent work through the grace period, or stop at once when revoked", async (t) => {
  const ROTATE = `mutation ($revoke: Boolean) { rotateUnsubscribeKey(input: { revokePrevious: $revoke }) { rotatedAt } }`;
  const admin = await createMember(db, "both");
  await makeAdmin(db, admin, "admin");
  const adminToken = await tokenFor(db, admin, { mfaVerified: true });
  const support = await createMember(db, "both");
  await makeAdmin(db, support, "support");
  for (const token of [undefined, await tokenFor(db, support, { mfaVerified: true }), await tokenFor(db, admin, { mfaVerified: false })]) {
    t.is(errorCode(await server.gql(ROTATE, { token })), "DNIED", "system.write in a two-factor session only");
  }
  const tokenOf = async (userId: string) => new URL((await linkFor(userId))!).searchParams.get("token")!;
  const follow = async (token: string) => errorCode(await server.gql(UNSUBSCRIBE, { variables: { token } })) ?? "ok";

  const { id } = await createUser(db);
  const before = await tokenOf(id);
  const rotated = await server.gql(ROTATE, { token: adminToken });
  t.falsy(rotated.errors, JSON.stringify(rotated.errors));
  const after = await tokenOf(id);
  t.not(after, before, "new links are signed with the new key");
  t.is(await follow(before), "ok", "a link sent before the rotation still works");
  t.is(await follow(after), "ok");

  // One key is kept besides the current one: rotating again within the grace period would break the links it signed.
  const again = await server.gql(ROTATE, { token: adminToken });
  t.is(errorCode(again), "BADST");
  t.regex(again.errors![0]!.message, /^The previous unsubscribe key still verifies links until \d{4}-\d\d-\d\d \d\d:\d\d UTC: rotate again then, or with revoke_previous$/);
  t.is(await follow(before), "ok", "nothing changed");

  // Past notifications.unsubscribe_key_grace_days (30), only the new key verifies.
  await queryAsRoot(db, "update app_private.email_unsubscribe_keys set rotated_at = now() - interval '31 days'");
  t.is(await follow(before), "INVAL", "the old key expired");
  t.is(await follow(after), "ok");

  // A leaked key: revoked at once, whatever the grace period.
  const { id: other } = await createUser(db);
  const leaked = await tokenOf(other);
  await gqlData(server, ROTATE, { token: adminToken, variables: { revoke: true } });
  t.is(await follow(leaked), "INVAL");
  t.is(await follow(await tokenOf(other)), "ok");
  const [key] = await queryAsRoot(db, "select previous_key is null as revoked, length(key) as bytes from app_private.email_unsubscribe_keys");
  t.deepEqual(key, { revoked: true, bytes: 32 });
});
