// Routes (docs/tracking.md, Routes): requestRoute by the trip's traveler makes a pending route; the routes__compute
// job orders the stops exactly (each pickup before its drop-off) with up to 3 alternatives, or along the trip above
// route.exact_max_deliveries; the route is reused for route.cache_hours while the deliveries stay the same; nobody
// else asks for it or reads it.
import test from "ava";
import { actAs, createMember, makeAdmin, tokenFor, user } from "../helpers/actors.ts";
import { outcome, queryAsRoot, setSetting } from "../helpers/database.ts";
import { errorCode } from "../helpers/errors.ts";
import { createDeliveryRecord, createTrip } from "../helpers/marketplace.ts";
import { useTestServer } from "../helpers/server.ts";
import { runReadyJobs } from "../helpers/worker.ts";

const { db, server } = useTestServer(test);

const REQUEST = `mutation ($t: UUID!) { requestRoute(input: { tripId: $t }) { route {
  rowId status stops distanceM durationS detourM alternatives deliveryIds } } }`;

/** A train trip along the equator from longitude 0 to 10, with deliveries picked up and dropped at the given longitudes. */
async function tripWith(legs: Array<[number, number]>) {
  const traveler = await createMember(db, "traveler");
  const trip = await createTrip(db, traveler, { origin: [0, 0], destination: [10, 0] });
  const deliveries: string[] = [];
  for (const [from, to] of legs) {
    const id = await createDeliveryRecord(db, trip);
    await queryAsRoot(db, `update app_public.delivery_requests r set pickup_point = st_setsrid(st_makepoint($2, 0), 4326),
      delivery_point = st_setsrid(st_makepoint($3, 0), 4326) from app_public.deliveries d where d.id = $1 and r.id = d.request_id`,
    [id, from, to]);
    deliveries.push(id);
  }
  return { traveler, trip, deliveries, token: await tokenFor(db, traveler) };
}

const metres = async (lngs: number[]) => Number((await queryAsRoot<{ m: number }>(db,
  `select round(sum(st_distance(st_setsrid(st_makepoint(a, 0), 4326)::geography, st_setsrid(st_makepoint(b, 0), 4326)::geography)))::int as m
     from unnest($1::float8[], $2::float8[]) as l (a, b)`, [lngs.slice(0, -1), lngs.slice(1)]))[0]!.m);

test.serial("the exact order, its distance, duration and detour, and the next best orders", async (t) => {
  const { trip, deliveries: [a, b], token } = await tripWith([[2, 6], [4, 8]]);
  const pending = await server.gql(REQUEST, { token, variables: { t: trip } });
  t.deepEqual(pending.errors, undefined);
  t.like(pending.data!.requestRoute.route, { status: "pending", stops: null });
  await runReadyJobs(db);

  const again = (await server.gql(REQUEST, { token, variables: { t: trip } })).data!.requestRoute.route;
  t.is(again.rowId, pending.data!.requestRoute.route.rowId, "cached");
  t.is(again.status, "ready");
  t.deepEqual(again.stops.map((s: { kind: string; deliveryId: string | null; lng: number }) => [s.kind, s.deliveryId, s.lng]), [
    ["origin", null, 0], ["pickup", a, 2], ["pickup", b, 4], ["dropoff", a, 6], ["dropoff", b, 8], ["destination", null, 10],
  ]);
  const straight = await metres([0, 10]);
  t.is(again.distanceM, straight);
  t.is(again.detourM, 0);
  t.is(again.durationS, Math.round(straight / (120 / 3.6)), "a train at route.speeds_kmh 120");
  t.is(again.alternatives.length, 3);
  const lengths = again.alternatives.map((r: { distanceM: number }) => r.distanceM);
  t.deepEqual(lengths, [...lengths].sort((x, y) => x - y));
  t.true(lengths[0] > again.distanceM);
  for (const alternative of again.alternatives as Array<{ stops: Array<{ kind: string; deliveryId: string }> }>) {
    for (const d of [a, b]) {
      const at = (kind: string) => alternative.stops.findIndex((s) => s.kind === kind && s.deliveryId === d);
      t.true(at("pickup") < at("dropoff"), "every order picks up before dropping off");
    }
  }

  // A new delivery on the trip makes a new route.
  const c = await createDeliveryRecord(db, trip);
  const fresh = (await server.gql(REQUEST, { token, variables: { t: trip } })).data!.requestRoute.route;
  t.not(fresh.rowId, again.rowId);
  t.deepEqual([...fresh.deliveryIds].sort(), [a, b, c].sort());
});

test.serial("above route.exact_max_deliveries the stops go in order along the trip, without alternatives", async (t) => {
  const previous = await setSetting(db, "route.exact_max_deliveries", 0);
  const { trip, deliveries: [a, b], token } = await tripWith([[5, 9], [1, 3]]);
  await server.gql(REQUEST, { token, variables: { t: trip } });
  await runReadyJobs(db);
  const route = (await server.gql(REQUEST, { token, variables: { t: trip } })).data!.requestRoute.route;
  await setSetting(db, "route.exact_max_deliveries", previous);
  t.deepEqual(route.stops.map((s: { kind: string; deliveryId: string | null }) => [s.kind, s.deliveryId]), [
    ["origin", null], ["pickup", b], ["dropoff", b], ["pickup", a], ["dropoff", a], ["destination", null],
  ]);
  t.deepEqual(route.alternatives, []);
  t.is(route.distanceM, await metres([0, 1, 3, 5, 9, 10]));
});

test("only the traveler asks; the traveler and admins read routes, the trip's customers do not", async (t) => {
  const { trip, deliveries: [a], token, traveler } = await tripWith([[2, 6]]);
  const [{ customer_id: customer }] = await queryAsRoot<{ customer_id: string }>(db,
    "select customer_id from app_public.deliveries where id = $1", [a]) as [{ customer_id: string }];
  const route = (await server.gql(REQUEST, { token, variables: { t: trip } })).data!.requestRoute.route;
  t.is(errorCode(await server.gql(REQUEST, { token: await tokenFor(db, customer), variables: { t: trip } })), "NTFND");
  t.is(errorCode(await server.gql(REQUEST, { variables: { t: trip } })), "DNIED", "visitors may not call it");
  const support = await createMember(db, "both");
  await makeAdmin(db, support, "support");
  const sees = (who: string) => actAs(db, user(who), (c) => outcome(c, "select 1 from app_public.route_optimizations where id = $1", [route.rowId]));
  t.deepEqual([await sees(traveler), await sees(customer), await sees(support)], [1, 0, 1]);
  t.is(await actAs(db, user(traveler), (c) => outcome(c, "update app_public.route_optimizations set status = 'failed' where id = $1", [route.rowId])), "42501");
  t.is(await actAs(db, user(traveler), (c) => outcome(c, "delete from app_public.route_optimizations where id = $1", [route.rowId])), "42501");
});
