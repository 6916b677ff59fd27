// What happens to offers and deliveries when their request or trip changes (docs/trips.md, docs/requests.md,
// docs/offers.md, docs/deliveries.md): the trip and request functions call the offer/delivery hooks in their own
// transactions; these tests drive them over GraphQL.
import test from "ava";
import { createMember, createUser, makeAdmin, tokenFor } from "../helpers/actors.ts";
import { asRoot } from "../helpers/database.ts";
import { errorCode } from "../helpers/errors.ts";
import { advanceDelivery, createMarket, createRequest, createTrip, offerAndAccept, submitOffer } from "../helpers/marketplace.ts";
import { useTestServer } from "../helpers/server.ts";
import { setTimesAgo } from "../helpers/time.ts";

const { db, server } = useTestServer(test);

const SUBMIT = `mutation ($r: UUID!, $t: UUID!, $p: BigInt!) { submitOffer(input: { requestId: $r, tripId: $t, price: $p }) {
  deliveryOffer { rowId status } } }`;
const row = (sql: string, params: unknown[]) => asRoot(db, async (c) => (await c.query(sql, params)).rows[0]);

test("cancelling a trip cancels its deliveries (traveler-caused), withdraws its offers and reopens the requests", async (t) => {
  const p = await createMarket(db);
  const delivery = await offerAndAccept(server, p);
  const other = await createMember(db, "customer", "email_verified");
  const otherRequest = await createRequest(db, other);
  const pending = (await server.gql(SUBMIT, { token: p.travelerToken, variables: { r: otherRequest, t: p.trip, p: "2500" } }))
    .data!.submitOffer.deliveryOffer.rowId;

  const res = await server.gql(`mutation ($id: UUID!) { cancelTrip(input: { tripId: $id, reason: personal_emergency }) { trip { status } } }`,
    { token: p.travelerToken, variables: { id: p.trip } });
  t.is(res.errors, undefined);
  t.like(await row("select status, cancellation_reason, cancelled_by from app_public.deliveries where id = $1", [delivery]),
    { status: "cancelled", cancellation_reason: "trip_cancelled", cancelled_by: p.traveler });
  t.like(await row("select status from app_public.delivery_requests where id = $1", [p.request]), { status: "pending" });
  t.like(await row("select status, withdraw_reason from app_public.delivery_offers where id = $1", [pending]),
    { status: "withdrawn", withdraw_reason: "no_longer_available" });
  t.like(await row("select available_weight_kg from app_public.trips where id = $1", [p.trip]), { available_weight_kg: "20.00" });
  t.like(await row("select cancelled_as_traveler from app_public.user_statistics where user_id = $1", [p.traveler]),
    { cancelled_as_traveler: 1 });
});

test("cancelling an accepted request cancels its delivery (customer-caused) and keeps the customer's reason", async (t) => {
  const p = await createMarket(db);
  const delivery = await offerAndAccept(server, p);
  const res = await server.gql(`mutation ($id: UUID!) { cancelDeliveryRequest(input: { requestId: $id, reason: too_expensive, note: "Found it cheaper" }) {
    deliveryRequest { status cancellationReason cancellationNote } } }`, { token: p.customerToken, variables: { id: p.request } });
  t.is(res.errors, undefined);
  t.deepEqual(res.data!.cancelDeliveryRequest.deliveryRequest,
    { status: "cancelled", cancellationReason: "too_expensive", cancellationNote: "Found it cheaper" });
  t.like(await row("select status, cancelled_by from app_public.deliveries where id = $1", [delivery]),
    { status: "cancelled", cancelled_by: p.customer });
  t.like(await row("select status from app_public.trip_capacity_reservations where delivery_id = $1", [delivery]), { status: "released" });

  // After pickup the request can no longer be cancelled (only a dispute remains).
  const q = await createMarket(db);
  const picked = await offerAndAccept(server, q);
  await advanceDelivery(db, server, { ...q, id: picked }, ["pickUp"]);
  t.is(errorCode(await server.gql(`mutation ($id: UUID!) { cancelDeliveryRequest(input: { requestId: $id, reason: other }) { deliveryRequest { status } } }`,
    { token: q.customerToken, variables: { id: q.request } })), "BADST");
});

test("cancelling an open request declines its live offers", async (t) => {
  const p = await createMarket(db);
  const live = await submitOffer(server, p);
  await server.gql(`mutation ($id: UUID!) { cancelDeliveryRequest(input: { requestId: $id, reason: no_longer_needed }) { deliveryRequest { status } } }`,
    { token: p.customerToken, variables: { id: p.request } });
  t.like(await row("select status, decline_reason, closed_by from app_public.delivery_offers where id = $1", [live]),
    { status: "declined", decline_reason: "request_cancelled", closed_by: p.customer });
});

test("editing a request: a lower max price declines the offers above it, new terms void the rest", async (t) => {
  const p = await createMarket(db);
  const cheap = await submitOffer(server, p, "2000");
  const second = await createMember(db, "traveler");
  const secondTrip = await createTrip(db, second);
  const dear = (await server.gql(SUBMIT, { token: await tokenFor(db, second), variables: { r: p.request, t: secondTrip, p: "4500" } }))
    .data!.submitOffer.deliveryOffer.rowId;
  // Read back as text: JavaScript dates would cut the microseconds, and a moved window is a change of terms.
  const windows = await row(`select to_json(pickup_window_start) #>> '{}' as start, to_json(pickup_window_end) #>> '{}' as end
                               from app_public.delivery_requests where id = $1`, [p.request]);
  // The request as the marketplace helper made it (Paris → Berlin, 2 kg of books), with changes on top.
  const details = (changes: Record<string, unknown>) => ({
    title: "A box of books", category: "books", itemName: "Books", weightKg: "2", currency: "EUR", declaredValue: "5000",
    pickupAddress: "12 Rue de Rivoli, Paris", pickupPoint: { type: "Point", coordinates: [2.35, 48.86] },
    pickupCity: "Paris", pickupCountry: "FR", pickupWindowStart: windows.start, pickupWindowEnd: windows.end,
    deliveryAddress: "5 Alexanderplatz, Berlin", deliveryPoint: { type: "Point", coordinates: [13.4, 52.52] },
    deliveryCity: "Berlin", deliveryCountry: "DE", maxPrice: "5000", ...changes });
  const UPDATE = `mutation ($id: UUID!, $d: DeliveryRequestDetailInput!) {
    updateDeliveryRequest(input: { requestId: $id, details: $d }) { deliveryRequest { status maxPrice } } }`;
  const status = async (id: string) => row("select status, decline_reason from app_public.delivery_offers where id = $1", [id]);

  const lowered = await server.gql(UPDATE, { token: p.customerToken, variables: { id: p.request, d: details({ maxPrice: "3000" }) } });
  t.is(lowered.errors, undefined);
  t.deepEqual(await status(dear), { status: "declined", decline_reason: "price_too_high" });
  t.deepEqual(await status(cheap), { status: "pending", decline_reason: null });
  t.is(lowered.data!.updateDeliveryRequest.deliveryRequest.status, "matched", "still a live offer");

  const heavier = await server.gql(UPDATE, { token: p.customerToken,
    variables: { id: p.request, d: details({ maxPrice: "3000", weightKg: "3" }) } });
  t.is(heavier.errors, undefined);
  t.deepEqual(await status(cheap), { status: "declined", decline_reason: "request_changed" });
  t.is((await row("select status from app_public.delivery_requests where id = $1", [p.request])).status, "pending");
});

test("expired requests take their live offers with them", async (t) => {
  const p = await createMarket(db);
  const live = await submitOffer(server, p);
  await setTimesAgo(db, "app_public.delivery_requests", p.request, { created_at: "8 days", expires_at: "1 minute" });
  await asRoot(db, (c) => c.query("select app_private.expire_delivery_requests()"));
  t.like(await row("select status from app_public.delivery_offers where id = $1", [live]), { status: "expired" });
  t.like(await row("select status from app_public.delivery_requests where id = $1", [p.request]), { status: "expired" });
});

test("private trips are seen by their customers; friends_only trips by the traveler's past customers", async (t) => {
  const p = await createMarket(db, { trip: { visibility: "private" } });
  const { id: stranger } = await createUser(db);
  const TRIP = `query ($id: UUID!) { trip(rowId: $id) { rowId } }`;
  const seen = async (token: string, id: string) => (await server.gql(TRIP, { token, variables: { id } })).data?.trip?.rowId ?? null;
  t.is(await seen(p.customerToken, p.trip), null, "not before a delivery");
  const delivery = await offerAndAccept(server, p);
  t.is(await seen(p.customerToken, p.trip), p.trip, "the customer of a delivery on it");
  t.is(await seen(await tokenFor(db, stranger), p.trip), null);

  const friendsOnly = await createTrip(db, p.traveler, { visibility: "friends_only" });
  t.is(await seen(p.customerToken, friendsOnly), null, "not a past customer yet");
  await advanceDelivery(db, server, { ...p, id: delivery }, ["pickUp", "deliver"]);
  t.is(await seen(p.customerToken, friendsOnly), friendsOnly, "a past customer");
});

test("the traveler of a delivery may report its request; admins cancel active trips with their deliveries", async (t) => {
  const p = await createMarket(db);
  const delivery = await offerAndAccept(server, p);
  const report = await server.gql(`mutation ($id: UUID!) { reportDeliveryRequest(input: { requestId: $id, category: fraud,
    description: "The item is not what was described" }) { userReport { reportedUserId } } }`,
    { token: p.travelerToken, variables: { id: p.request } });
  t.is(report.errors, undefined);
  t.is(report.data!.reportDeliveryRequest.userReport.reportedUserId, p.customer);

  const REPORT_USER = `mutation ($user: UUID!, $delivery: UUID!) { reportUser(input: { userId: $user, category: harassment,
    description: "Rude messages about the pickup", deliveryId: $delivery }) { userReport { deliveryId } } }`;
  const stranger = await createMember(db, "customer", "email_verified");
  t.is(errorCode(await server.gql(REPORT_USER, { token: await tokenFor(db, stranger), variables: { user: p.traveler, delivery } })),
    "NTFND", "a report may only name a delivery between the two users");
  const byCustomer = await server.gql(REPORT_USER, { token: p.customerToken, variables: { user: p.traveler, delivery } });
  t.deepEqual(byCustomer.data, { reportUser: { userReport: { deliveryId: delivery } } });

  await advanceDelivery(db, server, { ...p, id: delivery }, ["pickUp"]);
  await asRoot(db, (c) => c.query("update app_public.trips set status = 'active', started_at = now() where id = $1", [p.trip]));
  const { id: admin } = await createUser(db);
  await makeAdmin(db, admin, "admin");
  const res = await server.gql(`mutation ($id: UUID!) { cancelTrip(input: { tripId: $id, reason: other, note: "Safety" }) { trip { status } } }`,
    { token: await tokenFor(db, admin), variables: { id: p.trip } });
  t.deepEqual(res.data, { cancelTrip: { trip: { status: "cancelled" } } });
  t.like(await row("select status, cancelled_by from app_public.deliveries where id = $1", [delivery]),
    { status: "cancelled", cancelled_by: admin });
  t.like(await row("select cancelled_as_traveler from app_public.user_statistics where user_id = $1", [p.traveler]),
    { cancelled_as_traveler: 0 }, "an admin decision is not the traveler's cancellation");
});
