// RLS matrix of request_matches (db/README.md, Checked by npm test): select as anonymous, the request's customer, the
// trip's traveler, another user and an admin; no role may insert, update or delete (only the matching job writes).
import test from "ava";
import { actAs, anonymous, createSignedInMember, makeAdmin, user } from "../helpers/actors.ts";
import { queryAsRoot, useTestDatabase } from "../helpers/database.ts";
import { sqlstate } from "../helpers/errors.ts";
import { createRequestOnEquator, createTripOnEquator, newArea } from "../helpers/marketplace.ts";

const db = useTestDatabase(test);
let customer: string, traveler: string, other: string, admin: string, matchId: string, requestId: string, tripId: string;
test.before(async () => {
  const lng = newArea();
  customer = (await createSignedInMember(db)).id;
  traveler = (await createSignedInMember(db)).id;
  other = (await createSignedInMember(db)).id;
  admin = (await createSignedInMember(db)).id;
  await makeAdmin(db, admin);
  requestId = await createRequestOnEquator(db, customer, lng);
  tripId = await createTripOnEquator(db, traveler, lng);
  await queryAsRoot(db, "select app_private.record_match_candidates($1, null)", [requestId]);
  matchId = (await queryAsRoot<{ id: string }>(db, "select id from app_public.request_matches where request_id = $1", [requestId]))[0]!.id;
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
