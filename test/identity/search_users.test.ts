// search_users(q) (docs/identity.md): name search for signed-in users that never shows hidden accounts, the
// caller, or anyone a block separates from the caller (in either direction).
import test from "ava";
import { blockUser, createUser, tokenFor } from "../helpers/actors.ts";
import { asRoot } from "../helpers/database.ts";
import { errorCode } from "../helpers/errors.ts";
import { useTestServer } from "../helpers/server.ts";

const { db, server } = useTestServer(test);

const SEARCH = `query ($q: String!) { searchUsers(q: $q) { nodes { rowId displayName } } }`;

test("finds active users by part of their name, best match first, leaving out self, hidden and blocked accounts", async (t) => {
  const { id: me } = await createUser(db, { firstName: "Quintessa", lastName: "Zor" });
  const { id: exact } = await createUser(db, { firstName: "Quinn", lastName: "Abbott" });
  const { id: partial } = await createUser(db, { firstName: "Quinnella", lastName: "Baker" });
  const { id: blockedByMe } = await createUser(db, { firstName: "Quinnby", lastName: "Cole" });
  const { id: blockingMe } = await createUser(db, { firstName: "Quinnton", lastName: "Dee" });
  await createUser(db, { firstName: "Quinnpending", lastName: "Eve", status: "pending" });
  await createUser(db, { firstName: "Quinnbanned", lastName: "Fox", status: "banned" });
  await blockUser(db, me, blockedByMe, "spam");
  await blockUser(db, blockingMe, me, "spam");
  const token = await tokenFor(db, me);

  const res = await server.gql(SEARCH, { token, variables: { q: "quinn" } });
  t.is(res.errors, undefined);
  t.deepEqual(res.data!.searchUsers.nodes, [
    { rowId: exact, displayName: "Quinn A." },
    { rowId: partial, displayName: "Quinnella B." },
  ]);
  const wildcard = await server.gql(SEARCH, { token, variables: { q: "%_" } });
  t.deepEqual(wildcard.data!.searchUsers.nodes, [], "LIKE wildcards are taken literally");
});

test("search needs a session and 2 to 100 characters", async (t) => {
  const anonymous = await server.gql(SEARCH, { variables: { q: "quinn" } });
  t.is(errorCode(anonymous), "DNIED");
  const { id } = await createUser(db);
  const token = await tokenFor(db, id);
  for (const q of ["a", " b ", "x".repeat(101)]) {
    t.is(errorCode(await server.gql(SEARCH, { token, variables: { q } })), "INVAL", q);
  }
});

test("the name search is served by the trigram index", async (t) => {
  const plan = await asRoot(db, async (c) => {
    await c.query("begin; set local enable_seqscan = off");
    const rows = (await c.query(
      "explain select id from app_public.users where (first_name || ' ' || display_name) ilike '%quinn%'")).rows;
    await c.query("rollback");
    return rows.map((r) => r["QUERY PLAN"]).join("\n");
  });
  t.regex(plan, /users_names_trgm_idx/);
});
