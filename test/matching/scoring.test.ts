// Scoring, ranking and pricing of matches (docs/matching.md, its Pricing too) over GraphQL, with the numbers
// worked out by hand: the detour on the equator, a full score from the factor table and matching.weights, the
// price factor, the top-10 and min-score cuts, determinism, and quotePrice's three branches and its callers.
// Serial: one test changes matching.candidate_limit for the whole database.
import test from "ava";
import { createSignedInMember, makeAdmin, tokenFor } from "../helpers/actors.ts";
import { queryAsRoot } from "../helpers/database.ts";
import { errorCode } from "../helpers/errors.ts";
import {
  createRequestOnEquator, createTripOnEquator, ewkt, KM_PER_DEGREE, newArea, MATCHING_REQUESTS, MATCHING_TRIPS, QUOTE,
  type RequestMatch, type TripMatch,
} from "../helpers/marketplace.ts";
import { useTestServer } from "../helpers/server.ts";
import { hoursFromNow } from "../helpers/time.ts";

const { db, server } = useTestServer(test);

async function matches(token: string, requestId: string): Promise<TripMatch[]> {
  const res = await server.gql(MATCHING_TRIPS, { token, variables: { id: requestId } });
  if (res.errors) throw new Error(JSON.stringify(res.errors));
  return res.data!.matchingTrips.nodes;
}
async function quote(token: string | undefined, requestId: string, tripId?: string) {
  return server.gql(QUOTE, { token, variables: { r: requestId, t: tripId ?? null } });
}

/** Great-circle km (sphere of mean radius 6371.0088 km, as ST_Distance(…, false)) between equator points. */
const sphereKm = (degrees: number) => degrees * Math.PI / 180 * 6371.0088;
const WEIGHTS = { route: 0.3, timing: 0.2, reliability: 0.15, rating: 0.15, price: 0.1, newcomer: 0.1 };

test.serial("detour, worked on the equator: a short trip's 2 km allowance and a long trip's 25 %", async (t) => {
  const lng = newArea();
  const customer = await createSignedInMember(db);
  // Short: O = +0.108, T = +0.16 (5.79 km, allowance greatest(2, 1.45) = 2 km); P = +0.1 lies 0.008° behind O.
  // detour = 0.008 + 0.06 + 0 − 0.052 = 0.016° = 1.781 km; route = 1 − 1.781 / 2 = 0.1094.
  const short = await createRequestOnEquator(db, customer.id, lng, { pickup_point: ewkt(lng + 0.1), delivery_point: ewkt(lng + 0.16) });
  const shortTrip = await createTripOnEquator(db, (await createSignedInMember(db)).id, lng, { origin_point: ewkt(lng + 0.108), destination_point: ewkt(lng + 0.16) });
  const [s] = await matches(customer.token, short);
  t.is(s?.tripId, shortTrip);
  t.is(Number(s!.detourKm), Number((0.016 * KM_PER_DEGREE).toFixed(3)));
  t.is(s!.detourKm, "1.781");
  t.is(s!.factors.route, Number((1 - 0.016 * KM_PER_DEGREE / 2).toFixed(4)));

  // Long: O = +1, T = +1.51 (56.77 km, allowance 0.25 · 56.77 = 14.19 km); P = +0.95 lies 5.57 km behind O.
  // detour = 0.05 + 0.55 + 0.01 − 0.51 = 0.1° = 11.132 km ≤ 14.19; route = 1 − 11.132 / 14.193 = 0.2157.
  const long = await createRequestOnEquator(db, customer.id, lng, { pickup_point: ewkt(lng + 0.95), delivery_point: ewkt(lng + 1.5) });
  const longTrip = await createTripOnEquator(db, (await createSignedInMember(db)).id, lng, { origin_point: ewkt(lng + 1), destination_point: ewkt(lng + 1.51) });
  const [l] = await matches(customer.token, long);
  t.is(l?.tripId, longTrip);
  t.is(l!.detourKm, "11.132");
  t.is(l!.factors.route, Number((1 - 0.1 / (0.25 * 0.51)).toFixed(4)));
});

test.serial("the score of a known pair: every factor and weight, plus the favorite bonus", async (t) => {
  const lng = newArea();
  const customer = await createSignedInMember(db);
  const traveler = await createSignedInMember(db, { completed: 7, cancelled: 1, ratings: 10, averageRating: 4.5 });
  await queryAsRoot(db, "insert into app_public.user_favorites (user_id, traveler_id) values ($1, $2)", [customer.id, traveler.id]);
  const requestId = await createRequestOnEquator(db, customer.id, lng);
  const tripId = await createTripOnEquator(db, traveler.id, lng);
  const [m] = await matches(customer.token, requestId);
  t.is(m?.tripId, tripId);

  const km = sphereKm(0.49);
  const expectedQuote = Math.round(1500 + 10 * km + 200 * 1);          // trip rates: 2245
  t.is(m!.quotedPrice, String(expectedQuote));
  const f = {
    route: 1,                                                           // collinear: no detour
    timing: 1,                                                          // departs inside the pickup window
    reliability: (7 + 1) / (7 + 1 + 2),                                 // 0.8
    rating: (5 * 4.0 + 4.5 * 10) / (5 + 10) / 5,                        // 0.8667
    price: 1,                                                           // 2245 ≤ 0.8 · 5000
    newcomer: 0,                                                        // 7 completed ≥ 5
  };
  const expected = Math.min(1, Object.entries(WEIGHTS).reduce((sum, [k, w]) => sum + w * f[k as keyof typeof f], 0) + 0.05);
  t.is(Number(m!.score), Number(expected.toFixed(4)));
  t.is(m!.score, "0.9000");
  t.deepEqual(m!.factors, { route: 1, timing: 1, reliability: 0.8, rating: 0.8667, price: 1, newcomer: 0, bonus: 0.05 });

  // The traveler's side sees the same pair with the same score.
  const res = await server.gql(MATCHING_REQUESTS, { token: traveler.token, variables: { id: tripId } });
  const mirror: RequestMatch[] = res.data!.matchingRequests.nodes;
  t.deepEqual(mirror.map((r) => [r.requestId, r.score, r.quotedPrice]), [[requestId, "0.9000", String(expectedQuote)]]);
});

test.serial("price factor: linear between 0.8·max_price and max_price, 0.5 across currencies; preferred travelers get the bonus", async (t) => {
  const lng = newArea();
  const customer = await createSignedInMember(db);
  const traveler = await createSignedInMember(db);
  const km = sphereKm(0.49);
  const tripQuote = Math.round(1500 + 10 * km + 200);                  // 2245
  const requestId = await createRequestOnEquator(db, customer.id, lng, { max_price: 2500, preferred_travelers: [traveler.id] });
  await createTripOnEquator(db, traveler.id, lng);
  const [m] = await matches(customer.token, requestId);
  t.is(m!.factors.price, Number(((2500 - tripQuote) / (0.2 * 2500)).toFixed(4)));   // 0.51
  t.is(m!.factors.bonus, 0.05);

  const lng2 = newArea();
  const euroRequest = await createRequestOnEquator(db, customer.id, lng2);
  await createTripOnEquator(db, traveler.id, lng2, { currency: "EUR" });
  const [e] = await matches(customer.token, euroRequest);
  t.is(e!.factors.price, 0.5);
  t.is(e!.quotedPrice, String(Math.round(1000 + 50 * km + 200 * 1)), "the default rates in the request's currency");
  t.is(e!.factors.bonus, 0);
});

test.serial("ranking: score first, then departure, then id; at most 10; below min_score cut; deterministic", async (t) => {
  const lng = newArea();
  const customer = await createSignedInMember(db);
  const requestId = await createRequestOnEquator(db, customer.id, lng);
  // Twelve equal newcomers inside the window: score 0.895, ordered by departure.
  const equal: string[] = [];
  for (let i = 0; i < 12; i++) {
    equal.push(await createTripOnEquator(db, (await createSignedInMember(db)).id, lng, { departure_time: hoursFromNow(29 - i * 0.25), arrival_time: hoursFromNow(31) }));
  }
  // A favorite, leaving last: 0.945, first.
  const favorite = await createSignedInMember(db);
  await queryAsRoot(db, "insert into app_public.user_favorites (user_id, traveler_id) values ($1, $2)", [customer.id, favorite.id]);
  const best = await createTripOnEquator(db, favorite.id, lng, { departure_time: hoursFromNow(29.5), arrival_time: hoursFromNow(31) });
  // Passes every hard filter but scores 0.3 + 0.16 + 0.15·6/37 + 0.15·(20 + 50)/55/5 + 0 + 0 = 0.5225 < 0.6.
  const poor = await createSignedInMember(db, { completed: 5, cancelled: 30, ratings: 50, averageRating: 1 });
  const low = await createTripOnEquator(db, poor.id, lng, { departure_time: hoursFromNow(35), arrival_time: hoursFromNow(40), base_price: 6000 });

  const first = await matches(customer.token, requestId);
  t.is(first.length, 10);
  t.is(first[0]!.tripId, best);
  t.is(first[0]!.score, "0.9450");
  t.deepEqual(first.slice(1).map((m) => m.tripId), [...equal].reverse().slice(0, 9), "equal scores: earliest departure first");
  t.true(first.slice(1).every((m) => m.score === "0.8950"));
  t.false(first.some((m) => m.tripId === low));
  t.deepEqual(await matches(customer.token, requestId), first, "the same answer twice");

  // The low scorer does pass the hard filters: with min_score 0.5 it is a candidate (of 14) but still beyond the top 10.
  const direct = await queryAsRoot(db, "select trip_id, score from app_hidden.matches($1, null)", [requestId]);
  t.is(direct.length, 10);
  await queryAsRoot(db, "update app_public.system_configuration set value = '0.5' where category = 'matching' and key = 'min_score'");
  await queryAsRoot(db, "update app_public.system_configuration set value = '20' where category = 'matching' and key = 'max_results'");
  try {
    const all = await queryAsRoot<{ trip_id: string; score: string }>(db, "select trip_id, score from app_hidden.matches($1, null)", [requestId]);
    t.is(all.length, 14);
    t.deepEqual(all.at(-1), { trip_id: low, score: "0.5225" });
  } finally {
    await queryAsRoot(db, "update app_public.system_configuration set value = '0.6' where category = 'matching' and key = 'min_score'");
    await queryAsRoot(db, "update app_public.system_configuration set value = '10' where category = 'matching' and key = 'max_results'");
  }
});

test.serial("candidate_limit: only the nearest origins passing the filters are scored", async (t) => {
  const lng = newArea();
  const customer = await createSignedInMember(db);
  const requestId = await createRequestOnEquator(db, customer.id, lng);
  // The farther trip is the better one (a favorite), but with candidate_limit 1 only the nearest origin is scored.
  const near = await createTripOnEquator(db, (await createSignedInMember(db)).id, lng, { origin_point: ewkt(lng + 0.005) });
  const favorite = await createSignedInMember(db);
  await queryAsRoot(db, "insert into app_public.user_favorites (user_id, traveler_id) values ($1, $2)", [customer.id, favorite.id]);
  const far = await createTripOnEquator(db, favorite.id, lng, { origin_point: ewkt(lng - 0.05) });
  t.deepEqual((await matches(customer.token, requestId)).map((m) => m.tripId), [far, near]);
  await queryAsRoot(db, "update app_public.system_configuration set value = '1' where category = 'matching' and key = 'candidate_limit'");
  try {
    t.deepEqual((await matches(customer.token, requestId)).map((m) => m.tripId), [near]);
  } finally {
    await queryAsRoot(db, "update app_public.system_configuration set value = '50' where category = 'matching' and key = 'candidate_limit'");
  }
});

test.serial("who may match: the customer and admins for requests, the traveler and admins for trips; others NTFND, anonymous DNIED", async (t) => {
  const lng = newArea();
  const customer = await createSignedInMember(db);
  const traveler = await createSignedInMember(db);
  const other = await createSignedInMember(db);
  const admin = await createSignedInMember(db);
  await makeAdmin(db, admin.id);
  const adminToken = await tokenFor(db, admin.id);
  const requestId = await createRequestOnEquator(db, customer.id, lng);
  const tripId = await createTripOnEquator(db, traveler.id, lng);

  t.is((await matches(adminToken, requestId)).length, 1);
  t.is(errorCode(await server.gql(MATCHING_TRIPS, { token: other.token, variables: { id: requestId } })), "NTFND");
  t.is(errorCode(await server.gql(MATCHING_TRIPS, { token: traveler.token, variables: { id: requestId } })), "NTFND");
  t.is(errorCode(await server.gql(MATCHING_TRIPS, { variables: { id: requestId } })), "DNIED");
  t.is(errorCode(await server.gql(MATCHING_TRIPS, { token: customer.token, variables: { id: "00000000-0000-4000-8000-000000000000" } })), "NTFND");

  const asAdmin = await server.gql(MATCHING_REQUESTS, { token: adminToken, variables: { id: tripId } });
  t.is(asAdmin.data?.matchingRequests.nodes.length, 1);
  t.is(errorCode(await server.gql(MATCHING_REQUESTS, { token: customer.token, variables: { id: tripId } })), "NTFND");
  t.is(errorCode(await server.gql(MATCHING_REQUESTS, { variables: { id: tripId } })), "DNIED");
});

test.serial("quotePrice: the trip's rates, the default rates, across currencies, half-up", async (t) => {
  const lng = newArea();
  const customer = await createSignedInMember(db);
  const traveler = await createSignedInMember(db);
  const requestId = await createRequestOnEquator(db, customer.id, lng, { urgency: "express", is_fragile: true, weight_kg: 2 });
  const km = sphereKm(0.49);                                              // 54.4852 km pickup → drop-off
  const usdTrip = await createTripOnEquator(db, traveler.id, lng);
  const eurTrip = await createTripOnEquator(db, traveler.id, lng, { currency: "EUR" });
  const halfTrip = await createTripOnEquator(db, traveler.id, lng, { base_price: 603, price_per_km: 0, price_per_kg: 0, fragile_multiplier: 1 });

  // Trip rates: (1500 + 10·54.4852 + 200·2) × 1.5 (express) × 1.2 (fragile) = 4400.73 → 4401.
  const tripRates = Math.round((1500 + 10 * km + 200 * 2) * 1.5 * 1.2);
  t.is(tripRates, 4401);
  t.is((await quote(customer.token, requestId, usdTrip)).data?.quotePrice?.price, "4401");
  // Default rates: (1000 + 50·54.4852 + 200·2) × 1.5 × 1.2 = 7423.67 → 7424, without a trip and across currencies.
  t.is(Math.round((1000 + 50 * km + 200 * 2) * 1.5 * 1.2), 7424);
  t.is((await quote(customer.token, requestId)).data?.quotePrice?.price, "7424");
  t.is((await quote(customer.token, requestId, eurTrip)).data?.quotePrice?.price, "7424");
  // 603 × 1.5 = 904.5: half-up gives 905 (banker's rounding would give 904), and no clamp to pricing.min_price.
  t.is((await quote(customer.token, requestId, halfTrip)).data?.quotePrice?.price, "905");
  // The default rates start at pricing.base; the trip's own rates stay unclamped: 603 for a standard, sturdy item.
  const cheap = await createRequestOnEquator(db, customer.id, lng, { pickup_point: ewkt(lng + 0.01), delivery_point: ewkt(lng + 0.011) });
  t.is((await quote(customer.token, cheap)).data?.quotePrice?.price, String(Math.max(1000, Math.round(1000 + 50 * sphereKm(0.001) + 200))));
  t.is((await quote(customer.token, cheap, halfTrip)).data?.quotePrice?.price, "603");
});

test.serial("quotePrice: who may ask", async (t) => {
  const lng = newArea();
  const customer = await createSignedInMember(db);
  const traveler = await createSignedInMember(db, { type: "traveler" });
  const shopper = await createSignedInMember(db, { type: "customer" });
  const blacklisted = await createSignedInMember(db, { type: "traveler" });
  const requestId = await createRequestOnEquator(db, customer.id, lng, { blacklisted_travelers: [blacklisted.id] });
  const publicTrip = await createTripOnEquator(db, traveler.id, lng);
  const privateTrip = await createTripOnEquator(db, traveler.id, lng, { visibility: "private" });

  t.is((await quote(traveler.token, requestId, publicTrip)).errors, undefined, "a traveler who sees the request in the marketplace");
  t.is((await quote(traveler.token, requestId, privateTrip)).errors, undefined, "on their own private trip");
  t.is(errorCode(await quote(customer.token, requestId, privateTrip)), "NTFND", "someone else's private trip");
  t.is(errorCode(await quote(shopper.token, requestId)), "NTFND", "a customer who is not a traveler");
  t.is(errorCode(await quote(blacklisted.token, requestId)), "NTFND", "a blacklisted traveler");
  t.is(errorCode(await quote(undefined, requestId)), "DNIED");
});
