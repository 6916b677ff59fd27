// The hard filters of docs/matching.md over GraphQL: every case builds a request, a control trip that
// passes, and a trip that fails exactly one filter; matchingTrips returns the control alone, and the mirror
// (matchingRequests of the failing trip) is empty too. The control differs from the failing trip only in the
// filtered property. Serial, to keep the load of this file low for the timing-sensitive tests running beside it.
import test from "ava";
import { blockUser, createSignedInMember, type SignedInMemberOptions } from "../helpers/actors.ts";
import { asRoot } from "../helpers/database.ts";
import {
  createRequestOnEquator, createTripOnEquator, ewkt, MATCHING_REQUESTS, MATCHING_TRIPS, newArea, type ColumnOverrides,
  type RequestMatch, type TripMatch,
} from "../helpers/marketplace.ts";
import { useTestServer } from "../helpers/server.ts";
import { hoursFromNow, setTimesAgo } from "../helpers/time.ts";

const { db, server } = useTestServer(test);

async function tripIds(token: string, requestId: string): Promise<string[]> {
  const res = await server.gql(MATCHING_TRIPS, { token, variables: { id: requestId } });
  if (res.errors) throw new Error(JSON.stringify(res.errors));
  return res.data!.matchingTrips.nodes.map((n: TripMatch) => n.tripId);
}
async function requestIds(token: string, tripId: string): Promise<string[]> {
  const res = await server.gql(MATCHING_REQUESTS, { token, variables: { id: tripId } });
  if (res.errors) throw new Error(JSON.stringify(res.errors));
  return res.data!.matchingRequests.nodes.map((n: RequestMatch) => n.requestId);
}

interface Side {
  /** Options of the traveler making this trip. */
  traveler?: SignedInMemberOptions;
  /** Columns of the trip, given the area's longitude. */
  trip?: (lng: number) => ColumnOverrides;
}
interface Case {
  filter: string;
  request?: (lng: number) => ColumnOverrides;
  control?: Side;
  failing: Side;
  /** Extra setup between the customer and the failing traveler (blocks). */
  relate?: (customerId: string, failingTravelerId: string) => Promise<unknown>;
  /** The failing trip belongs to the customer. */
  ownTrip?: boolean;
}

const cancelled = { status: "cancelled", cancellation_reason: "other", cancelled_at: new Date().toISOString() };

const CASES: Case[] = [
  // 1. live, visible, leaving late enough
  { filter: "1 status: cancelled trips are not matched", failing: { trip: () => cancelled } },
  { filter: "1 status: active (started) trips are not matched, delayed ones are",
    control: { trip: () => ({ status: "delayed" }) }, failing: { trip: () => ({ status: "active", started_at: new Date().toISOString() }) } },
  // (who may see them is test/matching/visibility.test.ts)
  { filter: "1 visibility: private trips are not matched for a customer without a delivery on them", failing: { trip: () => ({ visibility: "private" }) } },
  { filter: "1 visibility: friends_only trips are not matched for a customer the traveler never delivered for", failing: { trip: () => ({ visibility: "friends_only" }) } },
  { filter: "1 lead: a trip leaving within matching.min_lead_hours (2 h) is not matched",
    request: () => ({ pickup_window_start: null, pickup_window_end: null }),
    control: { trip: () => ({ departure_time: hoursFromNow(2.5), arrival_time: hoursFromNow(5) }) },
    failing: { trip: () => ({ departure_time: hoursFromNow(1.5), arrival_time: hoursFromNow(5) }) } },
  // 2. someone else, active, unblocked, not blacklisted
  { filter: "2 self: the customer's own trip is not matched", failing: {}, ownTrip: true },
  { filter: "2 active: a suspended traveler's trip is not matched", failing: { traveler: { status: "suspended" } } },
  { filter: "2 blocks: the customer blocked the traveler", failing: {}, relate: (c, t) => blockUser(db, c, t) },
  { filter: "2 blocks: the traveler blocked the customer", failing: {}, relate: (c, t) => blockUser(db, t, c) },
  // 3. requirements
  { filter: "3 rating: min_traveler_rating excludes unrated travelers",
    request: () => ({ min_traveler_rating: 4 }), control: { traveler: { ratings: 3, averageRating: 4.2 } },
    failing: { traveler: { ratings: 0 } } },
  { filter: "3 rating: min_traveler_rating excludes a lower average",
    request: () => ({ min_traveler_rating: 4 }), control: { traveler: { ratings: 3, averageRating: 4 } },
    failing: { traveler: { ratings: 3, averageRating: 3.9 } } },
  { filter: "3 verification_required needs id_verified",
    request: () => ({ verification_required: true }), control: { traveler: { level: "id_verified" } },
    failing: { traveler: { level: "phone_verified" } } },
  { filter: "3 background_check_required needs fully_verified",
    request: () => ({ background_check_required: true }), control: { traveler: { level: "fully_verified" } },
    failing: { traveler: { level: "id_verified" } } },
  // 4. capacity
  { filter: "4 weight: available weight below the total weight",
    request: () => ({ weight_kg: 1.5, quantity: 2 }), control: { trip: () => ({ available_weight_kg: 3 }) },
    failing: { trip: () => ({ available_weight_kg: 2.9 }) } },
  { filter: "4 volume: available volume below the total volume",
    request: () => ({ length_cm: 20, width_cm: 20, height_cm: 25 }), control: { trip: () => ({ available_volume_l: 10 }) },
    failing: { trip: () => ({ available_volume_l: 9.9 }) } },
  { filter: "4 items: fewer free items than the quantity",
    request: () => ({ quantity: 2 }), control: { trip: () => ({ available_items: 2 }) },
    failing: { trip: () => ({ available_items: 1 }) } },
  // 5. restrictions
  { filter: "5 no_fragile refuses fragile items",
    request: () => ({ is_fragile: true }), failing: { trip: () => ({ no_fragile: true }) } },
  { filter: "5 no_fragile refuses the fragile category",
    request: () => ({ category: "fragile" }), failing: { trip: () => ({ no_fragile: true }) } },
  { filter: "5 no_electronics refuses electronics",
    request: () => ({ category: "electronics" }), failing: { trip: () => ({ no_electronics: true }) } },
  { filter: "5 max_item_value below the declared value",
    request: () => ({ declared_value: 20000 }), control: { trip: () => ({ max_item_value: 20000 }) },
    failing: { trip: () => ({ max_item_value: 19999 }) } },
  { filter: "5 prohibited_categories lists the request's category",
    control: { trip: () => ({ prohibited_categories: ["food"] }) },
    failing: { trip: () => ({ prohibited_categories: ["food", "documents"] }) } },
  // 6. radii (10 km): along the equator, so the detour stays 0 and only the radius differs
  { filter: "6 pickup radius: origin 11.1 km before the pickup",
    control: { trip: (lng) => ({ origin_point: ewkt(lng + 0.01 - 0.089) }) },        // 9.9 km
    failing: { trip: (lng) => ({ origin_point: ewkt(lng + 0.01 - 0.1) }) } },         // 11.1 km
  { filter: "6 drop-off radius: destination 11.1 km past the drop-off",
    control: { trip: (lng) => ({ destination_point: ewkt(lng + 0.5 + 0.089) }) },
    failing: { trip: (lng) => ({ destination_point: ewkt(lng + 0.5 + 0.1) }) } },
  // 7. time
  { filter: "7 window: departure more than 6 h after the pickup window ends",
    control: { trip: () => ({ departure_time: hoursFromNow(35.9), arrival_time: hoursFromNow(40) }) },
    failing: { trip: () => ({ departure_time: hoursFromNow(36.1), arrival_time: hoursFromNow(40) }) } },
  { filter: "7 window: departure more than 6 h before the pickup window starts",
    control: { trip: () => ({ departure_time: hoursFromNow(18.1) }) },
    failing: { trip: () => ({ departure_time: hoursFromNow(17.9) }) } },
  { filter: "7 arrival after delivery_window_end",
    request: () => ({ delivery_window_start: hoursFromNow(25), delivery_window_end: hoursFromNow(31) }),
    control: { trip: () => ({ arrival_time: hoursFromNow(30.9) }) },
    failing: { trip: () => ({ arrival_time: hoursFromNow(31.1) }) } },
  // 8. detour: a 5.57 km trip allows 2 km (min_detour_km); a pickup 0.008° behind the origin costs 1.78 km of
  //    detour, 0.01° behind 2.23 km.
  { filter: "8 detour: above least(20, greatest(2, 0.25·d(O,T)))",
    request: (lng) => ({ pickup_point: ewkt(lng + 0.1), delivery_point: ewkt(lng + 0.16) }),
    control: { trip: (lng) => ({ origin_point: ewkt(lng + 0.108), destination_point: ewkt(lng + 0.16) }) },
    failing: { trip: (lng) => ({ origin_point: ewkt(lng + 0.11), destination_point: ewkt(lng + 0.16) }) } },
];

for (const c of CASES) {
  test.serial(`filter ${c.filter}`, async (t) => {
    const lng = newArea();
    const customer = await createSignedInMember(db, { firstName: "Cora" });
    const requestId = await createRequestOnEquator(db, customer.id, lng, c.request?.(lng));
    const good = await createSignedInMember(db, { firstName: "Gus", ...c.control?.traveler });
    const controlId = await createTripOnEquator(db, good.id, lng, c.control?.trip?.(lng));
    const bad = c.ownTrip ? customer : await createSignedInMember(db, { firstName: "Bo", ...c.failing.traveler });
    await c.relate?.(customer.id, bad.id);
    const failingId = await createTripOnEquator(db, bad.id, lng, c.failing.trip?.(lng));

    t.deepEqual(await tripIds(customer.token, requestId), [controlId], "only the control trip matches");
    t.deepEqual(await requestIds(good.token, controlId), [requestId], "the mirror finds the request from the control");
    if (!c.ownTrip && c.failing.traveler?.status !== "suspended") {
      t.deepEqual(await requestIds(bad.token, failingId), [], "the mirror excludes the pair too");
    }
  });
}

test.serial("blacklisted travelers are not matched (both directions)", async (t) => {
  const lng = newArea();
  const customer = await createSignedInMember(db);
  const good = await createSignedInMember(db);
  const bad = await createSignedInMember(db);
  const requestId = await createRequestOnEquator(db, customer.id, lng, { blacklisted_travelers: [bad.id] });
  const controlId = await createTripOnEquator(db, good.id, lng);
  const failingId = await createTripOnEquator(db, bad.id, lng);
  t.deepEqual(await tripIds(customer.token, requestId), [controlId]);
  t.deepEqual(await requestIds(bad.token, failingId), []);
});

test.serial("closed requests match nothing: cancelled, expired, or of a suspended customer", async (t) => {
  const lng = newArea();
  const customer = await createSignedInMember(db);
  const traveler = await createSignedInMember(db);
  const tripId = await createTripOnEquator(db, traveler.id, lng);
  const open = await createRequestOnEquator(db, customer.id, lng);
  await createRequestOnEquator(db, customer.id, lng, { status: "cancelled", cancelled_at: new Date().toISOString(), cancellation_reason: "other" });
  const expiring = await createRequestOnEquator(db, customer.id, lng);
  await setTimesAgo(db, "app_public.delivery_requests", expiring, { expires_at: "1 minute", created_at: "1 day" });
  t.deepEqual(await requestIds(traveler.token, tripId), [open]);
  t.deepEqual(await tripIds(customer.token, expiring), [], "an expired request has no matches");
  await asRoot(db, (c) => c.query("update app_public.users set status = 'suspended' where id = $1", [customer.id]));
  t.deepEqual(await requestIds(traveler.token, tripId), [], "nor the requests of a suspended customer");
});

test.serial("empty when nothing fits: no trip in the area at all", async (t) => {
  const lng = newArea();
  const customer = await createSignedInMember(db);
  const requestId = await createRequestOnEquator(db, customer.id, lng);
  const res = await server.gql(MATCHING_TRIPS, { token: customer.token, variables: { id: requestId } });
  t.is(res.errors, undefined);
  t.deepEqual(res.data!.matchingTrips.nodes, []);
});
