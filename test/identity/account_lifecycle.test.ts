// Deactivation and deletion (docs/identity.md): password and reason, sessions revoked, open items refuse deletion,
// personal data scrubbed at once where nothing needs it and anonymised after the retention period.
import test from "ava";
import jwt from "jsonwebtoken";
import { addAddress, createUser, DEFAULT_PASSWORD, makeAdmin, openSession, tokenFor } from "../helpers/actors.ts";
import { asRoot } from "../helpers/database.ts";
import { errorCode } from "../helpers/errors.ts";
import { readyFile } from "../helpers/files.ts";
import { useTestServer } from "../helpers/server.ts";
import { setTimesAgo } from "../helpers/time.ts";

const { db, server } = useTestServer(test);

const DEACTIVATE = `mutation ($password: String!, $reason: String!) {
  deactivateAccount(input: { password: $password, reason: $reason }) { success } }`;
const DELETE = `mutation ($password: String!, $reason: String!) {
  deleteAccount(input: { password: $password, reason: $reason }) { success } }`;

const liveSessions = (id: string) => asRoot(db, async (c) =>
  (await c.query("select count(*)::int as n from app_private.sessions where user_id = $1 and revoked_at is null", [id])).rows[0].n as number);
const account = (id: string) => asRoot(db, async (c) => (await c.query(
  "select status, deactivated_at, deleted_at, bio, picture_id, first_name, display_name from app_public.users where id = $1", [id])).rows[0]);

test("deactivateAccount: status deactivated, every device signed out, reason kept server-side", async (t) => {
  const { id } = await createUser(db);
  const token = await tokenFor(db, id);
  await tokenFor(db, id);
  t.is(await liveSessions(id), 2);
  const res = await server.gql(DEACTIVATE, { token, variables: { password: DEFAULT_PASSWORD, reason: "Taking a break" } });
  t.deepEqual(res.data, { deactivateAccount: { success: true } });
  t.like(await account(id), { status: "deactivated", deleted_at: null });
  t.truthy((await account(id)).deactivated_at);
  t.is(await liveSessions(id), 0);
  const after = await server.gql("{ currentUser { rowId } }", { token });
  t.is(after.status, 401, "the token stops working on the next request");
  const closure = await asRoot(db, async (c) => (await c.query("select kind, reason from app_private.account_closures where user_id = $1", [id])).rows);
  t.deepEqual(closure, [{ kind: "deactivated", reason: "Taking a break" }]);
});

test("deactivateAccount and deleteAccount refuse a wrong password with CREDS and change nothing", async (t) => {
  const { id } = await createUser(db);
  const token = await tokenFor(db, id);
  for (const mutation of [DEACTIVATE, DELETE]) {
    const res = await server.gql(mutation, { token, variables: { password: "Wrong-passw0rd", reason: "Bye" } });
    t.is(errorCode(res), "CREDS");
  }
  t.like(await account(id), { status: "active", deactivated_at: null, deleted_at: null });
  t.is(await liveSessions(id), 1);
});

test("an empty or over-long reason is refused with INVAL", async (t) => {
  const { id } = await createUser(db);
  const token = await tokenFor(db, id);
  for (const reason of ["   ", "x".repeat(1001)]) {
    for (const mutation of [DEACTIVATE, DELETE]) {
      const res = await server.gql(mutation, { token, variables: { password: DEFAULT_PASSWORD, reason } });
      t.is(errorCode(res), "INVAL");
    }
  }
});

test("a suspended account cannot deactivate itself out of the suspension (BADST)", async (t) => {
  const { id } = await createUser(db, { status: "suspended" });
  const res = await server.gql(DEACTIVATE, { token: await tokenFor(db, id), variables: { password: DEFAULT_PASSWORD, reason: "Escape" } });
  t.is(errorCode(res), "BADST");
  t.is((await account(id)).status, "suspended");
});

test("deleteAccount: hidden at once, sessions revoked, non-essential data scrubbed, contacts kept until anonymisation", async (t) => {
  const { id, email } = await createUser(db, { firstName: "Dora", lastName: "Dunn" });
  const { id: friend } = await createUser(db);
  const [picture, image] = [await readyFile(db, id, "avatar"), await readyFile(db, id, "verification_document")];
  await asRoot(db, async (c) => {
    await c.query("update app_public.users set bio = 'About me', picture_id = $2, user_type = 'both' where id = $1", [id, picture]);
    await c.query("insert into app_public.user_favorites (user_id, traveler_id) values ($1, $2)", [friend, id]);
    await c.query("insert into app_public.user_verification_documents (user_id, document_type, front_image_id) values ($1, 'other', $2)", [id, image]);
  });
  await addAddress(db, id);
  const token = await tokenFor(db, id);
  const res = await server.gql(DELETE, { token, variables: { password: DEFAULT_PASSWORD, reason: "Moving away" } });
  t.deepEqual(res.data, { deleteAccount: { success: true } });

  t.like(await account(id), { status: "deactivated", bio: null, picture_id: null, first_name: "Dora" });
  const files = await asRoot(db, async (c) => (await c.query("select id from app_public.files where owner_id = $1", [id])).rows);
  t.deepEqual(files, [{ id: image }], "the picture goes at once; the document's image waits for the anonymisation");
  t.truthy((await account(id)).deleted_at);
  t.is(await liveSessions(id), 0);
  const counts = await asRoot(db, async (c) => (await c.query(
    `select (select count(*)::int from app_public.user_addresses where user_id = $1) as addresses,
            (select count(*)::int from app_public.user_favorites where traveler_id = $1) as favorites,
            (select status from app_public.user_verification_documents where user_id = $1) as document,
            (select email from app_public.user_contacts where user_id = $1) as email`, [id])).rows[0]);
  t.deepEqual(counts, { addresses: 0, favorites: 0, document: "expired", email });

  const seen = await server.gql(`{ userProfile(rowId: "${id}") { rowId } }`, { token: await tokenFor(db, friend) });
  t.is(seen.data!.userProfile, null, "a deleted account disappears for other users");
});

test("anonymise_deleted_users scrubs personal data after retention.anonymise_days, once", async (t) => {
  const { id } = await createUser(db, { firstName: "Eve", lastName: "Evans" });
  const { id: recent } = await createUser(db);
  const image = await readyFile(db, id, "verification_document");
  await asRoot(db, async (c) => {
    await c.query("update app_public.user_contacts set phone_number = '+4915112345678', phone_verified_at = now(), date_of_birth = '1990-01-01' where user_id = $1", [id]);
    await c.query("insert into app_public.user_verification_documents (user_id, document_type, front_image_id) values ($1, 'other', $2)", [id, image]);
  });
  // An item photo never attached to anything goes with the account too (attached evidence stays with its delivery:
  // test/files/attachments.test.ts).
  await readyFile(db, id, "item_photo");
  for (const who of [id, recent]) {
    const res = await server.gql(DELETE, { token: await tokenFor(db, who), variables: { password: DEFAULT_PASSWORD, reason: "Done" } });
    t.is(res.errors, undefined);
  }
  await setTimesAgo(db, "app_public.users", id, { deleted_at: "31 days" });
  const run = () => asRoot(db, async (c) => (await c.query("select app_private.anonymise_deleted_users() as n")).rows[0].n as number);
  t.is(await run(), 1, "only the account past the retention period");
  t.is(await run(), 0, "idempotent");

  const row = await asRoot(db, async (c) => (await c.query(
    `select u.first_name, u.display_name, c.email, c.last_name, c.phone_number, c.phone_verified_at, c.date_of_birth,
            (select count(*)::int from app_private.user_secrets s where s.user_id = u.id) as secrets,
            (select count(*)::int from app_public.user_verification_documents d where d.user_id = u.id) as documents,
            (select count(*)::int from app_public.files f where f.owner_id = u.id) as files,
            (select count(*)::int from app_public.user_statistics s where s.user_id = u.id) as statistics
       from app_public.users u join app_public.user_contacts c on c.user_id = u.id where u.id = $1`, [id])).rows[0]);
  t.deepEqual(row, { first_name: "Deleted", display_name: "Deleted", email: `deleted-${id}@deleted.invalid`, last_name: null,
    phone_number: null, phone_verified_at: null, date_of_birth: null, secrets: 0, documents: 0, files: 0, statistics: 1 });
  const untouched = await asRoot(db, async (c) => (await c.query("select first_name from app_public.users where id = $1", [recent])).rows[0]);
  t.is(untouched.first_name, "Test");
});

test("deleteAccount is refused with BADST while something is open (an active admin role today)", async (t) => {
  const { id } = await createUser(db);
  await makeAdmin(db, id, "support");
  const res = await server.gql(DELETE, { token: await tokenFor(db, id), variables: { password: DEFAULT_PASSWORD, reason: "Leaving" } });
  t.is(errorCode(res), "BADST");
  t.regex(res.errors![0]!.message, /admin role/);
  t.is((await account(id)).deleted_at, null);
});

test("deleteAccount honours every open item that later domains add to account_open_items", async (t) => {
  const { id } = await createUser(db);
  const code = await asRoot(db, async (c) => {
    await c.query("begin");
    try {
      // What a later issue does: extend the check (here inside a rolled-back transaction).
      await c.query(`create or replace function app_hidden.account_open_items(user_id uuid) returns setof text
        language sql stable set search_path = pg_catalog, public, pg_temp
        as $$ select 'a delivery in progress' $$`);
      const sessionId = await openSession(c, id);
      await c.query("select set_config('jwt.claims.session_id', $1, true)", [sessionId]);
      await c.query("set local role app_user");
      await c.query("select app_public.delete_account($1, 'Leaving')", [DEFAULT_PASSWORD]);
      return undefined;
    } catch (error) {
      return (error as { code?: string; message: string });
    } finally {
      await c.query("rollback");
    }
  });
  t.is(code?.code, "BADST");
  t.regex(code!.message, /a delivery in progress/);
  t.is((await account(id)).deleted_at, null);
});

test("the session of a deactivated account is gone: the old token gets LOGIN", async (t) => {
  const { id } = await createUser(db);
  const token = await tokenFor(db, id);
  const sessionId = (jwt.decode(token) as jwt.JwtPayload).session_id as string;
  await server.gql(DEACTIVATE, { token, variables: { password: DEFAULT_PASSWORD, reason: "Pause" } });
  const revokedAt = await asRoot(db, async (c) => (await c.query("select revoked_at from app_private.sessions where id = $1", [sessionId])).rows[0].revoked_at);
  t.truthy(revokedAt);
  const res = await server.gql("{ currentUser { rowId } }", { token });
  t.is(errorCode(res), "LOGIN");
});

const LOGIN = `mutation ($email: String!, $password: String!) {
  login(input: { email: $email, password: $password }) { authResult { accessToken } } }`;

test("signing in within auth.reactivation_days undoes a deactivation; later, or after deletion, it does not", async (t) => {
  const soon = await createUser(db);
  const late = await createUser(db);
  const deleted = await createUser(db);
  for (const u of [soon, late]) {
    const res = await server.gql(DEACTIVATE, { token: await tokenFor(db, u.id), variables: { password: DEFAULT_PASSWORD, reason: "Break" } });
    t.deepEqual(res.data, { deactivateAccount: { success: true } });
  }
  const del = await server.gql(DELETE, { token: await tokenFor(db, deleted.id), variables: { password: DEFAULT_PASSWORD, reason: "Leaving" } });
  t.deepEqual(del.data, { deleteAccount: { success: true } });
  await setTimesAgo(db, "app_public.users", late.id, { deactivated_at: "31 days" });

  const back = await server.gql(LOGIN, { variables: { email: soon.email, password: DEFAULT_PASSWORD } });
  t.truthy(back.data?.login.authResult.accessToken);
  t.like(await account(soon.id), { status: "pending", deactivated_at: null }, "pending again: its email was never verified");

  for (const u of [late, deleted]) {
    const refused = await server.gql(LOGIN, { variables: { email: u.email, password: DEFAULT_PASSWORD } });
    t.is(refused.data?.login.authResult, null);
    t.is((await account(u.id)).status, "deactivated");
  }
});
