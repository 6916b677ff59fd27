// Matching honours trip visibility as the trips policies state it (docs/trips.md, docs/matching.md): a private trip is
// matched for the customers with a delivery on it, a friends_only trip also for the traveler's past customers (a
// delivered delivery), a public one for everyone; and what matching offers a customer is exactly what the trips RLS
// shows them. Quotes and invitations use the same rule (they run as the owner, past RLS). Serial: the delivery fixtures
// briefly leave open requests on the default route, which the other test's matching must not see.
import test from "ava";
import { actAs, tokenFor, user } from "../helpers/actors.ts";
import {
  transitionDelivery, createDeliveryRecord, createMember, createRequest, createTrip, type RequestOptions, type TripOptions,
} from "../helpers/marketplace.ts";
import { useTestServer } from "../helpers/server.ts";

const { db, server } = useTestServer(test);

const code = (res: { errors?: Array<{ extensions?: { code?: string } }> }) => res.errors?.[0]?.extensions?.code;
const MATCHING_TRIPS = `query ($id: UUID!) { matchingTrips(requestId: $id) { nodes { tripId } } }`;
const MATCHING_REQUESTS = `query ($id: UUID!) { matchingRequests(tripId: $id) { nodes { requestId } } }`;
const QUOTE = `query ($r: UUID!, $t: UUID) { quotePrice(requestId: $r, tripId: $t) { price } }`;
const INVITE = `mutation ($request: UUID!, $trip: UUID!) {
  inviteTraveler(input: { requestId: $request, tripId: $trip, price: "3000" }) { deliveryOffer { status } } }`;

async function ids(query: string, token: string, id: string, key: "tripId" | "requestId"): Promise<string[]> {
  const res = await server.gql(query, { token, variables: { id } });
  if (res.errors) throw new Error(JSON.stringify(res.errors));
  const nodes = (res.data!.matchingTrips ?? res.data!.matchingRequests).nodes as Array<Record<string, string>>;
  return nodes.map((n) => n[key]!).sort();
}

/**
 * A traveler with a private, a friends_only and a public trip along one route; customers: one with a (live) delivery
 * on the private trip, one the traveler delivered for (on the public trip), one with neither; each with an open
 * request on the route.
 */
async function world(route: Pick<TripOptions, "origin" | "destination">, request: Pick<RequestOptions, "pickup" | "dropoff">) {
  const traveler = await createMember(db, "traveler");
  const privateTrip = await createTrip(db, traveler, { ...route, visibility: "private" });
  const friendsTrip = await createTrip(db, traveler, { ...route, visibility: "friends_only" });
  const publicTrip = await createTrip(db, traveler, { ...route, weightKg: 50 });
  const onPrivate = await createMember(db, "customer", "email_verified");
  await createDeliveryRecord(db, privateTrip, { customerId: onPrivate, reserveCapacity: true });
  const pastCustomer = await createMember(db, "customer", "email_verified");
  await transitionDelivery(db, await createDeliveryRecord(db, publicTrip, { customerId: pastCustomer, reserveCapacity: true }),
    "picked_up", "delivered");
  const stranger = await createMember(db, "customer", "email_verified");
  const requests = {
    onPrivate: await createRequest(db, onPrivate, request),
    pastCustomer: await createRequest(db, pastCustomer, request),
    stranger: await createRequest(db, stranger, request),
  };
  return { traveler, privateTrip, friendsTrip, publicTrip, customers: { onPrivate, pastCustomer, stranger }, requests };
}

test.serial("private trips match their customers, friends_only trips the traveler's past customers, in both directions", async (t) => {
  const w = await world({}, {});
  const expected = {
    onPrivate: [w.privateTrip, w.publicTrip].sort(),
    pastCustomer: [w.friendsTrip, w.publicTrip].sort(),
    stranger: [w.publicTrip],
  };
  for (const who of ["onPrivate", "pastCustomer", "stranger"] as const) {
    const token = await tokenFor(db, w.customers[who]);
    const matched = await ids(MATCHING_TRIPS, token, w.requests[who], "tripId");
    t.deepEqual(matched, expected[who], `matchingTrips for the ${who} customer`);
    // What matching offers is what the trips policies show this customer (among the traveler's trips).
    const visible = await actAs(db, user(w.customers[who]), async (c) => (await c.query(
      "select id from app_public.trips where traveler_id = $1 order by id", [w.traveler])).rows.map((r) => r.id as string));
    t.deepEqual(matched, visible.sort(), `matching and the trips RLS agree for the ${who} customer`);
  }

  const travelerToken = await tokenFor(db, w.traveler);
  t.deepEqual(await ids(MATCHING_REQUESTS, travelerToken, w.privateTrip, "requestId"), [w.requests.onPrivate]);
  t.deepEqual(await ids(MATCHING_REQUESTS, travelerToken, w.friendsTrip, "requestId"), [w.requests.pastCustomer]);
  t.deepEqual(await ids(MATCHING_REQUESTS, travelerToken, w.publicTrip, "requestId"), Object.values(w.requests).sort());
});

test.serial("quotes and invitations see a trip exactly when its customer may (not for strangers, as the owner runs them)", async (t) => {
  // Lyon → Munich, away from the first test's route.
  const w = await world({ origin: [4.835, 45.764], destination: [11.582, 48.135] },
                        { pickup: [4.84, 45.76], dropoff: [11.58, 48.14] });
  for (const [who, tripId, allowed] of [
    ["stranger", w.privateTrip, false], ["stranger", w.friendsTrip, false],
    ["onPrivate", w.privateTrip, true], ["onPrivate", w.friendsTrip, false],
    ["pastCustomer", w.friendsTrip, true], ["pastCustomer", w.privateTrip, false],
  ] as const) {
    const token = await tokenFor(db, w.customers[who]);
    const quote = await server.gql(QUOTE, { token, variables: { r: w.requests[who], t: tripId } });
    t.is(code(quote), allowed ? undefined : "NTFND", `quotePrice: ${who} on the ${tripId === w.privateTrip ? "private" : "friends_only"} trip`);
    const invite = await server.gql(INVITE, { token, variables: { request: w.requests[who], trip: tripId } });
    t.is(code(invite), allowed ? undefined : "NTFND", `inviteTraveler: ${who} on the ${tripId === w.privateTrip ? "private" : "friends_only"} trip`);
  }
});
