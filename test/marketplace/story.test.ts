// The marketplace end to end, the way two people use it, entirely over GraphQL (issue 4): Tom posts a trip Paris →
// Berlin, Claire posts a request along it, matching finds each for the other, Tom offers, Claire counters, Tom
// accepts, Claire issues the handover codes, Tom scans them at pickup and at drop-off (issue 12), both review each
// other (verified reviews), and statistics and views show it all.
import test from "ava";
import { createUser, tokenFor, verifyEmail, verifyPhone } from "../helpers/actors.ts";
import { asRoot } from "../helpers/database.ts";
import { readyFile } from "../helpers/files.ts";
import { gqlData, point } from "../helpers/graphql.ts";
import { authorizePayment } from "../helpers/payments.ts";
import { useTestServer } from "../helpers/server.ts";
import { hoursFromNow } from "../helpers/time.ts";

const { db, server } = useTestServer(test);

test("trip → request → match → offer → counter → accept → pickup → drop-off → both reviews → statistics and views", async (t) => {
  // Two verified people: Tom travels (phone verified, as offers require), Claire sends.
  const { id: tom } = await createUser(db, { firstName: "Tom", lastName: "Weber" });
  const { id: claire } = await createUser(db, { firstName: "Claire", lastName: "Martin" });
  for (const id of [tom, claire]) await verifyEmail(db, id);
  await asRoot(db, (c) => c.query("update app_public.users set user_type = 'traveler' where id = $1", [tom]));
  await verifyPhone(db, tom, "+4915100001111");
  const tomToken = await tokenFor(db, tom);
  const claireToken = await tokenFor(db, claire);

  const { createTrip: { trip } } = await gqlData(server, `mutation ($o: GeoJSON!, $d: GeoJSON!, $dep: Datetime!, $arr: Datetime!) {
    createTrip(input: { title: "Paris to Berlin by train", tripType: train, originAddress: "Gare de l'Est, Paris",
      originPoint: $o, destinationAddress: "Berlin Hbf", destinationPoint: $d, departureTime: $dep, arrivalTime: $arr,
      capacityWeightKg: "10", capacityVolumeL: "40", capacityItems: 3, currency: "EUR", basePrice: "1500",
      pricePerKg: "200" }) { trip { rowId status availableWeightKg } } }`, { token: tomToken,
    variables: { o: point(2.359, 48.876), d: point(13.369, 52.525), dep: hoursFromNow(72), arr: hoursFromNow(81) } });
  t.is(trip.status, "upcoming");

  const { createDeliveryRequest: { deliveryRequest: request } } = await gqlData(server, `mutation ($d: DeliveryRequestDetailInput!) {
    createDeliveryRequest(input: { details: $d }) { deliveryRequest { rowId status estimatedPrice } } }`,
  { token: claireToken, variables: { d: {
      title: "Books for my sister", category: "books", itemName: "Three novels", weightKg: "2", currency: "EUR",
      declaredValue: "6000", pickupAddress: "12 Rue de Rivoli, Paris", pickupPoint: point(2.355, 48.857),
      pickupCity: "Paris", pickupCountry: "FR", pickupContactName: "Claire", pickupContactPhone: "+33612345678",
      pickupWindowStart: hoursFromNow(66), pickupWindowEnd: hoursFromNow(74),
      deliveryAddress: "Torstraße 1, Berlin", deliveryPoint: point(13.402, 52.529), deliveryCity: "Berlin",
      deliveryCountry: "DE", deliveryContactName: "Léa", deliveryContactPhone: "+4915122223333", maxPrice: "4000" } } });
  t.is(request.status, "pending");

  // Matching, both ways.
  const { matchingTrips } = await gqlData(server, `query ($id: UUID!) { matchingTrips(requestId: $id) { nodes { tripId score quotedPrice } } }`,
    { token: claireToken, variables: { id: request.rowId } });
  t.is(matchingTrips.nodes[0]?.tripId, trip.rowId, "Claire's request finds Tom's trip");
  t.true(Number(matchingTrips.nodes[0].score) >= 0.6);
  const { matchingRequests } = await gqlData(server, `query ($id: UUID!) { matchingRequests(tripId: $id) { nodes { requestId score } } }`,
    { token: tomToken, variables: { id: trip.rowId } });
  t.is(matchingRequests.nodes[0]?.requestId, request.rowId, "Tom's trip finds Claire's request");

  // Negotiation: Tom offers 3500, Claire counters 3000, Tom accepts version 2.
  const { submitOffer: { deliveryOffer: offer } } = await gqlData(server, `mutation ($r: UUID!, $t: UUID!) {
    submitOffer(input: { requestId: $r, tripId: $t, price: "3500", message: "I pass right by" }) {
      deliveryOffer { rowId currentVersion } } }`, { token: tomToken, variables: { r: request.rowId, t: trip.rowId } });
  await gqlData(server, `mutation ($o: UUID!) { counterOffer(input: { offerId: $o, price: "3000", message: "3000?" }) {
    deliveryOffer { currentVersion } } }`, { token: claireToken, variables: { o: offer.rowId } });
  const { acceptOffer: { delivery } } = await gqlData(server, `mutation ($o: UUID!) { acceptOffer(input: { offerId: $o, version: 2 }) {
    delivery { rowId deliveryNumber status finalPrice platformFee } } }`, { token: tomToken, variables: { o: offer.rowId } });
  t.like(delivery, { status: "accepted", finalPrice: "3000", platformFee: "300" });

  const { activeDeliveries } = await gqlData(server, `{ activeDeliveries { nodes { rowId travelerName customerName deliveryAddress } } }`,
    { token: claireToken });
  t.deepEqual(activeDeliveries.nodes, [{ rowId: delivery.rowId, travelerName: "Tom W.", customerName: "Claire M.",
    deliveryAddress: "Torstraße 1, Berlin" }]);

  // The handovers (issue 12): Claire issues both codes (the delivery code she could forward to Léa); Tom scans the
  // pickup code at Claire's door with a photo of the books, travels, and scans the delivery code at Léa's door with
  // a photo of the handover. Each scan moves the delivery and writes a custody event.
  // Claire's card is authorised first (the pickup code needs it; test/helpers/payments.ts records it as setup data).
  await authorizePayment(db, delivery.rowId);
  const codes: Record<string, { token: string; backupCode: string }> = {};
  for (const type of ["pickup", "delivery"]) {
    const { issueQrCode } = await gqlData(server, `mutation ($d: UUID!, $t: QrType!) { issueQrCode(input: { deliveryId: $d, qrType: $t }) {
      issuedQrCode { token backupCode expiresAt } } }`, { token: claireToken, variables: { d: delivery.rowId, t: type } });
    t.regex(issueQrCode.issuedQrCode.token, /^P2PQR1\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/);
    t.regex(issueQrCode.issuedQrCode.backupCode, /^[A-HJ-NP-Z2-9]{3}(-[A-HJ-NP-Z2-9]{3}){3}$/);
    codes[type] = issueQrCode.issuedQrCode;
  }
  const SCAN = `mutation ($token: String!, $lat: Float!, $lng: Float!, $fix: Datetime!, $photo: UUID!) {
    scanQrCode(input: { token: $token, lat: $lat, lng: $lng, accuracyM: 12, fixTime: $fix, photoId: $photo,
      deviceInfo: { platform: "android", app_version: "2.3.0" } }) { outcome { result message } } }`;
  const pickupScan = await gqlData(server, SCAN, { token: tomToken, variables: { token: codes.pickup!.token, lat: 48.8571,
    lng: 2.3551, fix: new Date().toISOString(), photo: await readyFile(db, tom, "pickup_evidence") } });
  t.deepEqual(pickupScan.scanQrCode.outcome, { result: "success", message: "handover confirmed" });
  await gqlData(server, `mutation ($id: UUID!) { startTransit(input: { deliveryId: $id }) { delivery { status } } }`,
    { token: tomToken, variables: { id: delivery.rowId } });
  const deliveryScan = await gqlData(server, SCAN, { token: tomToken, variables: { token: codes.delivery!.token, lat: 52.5291,
    lng: 13.4021, fix: new Date().toISOString(), photo: await readyFile(db, tom, "delivery_evidence") } });
  t.deepEqual(deliveryScan.scanQrCode.outcome, { result: "success", message: "handover confirmed" });
  const custody = await gqlData(server, `query ($id: UUID!) { delivery(rowId: $id) {
    custodyEvents(orderBy: SEQ_ASC) { nodes { seq event method actorId } } }
    verifyCustodyChain(deliveryId: $id) { valid events } }`, { token: claireToken, variables: { id: delivery.rowId } });
  t.deepEqual(custody.delivery.custodyEvents.nodes, [{ seq: 1, event: "picked_up", method: "qr", actorId: tom },
    { seq: 2, event: "delivered", method: "qr", actorId: tom }]);
  t.deepEqual(custody.verifyCustodyChain, { valid: true, events: 2 });
  const history = await gqlData(server, `query ($id: UUID!) { delivery(rowId: $id) { status deliveryStatusHistories(orderBy: CREATED_AT_ASC) {
    nodes { fromStatus toStatus } } request { status } } }`, { token: claireToken, variables: { id: delivery.rowId } });
  t.is(history.delivery.status, "delivered");
  t.deepEqual(history.delivery.deliveryStatusHistories.nodes.map((n: { toStatus: string }) => n.toStatus),
    ["accepted", "picked_up", "in_transit", "delivered"]);
  t.is(history.delivery.request.status, "delivered", "the request followed the delivery");

  // Both review each other.
  const { submitReview: { review } } = await gqlData(server, `mutation ($id: UUID!) { submitReview(input: { deliveryId: $id, overallRating: 5, comment: "Careful and on time" }) {
    review { rowId isVerified } } }`, { token: claireToken, variables: { id: delivery.rowId } });
  t.true(review.isVerified, "the scans proved the delivery");
  const tomsReview = await gqlData(server, `mutation ($id: UUID!) { submitReview(input: { deliveryId: $id, overallRating: 4, comment: "Well packed" }) {
    review { rowId isVerified } } }`, { token: tomToken, variables: { id: delivery.rowId } });
  t.true(tomsReview.submitReview.review.isVerified);

  // Statistics and views.
  const forTom = await gqlData(server, `query ($tom: UUID!) {
    userProfile(rowId: $tom) { totalDeliveries successfulAsTraveler averageRating totalRatings earnings { currency totalEarnings } } }`,
    { token: tomToken, variables: { tom } });
  t.like(forTom.userProfile, { totalDeliveries: 1, successfulAsTraveler: 1, averageRating: "5.00", totalRatings: 1,
    earnings: [{ currency: "EUR", totalEarnings: "3000" }] });
  const forClaire = await gqlData(server, `query ($claire: UUID!) {
    userProfile(rowId: $claire) { totalDeliveries averageRating totalRatings earnings { currency totalSpent } } }`,
    { token: claireToken, variables: { claire } });
  t.like(forClaire.userProfile, { totalDeliveries: 1, averageRating: "4.00", totalRatings: 1,
    earnings: [{ currency: "EUR", totalSpent: "3426" }] });
  const after = await gqlData(server, `{ activeDeliveries { totalCount } }`, { token: claireToken });
  t.is(after.activeDeliveries.totalCount, 0, "a delivered delivery is no longer active");
  const capacity = await gqlData(server, `query ($id: UUID!) { trip(rowId: $id) { availableWeightKg } }`,
    { token: tomToken, variables: { id: trip.rowId } });
  t.is(capacity.trip.availableWeightKg, "8.00", "the delivered item's capacity stays used");
});
