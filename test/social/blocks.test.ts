// What a block does to the marketplace (docs/social.md, docs/offers.md): the pending offer threads between the two
// users are declined (reason blocked) in the blocking transaction, whichever side is the customer; trips are hidden
// from each other in both directions by the trips policy, which stays one hashed set per statement.
import test from "ava";
import { actAs, createUser, makeAdmin, openSession, tokenFor, user } from "../helpers/actors.ts";
import { asRoot } from "../helpers/database.ts";
import { createMember, createRequest, createTrip } from "../helpers/marketplace.ts";
import { useTestServer } from "../helpers/server.ts";

const { db, server } = useTestServer(test);

const code = (res: { errors?: Array<{ extensions?: { code?: string } }> }) => res.errors?.[0]?.extensions?.code;
const BLOCK = `mutation ($id: UUID!) { blockUser(input: { userId: $id, reason: harassment }) { userBlock { blockedId } } }`;
const SUBMIT = `mutation ($request: UUID!, $trip: UUID!) {
  submitOffer(input: { requestId: $request, tripId: $trip, price: "3000" }) { deliveryOffer { rowId status } } }`;
const DECLINE = `mutation ($offer: UUID!) {
  declineOffer(input: { offerId: $offer, reason: blocked }) { deliveryOffer { status } } }`;

async function offer(travelerId: string, requestId: string, tripId: string): Promise<string> {
  const res = await server.gql(SUBMIT, { token: await tokenFor(db, travelerId), variables: { request: requestId, trip: tripId } });
  if (!res.data?.submitOffer) throw new Error(`submitOffer failed: ${JSON.stringify(res.errors)}`);
  return res.data.submitOffer.deliveryOffer.rowId as string;
}

const offerState = (ids: string[]) => asRoot(db, async (c) => (await c.query(
  `select status, decline_reason, closed_by from app_public.delivery_offers where id = any($1)
    order by array_position($1, id)`, [ids])).rows);
const requestStatus = (id: string) => asRoot(db, async (c) =>
  (await c.query("select status from app_public.delivery_requests where id = $1", [id])).rows[0].status as string);

test("blocking declines the pending offers between the two, both ways, in the blocking transaction", async (t) => {
  // Ann and Ben both carry and send items; Cat is a third traveler.
  const ann = await createMember(db, "both");
  const ben = await createMember(db, "both");
  const cat = await createMember(db, "traveler");
  const annRequest = await createRequest(db, ann);
  const benRequest = await createRequest(db, ben);
  const benOnAnn = await offer(ben, annRequest, await createTrip(db, ben));
  const annOnBen = await offer(ann, benRequest, await createTrip(db, ann));
  const catOnAnn = await offer(cat, annRequest, await createTrip(db, cat));

  // Inside the blocking transaction the threads are already declined; rolled back, nothing happened.
  const inside = await actAs(db, user(ann), async (c) => {
    await c.query("select app_public.block_user($1)", [ben]);
    return (await c.query("select status from app_public.delivery_offers where id = any($1)", [[benOnAnn, annOnBen]])).rows
      .map((r) => r.status as string);
  });
  t.deepEqual(inside, ["declined", "declined"]);
  t.deepEqual((await offerState([benOnAnn, annOnBen])).map((r) => r.status), ["pending", "pending"], "rolled back with the block");

  t.is((await server.gql(BLOCK, { token: await tokenFor(db, ann), variables: { id: ben } })).errors, undefined);
  t.deepEqual(await offerState([benOnAnn, annOnBen, catOnAnn]), [
    { status: "declined", decline_reason: "blocked", closed_by: null },
    { status: "declined", decline_reason: "blocked", closed_by: null },
    { status: "pending", decline_reason: null, closed_by: null },
  ], "Ann's request keeps Cat's offer; Ben's request loses Ann's, whoever blocked");
  t.is(await requestStatus(annRequest), "matched", "still a live offer from Cat");
  t.is(await requestStatus(benRequest), "pending", "no live offer left");
});

test("a block inserted directly (the table's insert grant) declines the offers too", async (t) => {
  const customer = await createMember(db, "customer", "email_verified");
  const traveler = await createMember(db, "traveler");
  const request = await createRequest(db, customer);
  const thread = await offer(traveler, request, await createTrip(db, traveler));
  await asRoot(db, async (c) => {
    await c.query("begin");
    await c.query("select set_config('jwt.claims.session_id', $1, true)", [await openSession(c, traveler)]);
    await c.query("set local role app_user");
    await c.query("insert into app_public.user_blocks (blocked_id) values ($1)", [customer]);
    await c.query("commit");
  });
  t.like((await offerState([thread]))[0], { status: "declined", decline_reason: "blocked" });
});

test("declineOffer refuses the platform's reason blocked", async (t) => {
  const customer = await createMember(db, "customer", "email_verified");
  const traveler = await createMember(db, "traveler");
  const thread = await offer(traveler, await createRequest(db, customer), await createTrip(db, traveler));
  t.is(code(await server.gql(DECLINE, { token: await tokenFor(db, customer), variables: { offer: thread } })), "INVAL");
  t.is((await offerState([thread]))[0]!.status, "pending");
});

test("trips are hidden across a block in both directions (reads and searchTrips); others and admins still see them", async (t) => {
  const blocker = await createMember(db, "both");
  const blocked = await createMember(db, "both");
  const { id: stranger } = await createUser(db);
  const { id: admin } = await createUser(db);
  await makeAdmin(db, admin, "support");
  const blockedTrip = await createTrip(db, blocked);
  const blockerTrip = await createTrip(db, blocker);
  await server.gql(BLOCK, { token: await tokenFor(db, blocker), variables: { id: blocked } });

  const TRIP = `query ($id: UUID!) { trip(rowId: $id) { rowId } }`;
  const SEARCH = `query { searchTrips(origin: { type: "Point", coordinates: [2.3522, 48.8566] }, radiusKm: 5) { nodes { rowId } } }`;
  const sees = async (viewer: string, tripId: string) => {
    const token = await tokenFor(db, viewer);
    const read = (await server.gql(TRIP, { token, variables: { id: tripId } })).data?.trip?.rowId === tripId;
    const found = ((await server.gql(SEARCH, { token })).data!.searchTrips.nodes as Array<{ rowId: string }>)
      .some((n) => n.rowId === tripId);
    t.is(read, found, "a read and the search agree");
    return read;
  };
  t.false(await sees(blocker, blockedTrip), "the blocker does not see the blocked user's trip");
  t.false(await sees(blocked, blockerTrip), "nor the other way round");
  t.true(await sees(stranger, blockedTrip));
  t.true(await sees(stranger, blockerTrip));
  t.true(await sees(admin, blockedTrip), "admins with deliveries.read see every trip");
  t.true(await sees(blocked, blockedTrip), "one's own trips always");
});

test("the block rule of the trips policy is one set per statement (hashed), and indexes still serve the reads", async (t) => {
  const blocker = await createMember(db, "customer", "email_verified");
  const travelers: string[] = [];
  for (let i = 0; i < 20; i++) travelers.push(await createMember(db, "traveler"));
  await asRoot(db, async (c) => {
    await c.query(`alter table app_public.trips disable trigger _900_enqueue_matching`);
    await c.query(`
      insert into app_public.trips (traveler_id, title, trip_type, origin_address, origin_point, destination_address,
        destination_point, departure_time, arrival_time, capacity_weight_kg, available_weight_kg, capacity_volume_l,
        available_volume_l, capacity_items, available_items, currency, base_price)
      select ($1::uuid[])[1 + g % 20], 'Filler', 'car', 'o', public.st_makepoint(g % 90, 10)::public.geography, 'd',
             public.st_makepoint(g % 90, 11)::public.geography, now() + (g % 500) * interval '1 hour' + interval '3 hours',
             now() + (g % 500) * interval '1 hour' + interval '9 hours', 10, 10, 50, 50, 5, 5, 'USD', 1000
        from generate_series(1, 4000) g`, [travelers]);
    await c.query(`alter table app_public.trips enable trigger _900_enqueue_matching`);
    await c.query("insert into app_public.user_blocks (blocker_id, blocked_id) values ($1, $2), ($1, $3), ($4, $1)",
      [blocker, travelers[0], travelers[1], travelers[2]]);
    await c.query("analyze app_public.trips");
  });

  const probe = await asRoot(db, async (c) => {
    await c.query("begin");
    try {
      await c.query("set local track_functions = 'all'");
      await c.query("select set_config('jwt.claims.session_id', $1, true)", [await openSession(c, blocker)]);
      await c.query("set local role app_user");
      const visible = Number((await c.query("select count(*) from app_public.trips where title = 'Filler'")).rows[0].count);
      await c.query("reset role");
      const calls = Number((await c.query(
        "select pg_stat_get_xact_function_calls('app_hidden.blocked_user_ids()'::regprocedure) as n")).rows[0].n);
      await c.query("set local role app_user");
      const plan = (await c.query("explain select id from app_public.trips where traveler_id = $1", [travelers[5]])).rows
        .map((r) => r["QUERY PLAN"] as string).join("\n");
      return { visible, calls, plan };
    } finally {
      await c.query("rollback");
    }
  });
  t.is(probe.visible, 4000 - 3 * 200, "the trips of the three users separated by a block are hidden");
  t.is(probe.calls, 1, "the blocked set is computed once for the whole statement, not per row");
  t.regex(probe.plan, /hashed SubPlan/, probe.plan);
  t.regex(probe.plan, /Index Scan using trips_traveler_id_idx|Bitmap Index Scan on trips_traveler_id_idx/, probe.plan);
});
