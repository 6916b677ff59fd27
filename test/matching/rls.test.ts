// RLS matrix of request_matches (docs/conventions.md §9): select as anonymous, the request's customer, the trip's
// traveler, another user and an admin; no role may insert, update or delete (only the matching job writes).
import test from "ava";
import { actAs, anonymous, createTestDatabase, makeAdmin, sqlstate, user, type TestDatabase } from "../helpers/db.ts";
import { member, newArea, request, root, trip } from "./fixtures.ts";

let db: TestDatabase;
let customer: string, traveler: string, other: string, admin: string, matchId: string, requestId: string, tripId: string;
test.before(async () => {
  db = await createTestDatabase();
  const lng = newArea();
  customer = (await member(db)).id;
  traveler = (await member(db)).id;
  other = (await member(db)).id;
  admin = (await member(db)).id;
  await makeAdmin(db, admin);
  requestId = await request(db, customer, lng);
  tripId = await trip(db, traveler, lng);
  await root(db, "select app_private.record_match_candidates($1, null)", [requestId]);
  matchId = (await root<{ id: string }>(db, "select id from app_public.request_matches where request_id = $1", [requestId]))[0]!.id;
});
test.after.always(async () => {
  await db?.drop();
});

const visible = (actor: Parameters<typeof actAs>[1]) => actAs(db, actor, async (c) =>
  (await c.query("select id from app_public.request_matches where id = $1", [matchId])).rowCount);

test("select: the customer, the traveler and admins; nobody else", async (t) => {
  t.is(await sqlstate(visible(anonymous)), "42501");
  t.is(await visible(user(customer)), 1);
  t.is(await visible(user(traveler)), 1);
  t.is(await visible(user(admin)), 1);
  t.is(await visible(user(other)), 0);
});

for (const [who, actor] of [["customer", () => user(customer)], ["traveler", () => user(traveler)],
  ["admin", () => user(admin)], ["other", () => user(other)], ["anonymous", () => anonymous]] as const) {
  test(`insert, update, delete: refused for ${who}`, async (t) => {
    t.is(await sqlstate(actAs(db, actor(), (c) => c.query(
      "insert into app_public.request_matches (request_id, trip_id, score, detour_km, quoted_price, factors) values ($1, $2, 1, 0, 100, '{}')",
      [requestId, tripId]))), "42501");
    t.is(await sqlstate(actAs(db, actor(), (c) => c.query("update app_public.request_matches set score = 1 where id = $1", [matchId]))), "42501");
    t.is(await sqlstate(actAs(db, actor(), (c) => c.query("delete from app_public.request_matches where id = $1", [matchId]))), "42501");
  });
}
