// The marketplace end to end, the way two people use it, entirely over GraphQL (issue 4): Tom posts a trip Paris →
// Berlin, Claire posts a request along it, matching finds each for the other, Tom offers, Claire counters, Tom
// accepts, Tom picks up and delivers, both review each other, and statistics and views show it all.
import test from "ava";
import { asRoot, createUser, tokenFor, verifyEmail } from "../helpers/db.ts";
import { useTestServer } from "../helpers/server.ts";

const { db, server } = useTestServer(test);

const point = (lng: number, lat: number) => ({ type: "Point", coordinates: [lng, lat] });
const inHours = (h: number) => new Date(Date.now() + h * 3600_000).toISOString();

async function call<T = any>(query: string, token: string, variables: Record<string, unknown> = {}): Promise<T> {
  const res = await server.gql(query, { token, variables });
  if (res.errors) throw new Error(`${query.slice(0, 60)}…: ${JSON.stringify(res.errors)}`);
  return res.data as T;
}

test("trip → request → match → offer → counter → accept → pickup → drop-off → both reviews → statistics and views", async (t) => {
  // Two verified people: Tom travels (phone verified, as offers require), Claire sends.
  const { id: tom } = await createUser(db, { firstName: "Tom", lastName: "Weber" });
  const { id: claire } = await createUser(db, { firstName: "Claire", lastName: "Martin" });
  for (const id of [tom, claire]) await verifyEmail(db, id);
  await asRoot(db, async (c) => {
    await c.query("update app_public.users set user_type = 'traveler' where id = $1", [tom]);
    await c.query("update app_public.user_contacts set phone_number = '+4915100001111', phone_verified_at = now() where user_id = $1", [tom]);
    await c.query("select app_hidden.refresh_verification_level($1)", [tom]);
  });
  const tomToken = await tokenFor(db, tom);
  const claireToken = await tokenFor(db, claire);

  const { createTrip: { trip } } = await call(`mutation ($o: GeoJSON!, $d: GeoJSON!, $dep: Datetime!, $arr: Datetime!) {
    createTrip(input: { title: "Paris to Berlin by train", tripType: train, originAddress: "Gare de l'Est, Paris",
      originPoint: $o, destinationAddress: "Berlin Hbf", destinationPoint: $d, departureTime: $dep, arrivalTime: $arr,
      capacityWeightKg: "10", capacityVolumeL: "40", capacityItems: 3, currency: "EUR", basePrice: "1500",
      pricePerKg: "200" }) { trip { rowId status availableWeightKg } } }`, tomToken,
    { o: point(2.359, 48.876), d: point(13.369, 52.525), dep: inHours(72), arr: inHours(81) });
  t.is(trip.status, "upcoming");

  const { createDeliveryRequest: { deliveryRequest: request } } = await call(`mutation ($d: DeliveryRequestDetailInput!) {
    createDeliveryRequest(input: { details: $d }) { deliveryRequest { rowId status estimatedPrice } } }`, claireToken, { d: {
      title: "Books for my sister", category: "books", itemName: "Three novels", weightKg: "2", currency: "EUR",
      declaredValue: "6000", pickupAddress: "12 Rue de Rivoli, Paris", pickupPoint: point(2.355, 48.857),
      pickupCity: "Paris", pickupCountry: "FR", pickupContactName: "Claire", pickupContactPhone: "+33612345678",
      pickupWindowStart: inHours(66), pickupWindowEnd: inHours(74),
      deliveryAddress: "Torstraße 1, Berlin", deliveryPoint: point(13.402, 52.529), deliveryCity: "Berlin",
      deliveryCountry: "DE", deliveryContactName: "Léa", deliveryContactPhone: "+4915122223333", maxPrice: "4000" } });
  t.is(request.status, "pending");

  // Matching, both ways.
  const { matchingTrips } = await call(`query ($id: UUID!) { matchingTrips(requestId: $id) { nodes { tripId score quotedPrice } } }`,
    claireToken, { id: request.rowId });
  t.is(matchingTrips.nodes[0]?.tripId, trip.rowId, "Claire's request finds Tom's trip");
  t.true(Number(matchingTrips.nodes[0].score) >= 0.6);
  const { matchingRequests } = await call(`query ($id: UUID!) { matchingRequests(tripId: $id) { nodes { requestId score } } }`,
    tomToken, { id: trip.rowId });
  t.is(matchingRequests.nodes[0]?.requestId, request.rowId, "Tom's trip finds Claire's request");

  // Negotiation: Tom offers 3500, Claire counters 3000, Tom accepts version 2.
  const { submitOffer: { deliveryOffer: offer } } = await call(`mutation ($r: UUID!, $t: UUID!) {
    submitOffer(input: { requestId: $r, tripId: $t, price: "3500", message: "I pass right by" }) {
      deliveryOffer { rowId currentVersion } } }`, tomToken, { r: request.rowId, t: trip.rowId });
  await call(`mutation ($o: UUID!) { counterOffer(input: { offerId: $o, price: "3000", message: "3000?" }) {
    deliveryOffer { currentVersion } } }`, claireToken, { o: offer.rowId });
  const { acceptOffer: { delivery } } = await call(`mutation ($o: UUID!) { acceptOffer(input: { offerId: $o, version: 2 }) {
    delivery { rowId deliveryNumber status finalPrice platformFee } } }`, tomToken, { o: offer.rowId });
  t.like(delivery, { status: "accepted", finalPrice: "3000", platformFee: "300" });

  const { activeDeliveries } = await call(`{ activeDeliveries { nodes { rowId travelerName customerName deliveryAddress } } }`, claireToken);
  t.deepEqual(activeDeliveries.nodes, [{ rowId: delivery.rowId, travelerName: "Tom W.", customerName: "Claire M.",
    deliveryAddress: "Torstraße 1, Berlin" }]);

  // The handover steps.
  for (const [step, token] of [["confirmPickup", tomToken], ["startTransit", tomToken], ["confirmDelivery", tomToken]] as const) {
    await call(`mutation ($id: UUID!) { ${step}(input: { deliveryId: $id }) { delivery { status } } }`, token, { id: delivery.rowId });
  }
  const history = await call(`query ($id: UUID!) { delivery(rowId: $id) { status deliveryStatusHistories(orderBy: CREATED_AT_ASC) {
    nodes { fromStatus toStatus } } request { status } } }`, claireToken, { id: delivery.rowId });
  t.is(history.delivery.status, "delivered");
  t.deepEqual(history.delivery.deliveryStatusHistories.nodes.map((n: { toStatus: string }) => n.toStatus),
    ["accepted", "picked_up", "in_transit", "delivered"]);
  t.is(history.delivery.request.status, "delivered", "the request followed the delivery");

  // Both review each other.
  await call(`mutation ($id: UUID!) { submitReview(input: { deliveryId: $id, overallRating: 5, comment: "Careful and on time" }) {
    review { rowId } } }`, claireToken, { id: delivery.rowId });
  await call(`mutation ($id: UUID!) { submitReview(input: { deliveryId: $id, overallRating: 4, comment: "Well packed" }) {
    review { rowId } } }`, tomToken, { id: delivery.rowId });

  // Statistics and views.
  const forTom = await call(`query ($tom: UUID!) {
    userProfile(rowId: $tom) { totalDeliveries successfulAsTraveler averageRating totalRatings earnings { currency totalEarnings } } }`,
    tomToken, { tom });
  t.like(forTom.userProfile, { totalDeliveries: 1, successfulAsTraveler: 1, averageRating: "5.00", totalRatings: 1,
    earnings: [{ currency: "EUR", totalEarnings: "3000" }] });
  const forClaire = await call(`query ($claire: UUID!) {
    userProfile(rowId: $claire) { totalDeliveries averageRating totalRatings earnings { currency totalSpent } } }`, claireToken, { claire });
  t.like(forClaire.userProfile, { totalDeliveries: 1, averageRating: "4.00", totalRatings: 1,
    earnings: [{ currency: "EUR", totalSpent: "3300" }] });
  const after = await call(`{ activeDeliveries { totalCount } }`, claireToken);
  t.is(after.activeDeliveries.totalCount, 0, "a delivered delivery is no longer active");
  const capacity = await call(`query ($id: UUID!) { trip(rowId: $id) { availableWeightKg } }`, tomToken, { id: trip.rowId });
  t.is(capacity.trip.availableWeightKg, "8.00", "the delivered item's capacity stays used");
});
