// RLS matrix for the identity tables: anonymous, the owner, another user and an admin × select / insert /
// update / delete. Denied writes raise 42501 (missing grant) or touch zero rows (hidden by a policy).
import test from "ava";
import { actAs, anonymous, blockUser, createUser, makeAdmin, tokenFor, user } from "../helpers/actors.ts";
import { asRoot, useTestDatabase } from "../helpers/database.ts";
import { sqlstate } from "../helpers/errors.ts";
import { startTestServer, type TestServer } from "../helpers/server.ts";

const db = useTestDatabase(test);
let a: string;
let b: string;
let pending: string;
let admin: string;
test.before(async () => {
  a = (await createUser(db, { email: "a@example.test", firstName: "Alice" })).id;
  b = (await createUser(db, { email: "b@example.test", firstName: "Bob" })).id;
  pending = (await createUser(db, { email: "p@example.test", status: "pending" })).id;
  admin = (await createUser(db, { email: "admin@example.test" })).id;
  await makeAdmin(db, admin, "support");
});

/** Other tests in this file create users concurrently: look only at the fixtures. */
const FIXTURES = "id = any($1)";
const fixtures = () => [a, b, pending, admin];
const ids = (rows: Array<{ id?: string; user_id?: string }>) => rows.map((r) => r.id ?? r.user_id).sort();

test("users: anonymous has no access at all", async (t) => {
  await actAs(db, anonymous, async (c) => {
    t.is(await sqlstate(c.query("select * from app_public.users")), "42501");
  });
});

test("users: a user sees active users and themselves, never other pending accounts", async (t) => {
  await actAs(db, user(a), async (c) => {
    const { rows } = await c.query(`select id from app_public.users where ${FIXTURES}`, [fixtures()]);
    t.deepEqual(ids(rows), [a, b, admin].sort());
  });
  await actAs(db, user(pending), async (c) => {
    const { rows } = await c.query("select id from app_public.users where id = $1", [pending]);
    t.is(rows.length, 1, "a pending user sees their own row");
  });
});

test("users: an admin with users.read sees every account", async (t) => {
  await actAs(db, user(admin), async (c) => {
    const { rows } = await c.query(`select id from app_public.users where ${FIXTURES}`, [fixtures()]);
    t.deepEqual(ids(rows), [a, b, pending, admin].sort());
  });
});

test("users: a user updates their own name, never someone else's", async (t) => {
  await actAs(db, user(a), async (c) => {
    const own = await c.query("update app_public.users set first_name = 'Alicia' where id = $1 returning display_name", [a]);
    t.deepEqual(own.rows, [{ display_name: "Alicia U." }]);
    const other = await c.query("update app_public.users set first_name = 'Hacked' where id = $1 returning id", [b]);
    t.is(other.rowCount, 0);
  });
});

test("users: protected columns, inserts and deletes are refused with 42501", async (t) => {
  await actAs(db, user(a), async (c) => {
    for (const sql of [
      "update app_public.users set verification_level = 'fully_verified' where id = $1",
      "update app_public.users set status = 'active' where id = $1",
      "update app_public.users set display_name = 'Fake' where id = $1",
      "delete from app_public.users where id = $1",
    ]) {
      await c.query("savepoint s");
      t.is(await sqlstate(c.query(sql, [a])), "42501", sql);
      await c.query("rollback to savepoint s");
    }
    t.is(await sqlstate(c.query("insert into app_public.users (first_name, display_name) values ('X', 'X')")), "42501");
  });
  await actAs(db, user(admin), async (c) => {
    t.is(await sqlstate(c.query("update app_public.users set status = 'banned' where id = $1", [a])), "42501",
      "admins change accounts through functions, not direct writes");
  });
});

test("user_contacts: only the owner and admins read them", async (t) => {
  await actAs(db, anonymous, async (c) => {
    t.is(await sqlstate(c.query("select * from app_public.user_contacts")), "42501");
  });
  await actAs(db, user(a), async (c) => {
    const { rows } = await c.query("select user_id, email from app_public.user_contacts");
    t.deepEqual(rows, [{ user_id: a, email: "a@example.test" }]);
  });
  await actAs(db, user(admin), async (c) => {
    const { rows } = await c.query("select user_id from app_public.user_contacts where user_id = any($1)", [fixtures()]);
    t.deepEqual(ids(rows), [a, b, pending, admin].sort());
  });
});

test("user_contacts: the owner changes the last name only; others change nothing", async (t) => {
  await actAs(db, user(a), async (c) => {
    const own = await c.query("update app_public.user_contacts set last_name = 'Smith' where user_id = $1 returning last_name", [a]);
    t.is(own.rowCount, 1);
    const display = await c.query("select display_name from app_public.users where id = $1", [a]);
    t.is(display.rows[0].display_name, "Alice S.", "the public name follows the last name");
    const other = await c.query("update app_public.user_contacts set last_name = 'X' where user_id = $1 returning 1", [b]);
    t.is(other.rowCount, 0);
    await c.query("savepoint s");
    t.is(await sqlstate(c.query("update app_public.user_contacts set email = 'evil@example.test' where user_id = $1", [a])), "42501");
    await c.query("rollback to savepoint s");
    t.is(await sqlstate(c.query("delete from app_public.user_contacts where user_id = $1", [a])), "42501");
  });
});

test("app_private tables are closed to every API role", async (t) => {
  for (const actor of [anonymous, user(a), user(admin)]) {
    for (const table of ["user_secrets", "sessions", "emails", "admin_users"]) {
      await actAs(db, actor, async (c) => {
        t.is(await sqlstate(c.query(`select * from app_private.${table}`)), "42501", `${actor.kind} ${table}`);
      });
    }
  }
});

test("system_configuration: public rows for everyone, all rows for system.read admins, writes for no one", async (t) => {
  const visible = (actorRows: Array<{ key: string }>) => actorRows.map((r) => r.key);
  await actAs(db, anonymous, async (c) => {
    const keys = visible((await c.query("select key from app_public.system_configuration")).rows);
    t.true(keys.includes("registration_enabled"));
    t.false(keys.includes("bcrypt_cost"));
    t.is(await sqlstate(c.query("update app_public.system_configuration set value = 'false'")), "42501");
  });
  const systemAdmin = (await createUser(db)).id;
  await makeAdmin(db, systemAdmin, "admin");
  await actAs(db, user(systemAdmin), async (c) => {
    t.true(visible((await c.query("select key from app_public.system_configuration")).rows).includes("bcrypt_cost"));
    t.is(await sqlstate(c.query("delete from app_public.system_configuration")), "42501");
  });
});

test("over GraphQL, user A cannot read B's email or change B's profile", async (t) => {
  const server: TestServer = await startTestServer(db);
  try {
    const token = await tokenFor(db, a);
    const contacts = await server.gql("{ userContacts { nodes { userId email } } }", { token });
    t.deepEqual(contacts.data!.userContacts.nodes, [{ userId: a, email: "a@example.test" }]);
    const byEmail = await server.gql('{ userContactByEmail(email: "b@example.test") { userId } }', { token });
    t.is(byEmail.data!.userContactByEmail, null);
    const update = await server.gql(`mutation { updateUser(input: { rowId: "${b}", patch: { firstName: "Hacked" } }) { user { rowId } } }`,
      { token });
    t.deepEqual(update.data, { updateUser: { user: null } }, "RLS hides B's row from the update: zero rows");
    const bobName = await server.gql(`{ user(rowId: "${b}") { firstName } }`, { token });
    t.is(bobName.data!.user.firstName, "Bob");
  } finally {
    await server.close();
  }
});

// searchUsers runs as security definer so that the trigram index applies under RLS (db/functions/identity/
// search_users.sql); it restates the users policy. Both must agree: the search finds exactly the accounts the table
// shows the caller, less the caller and anyone a block separates from them.
test("searchUsers finds exactly the accounts the users policy shows, less oneself and blocks", async (t) => {
  const name = (label: string) => ({ firstName: `Xavarra${label}` });
  const accounts = {
    active: (await createUser(db, name("active"))).id,
    pending: (await createUser(db, { ...name("pending"), status: "pending" })).id,
    suspended: (await createUser(db, { ...name("suspended"), status: "suspended" })).id,
    deleted: (await createUser(db, name("deleted"))).id,
    blockedBySearcher: (await createUser(db, name("blocked"))).id,
    blockingSearcher: (await createUser(db, name("blocking"))).id,
  };
  await asRoot(db, (c) => c.query("update app_public.users set deleted_at = now() where id = $1", [accounts.deleted]));
  const searcher = (await createUser(db, name("searcher"))).id;
  await blockUser(db, searcher, accounts.blockedBySearcher);
  await blockUser(db, accounts.blockingSearcher, searcher);
  const all = [...Object.values(accounts), searcher];

  const seen = (viewer: string) => actAs(db, user(viewer), async (c) => ({
    table: ids((await c.query("select id from app_public.users where id = any($1) and id <> $2", [all, viewer])).rows),
    search: ids((await c.query("select id from app_public.search_users('Xavarra') where id = any($1)", [all])).rows),
  }));
  const forSearcher = await seen(searcher);
  t.deepEqual(forSearcher.search,
    forSearcher.table.filter((id) => id !== accounts.blockedBySearcher && id !== accounts.blockingSearcher));
  t.deepEqual(forSearcher.search, [accounts.active]);
  const forAdmin = await seen(admin);
  t.deepEqual(forAdmin.search, forAdmin.table, "admins with users.read find every account, as they read them");
  t.deepEqual(forAdmin.search, all.sort());
});
