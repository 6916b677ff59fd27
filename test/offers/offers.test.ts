// Offers and negotiation (docs/offers.md) over GraphQL: the thread, its immutable versions, whose turn it is,
// STALE versions, every refusal with its code, auto-accept inside the transaction, decline, withdraw and expiry.
import test from "ava";
import { actAs, anonymous, createMember, createUser, makeAdmin, tokenFor, user } from "../helpers/actors.ts";
import { asRoot, queryAsRoot } from "../helpers/database.ts";
import { errorCode, sqlstate } from "../helpers/errors.ts";
import { createMarket, createRequest, createTrip } from "../helpers/marketplace.ts";
import { useTestServer } from "../helpers/server.ts";
import { setTimesAgo } from "../helpers/time.ts";

const { db, server } = useTestServer(test);

const OFFER_FIELDS = "rowId status currentVersion awaitingParty price validUntil declineReason withdrawReason";
const SUBMIT = `mutation ($request: UUID!, $trip: UUID!, $price: BigInt!) {
  submitOffer(input: { requestId: $request, tripId: $trip, price: $price, message: "Happy to take it" }) {
    deliveryOffer { ${OFFER_FIELDS} } } }`;
const INVITE = `mutation ($request: UUID!, $trip: UUID!, $price: BigInt!) {
  inviteTraveler(input: { requestId: $request, tripId: $trip, price: $price }) { deliveryOffer { ${OFFER_FIELDS} } } }`;
const COUNTER = `mutation ($offer: UUID!, $price: BigInt!) {
  counterOffer(input: { offerId: $offer, price: $price, message: "How about this?" }) { deliveryOffer { ${OFFER_FIELDS} } } }`;
const ACCEPT = `mutation ($offer: UUID!, $version: Int!) {
  acceptOffer(input: { offerId: $offer, version: $version }) { delivery { rowId deliveryNumber status finalPrice platformFee currency } } }`;
const DECLINE = `mutation ($offer: UUID!, $reason: OfferDeclineReason!) {
  declineOffer(input: { offerId: $offer, reason: $reason, note: "Too far" }) { deliveryOffer { ${OFFER_FIELDS} } } }`;
const WITHDRAW = `mutation ($offer: UUID!) {
  withdrawOffer(input: { offerId: $offer, reason: schedule_changed }) { deliveryOffer { ${OFFER_FIELDS} } } }`;

const requestStatus = (id: string) => asRoot(db, async (c) =>
  (await c.query("select status from app_public.delivery_requests where id = $1", [id])).rows[0].status as string);
const offersOf = (requestId: string) => asRoot(db, async (c) => Number((await c.query(
  "select count(*) from app_public.delivery_offers where request_id = $1", [requestId])).rows[0].count));

test("offer → counter → counter → accept: versions, turns, the delivery, capacity, the other threads declined", async (t) => {
  const m = await createMarket(db);
  const rival = await createMember(db, "traveler");
  const rivalTrip = await createTrip(db, rival);
  const rivalToken = await tokenFor(db, rival);

  const first = await server.gql(SUBMIT, { token: m.travelerToken, variables: { request: m.request, trip: m.trip, price: 4000 } });
  t.is(first.errors, undefined);
  const offer = first.data!.submitOffer.deliveryOffer;
  t.like(offer, { status: "pending", currentVersion: 1, awaitingParty: "customer", price: "4000" });
  t.is(await requestStatus(m.request), "matched", "a live offer makes the request matched");
  const rivalOffer = (await server.gql(SUBMIT, { token: rivalToken, variables: { request: m.request, trip: rivalTrip, price: 4500 } }))
    .data!.submitOffer.deliveryOffer;

  t.is(errorCode(await server.gql(COUNTER, { token: m.travelerToken, variables: { offer: offer.rowId, price: 3900 } })), "DNIED",
    "only the awaited side may counter");
  const v2 = await server.gql(COUNTER, { token: m.customerToken, variables: { offer: offer.rowId, price: 3000 } });
  t.like(v2.data!.counterOffer.deliveryOffer, { currentVersion: 2, awaitingParty: "traveler", price: "3000" });
  const v3 = await server.gql(COUNTER, { token: m.travelerToken, variables: { offer: offer.rowId, price: 3500 } });
  t.like(v3.data!.counterOffer.deliveryOffer, { currentVersion: 3, awaitingParty: "customer", price: "3500" });

  t.is(errorCode(await server.gql(ACCEPT, { token: m.customerToken, variables: { offer: offer.rowId, version: 2 } })), "STALE");
  t.is(errorCode(await server.gql(ACCEPT, { token: m.travelerToken, variables: { offer: offer.rowId, version: 3 } })), "DNIED",
    "a side cannot accept its own proposal");
  const accepted = await server.gql(ACCEPT, { token: m.customerToken, variables: { offer: offer.rowId, version: 3 } });
  t.is(accepted.errors, undefined);
  const delivery = accepted.data!.acceptOffer.delivery;
  t.like(delivery, { status: "accepted", finalPrice: "3500", platformFee: "350", currency: "EUR" });
  t.regex(delivery.deliveryNumber, /^DEL-\d{8}$/);

  const state = await asRoot(db, async (c) => ({
    offers: (await c.query("select traveler_id, status, decline_reason, terms_hash is not null as hashed from app_public.delivery_offers where request_id = $1 order by price", [m.request])).rows,
    versions: (await c.query("select version, proposed_by, price from app_public.offer_versions where offer_id = $1 order by version", [offer.rowId])).rows,
    trip: (await c.query("select available_weight_kg, available_items from app_public.trips where id = $1", [m.trip])).rows[0],
    reservation: (await c.query("select status, weight_kg from app_public.trip_capacity_reservations where delivery_id = $1", [delivery.rowId])).rows[0],
    history: (await c.query("select from_status, to_status, source from app_public.delivery_status_history where delivery_id = $1", [delivery.rowId])).rows,
  }));
  t.deepEqual(state.offers, [
    { traveler_id: m.traveler, status: "accepted", decline_reason: null, hashed: true },
    { traveler_id: rival, status: "declined", decline_reason: "another_offer_accepted", hashed: false },
  ]);
  t.deepEqual(state.versions, [
    { version: 1, proposed_by: "traveler", price: "4000" },
    { version: 2, proposed_by: "customer", price: "3000" },
    { version: 3, proposed_by: "traveler", price: "3500" },
  ]);
  t.deepEqual(state.trip, { available_weight_kg: "18.00", available_items: 4 });
  t.deepEqual(state.reservation, { status: "reserved", weight_kg: "2.00" });
  t.deepEqual(state.history, [{ from_status: null, to_status: "accepted", source: "user" }]);
  const paymentJob = await asRoot(db, async (c) => (await c.query(
    `select t.identifier as task_identifier, j.payload from graphile_worker._private_jobs j
       join graphile_worker._private_tasks t on t.id = j.task_id where j.key = $1`,
    [`payments__create_intent:${delivery.rowId}`])).rows);
  t.deepEqual(paymentJob, [{ task_identifier: "payments__create_intent", payload: { id: delivery.rowId } }],
    "the payment authorisation job waits for the payments issue's task");
  t.is(await requestStatus(m.request), "accepted");

  t.is(errorCode(await server.gql(ACCEPT, { token: m.customerToken, variables: { offer: offer.rowId, version: 3 } })), "BADST",
    "accepting twice creates nothing");
  t.is(errorCode(await server.gql(ACCEPT, { token: m.customerToken, variables: { offer: rivalOffer.rowId, version: 1 } })), "BADST");
  t.is(errorCode(await server.gql(SUBMIT, { token: rivalToken, variables: { request: m.request, trip: rivalTrip, price: 100 } })), "BADST",
    "an accepted request takes no more offers");
});

test("versions are immutable, even for the owner role", async (t) => {
  const m = await createMarket(db);
  const offer = (await server.gql(SUBMIT, { token: m.travelerToken, variables: { request: m.request, trip: m.trip, price: 4000 } }))
    .data!.submitOffer.deliveryOffer;
  const error = await sqlstate(queryAsRoot(db, "update app_public.offer_versions set price = 1 where offer_id = $1", [offer.rowId]));
  t.is(error, "DNIED");
});

test("submitting is refused with a clear code for every rule, and writes nothing", async (t) => {
  const cases: Array<[string, () => Promise<{ token: string; request: string; trip: string; price: number }>, string]> = [
    ["a price of 0", async () => { const m = await createMarket(db); return { token: m.travelerToken, request: m.request, trip: m.trip, price: 0 }; }, "INVAL"],
    ["a price above max_price", async () => { const m = await createMarket(db); return { token: m.travelerToken, request: m.request, trip: m.trip, price: 5001 }; }, "INVAL"],
    ["a traveler below phone_verified", async () => { const m = await createMarket(db, { travelerLevel: "email_verified" }); return { token: m.travelerToken, request: m.request, trip: m.trip, price: 3000 }; }, "DNIED"],
    ["an unknown request", async () => { const m = await createMarket(db); return { token: m.travelerToken, request: "00000000-0000-4000-8000-000000000000", trip: m.trip, price: 3000 }; }, "NTFND"],
    ["another traveler's trip", async () => { const m = await createMarket(db); const other = await createMarket(db); return { token: m.travelerToken, request: m.request, trip: other.trip, price: 3000 }; }, "NTFND"],
    ["a trip too small", async () => { const m = await createMarket(db, { request: { weightKg: 8, quantity: 3 }, trip: { weightKg: 20 } }); return { token: m.travelerToken, request: m.request, trip: m.trip, price: 3000 }; }, "CAPAC"],
    ["a fragile item on a no-fragile trip", async () => { const m = await createMarket(db, { request: { isFragile: true }, trip: { noFragile: true } }); return { token: m.travelerToken, request: m.request, trip: m.trip, price: 3000 }; }, "INVAL"],
    ["an item worth more than the trip accepts", async () => { const m = await createMarket(db, { request: { declaredValue: 9000 }, trip: { maxItemValue: 8000 } }); return { token: m.travelerToken, request: m.request, trip: m.trip, price: 3000 }; }, "INVAL"],
    ["a departed trip", async () => { const m = await createMarket(db); await asRoot(db, (c) => c.query("update app_public.trips set status = 'active' where id = $1", [m.trip])); return { token: m.travelerToken, request: m.request, trip: m.trip, price: 3000 }; }, "BADST"],
    ["an expired request", async () => { const m = await createMarket(db); await setTimesAgo(db, "app_public.delivery_requests", m.request, { created_at: "2 days", expires_at: "1 second" }); return { token: m.travelerToken, request: m.request, trip: m.trip, price: 3000 }; }, "EXPRD"],
    ["a blacklisting customer", async () => { const m = await createMarket(db); await asRoot(db, (c) => c.query("update app_public.delivery_requests set blacklisted_travelers = array[$2::uuid] where id = $1", [m.request, m.traveler])); return { token: m.travelerToken, request: m.request, trip: m.trip, price: 3000 }; }, "DNIED"],
    ["a block by the customer", async () => { const m = await createMarket(db); await asRoot(db, (c) => c.query("insert into app_public.user_blocks (blocker_id, blocked_id, reason) values ($1, $2, 'spam')", [m.customer, m.traveler])); return { token: m.travelerToken, request: m.request, trip: m.trip, price: 3000 }; }, "DNIED"],
    ["a traveler without ratings on a rated request", async () => { const m = await createMarket(db, { request: { minRating: 4 } }); return { token: m.travelerToken, request: m.request, trip: m.trip, price: 3000 }; }, "DNIED"],
    ["an unverified identity on a verification-required request", async () => { const m = await createMarket(db, { request: { verificationRequired: true } }); return { token: m.travelerToken, request: m.request, trip: m.trip, price: 3000 }; }, "DNIED"],
    ["a phone-verified traveler and a valuable item", async () => { const m = await createMarket(db, { request: { declaredValue: 20001 } }); return { token: m.travelerToken, request: m.request, trip: m.trip, price: 3000 }; }, "DNIED"],
  ];
  for (const [label, setup, expected] of cases) {
    const { token, request, trip, price } = await setup();
    const res = await server.gql(SUBMIT, { token, variables: { request, trip, price } });
    t.is(errorCode(res), expected, label);
    if (request !== "00000000-0000-4000-8000-000000000000") t.is(await offersOf(request), 0, `${label}: nothing written`);
  }
});

test("one's own request, a second live thread and a fourth thread are refused", async (t) => {
  const both = await createMember(db, "both");
  const ownRequest = await createRequest(db, both);
  const ownTrip = await createTrip(db, both);
  const bothToken = await tokenFor(db, both);
  t.is(errorCode(await server.gql(SUBMIT, { token: bothToken, variables: { request: ownRequest, trip: ownTrip, price: 3000 } })), "DNIED");

  const m = await createMarket(db);
  const vars = { request: m.request, trip: m.trip, price: 3000 };
  const first = (await server.gql(SUBMIT, { token: m.travelerToken, variables: vars })).data!.submitOffer.deliveryOffer;
  t.is(errorCode(await server.gql(SUBMIT, { token: m.travelerToken, variables: vars })), "BADST");
  // A traveler may offer again after a decline or a withdrawal, up to 3 threads per request.
  await server.gql(DECLINE, { token: m.customerToken, variables: { offer: first.rowId, reason: "price_too_high" } });
  t.is(await requestStatus(m.request), "pending", "no live thread left: pending again");
  const second = (await server.gql(SUBMIT, { token: m.travelerToken, variables: vars })).data!.submitOffer.deliveryOffer;
  t.like((await server.gql(WITHDRAW, { token: m.travelerToken, variables: { offer: second.rowId } })).data!.withdrawOffer.deliveryOffer,
    { status: "withdrawn", withdrawReason: "schedule_changed" });
  const third = (await server.gql(SUBMIT, { token: m.travelerToken, variables: vars })).data!.submitOffer.deliveryOffer;
  await server.gql(WITHDRAW, { token: m.travelerToken, variables: { offer: third.rowId } });
  t.is(errorCode(await server.gql(SUBMIT, { token: m.travelerToken, variables: vars })), "LIMIT");
});

test("decline and withdraw: who may do which, with which reasons", async (t) => {
  const m = await createMarket(db);
  const offer = (await server.gql(SUBMIT, { token: m.travelerToken, variables: { request: m.request, trip: m.trip, price: 4000 } }))
    .data!.submitOffer.deliveryOffer;
  t.is(errorCode(await server.gql(WITHDRAW, { token: m.customerToken, variables: { offer: offer.rowId } })), "DNIED");
  t.is(errorCode(await server.gql(DECLINE, { token: m.travelerToken, variables: { offer: offer.rowId, reason: "other" } })), "DNIED",
    "a traveler withdraws their own proposal rather than declining it");
  t.is(errorCode(await server.gql(DECLINE, { token: m.customerToken, variables: { offer: offer.rowId, reason: "another_offer_accepted" } })), "INVAL");
  const stranger = await tokenFor(db, (await createUser(db)).id);
  t.is(errorCode(await server.gql(DECLINE, { token: stranger, variables: { offer: offer.rowId, reason: "other" } })), "NTFND");

  await server.gql(COUNTER, { token: m.customerToken, variables: { offer: offer.rowId, price: 2000 } });
  const declined = await server.gql(DECLINE, { token: m.travelerToken, variables: { offer: offer.rowId, reason: "price_too_high" } });
  t.like(declined.data!.declineOffer.deliveryOffer, { status: "declined", declineReason: "price_too_high" });
  t.is(errorCode(await server.gql(COUNTER, { token: m.customerToken, variables: { offer: offer.rowId, price: 2500 } })), "BADST");
});

test("auto-accept happens inside the submitting transaction, from either side's standing price", async (t) => {
  const m = await createMarket(db, { request: { autoAcceptPrice: 3000 } });
  const above = await server.gql(SUBMIT, { token: m.travelerToken, variables: { request: m.request, trip: m.trip, price: 3100 } });
  t.is(above.data!.submitOffer.deliveryOffer.status, "pending");
  await server.gql(WITHDRAW, { token: m.travelerToken, variables: { offer: above.data!.submitOffer.deliveryOffer.rowId } });
  const under = await server.gql(SUBMIT, { token: m.travelerToken, variables: { request: m.request, trip: m.trip, price: 2900 } });
  t.is(under.data!.submitOffer.deliveryOffer.status, "accepted");
  t.is(await requestStatus(m.request), "accepted");

  // Trip-first: the trip accepts invitations at or above its price when its traveler is fully verified.
  const fully = await createMarket(db, { travelerLevel: "fully_verified", trip: { autoAcceptPrice: 2500 } });
  const invited = await server.gql(INVITE, { token: fully.customerToken, variables: { request: fully.request, trip: fully.trip, price: 2600 } });
  t.is(invited.errors, undefined);
  t.is(invited.data!.inviteTraveler.deliveryOffer.status, "accepted");
  const notFully = await createMarket(db, { travelerLevel: "id_verified", trip: { autoAcceptPrice: 2500 } });
  const waiting = await server.gql(INVITE, { token: notFully.customerToken, variables: { request: notFully.request, trip: notFully.trip, price: 2600 } });
  t.like(waiting.data!.inviteTraveler.deliveryOffer, { status: "pending", awaitingParty: "traveler" });
  const accepted = await server.gql(ACCEPT, { token: notFully.travelerToken,
    variables: { offer: waiting.data!.inviteTraveler.deliveryOffer.rowId, version: 1 } });
  t.is(accepted.data!.acceptOffer.delivery.status, "accepted");
});

test("an expired version cannot be accepted; the expiry job closes it and the request is pending again", async (t) => {
  const m = await createMarket(db);
  const offer = (await server.gql(SUBMIT, { token: m.travelerToken, variables: { request: m.request, trip: m.trip, price: 4000 } }))
    .data!.submitOffer.deliveryOffer;
  t.true(new Date(offer.validUntil).getTime() - Date.now() <= 24 * 3600 * 1000 + 5000, "valid 24 hours");
  await setTimesAgo(db, "app_public.delivery_offers", offer.rowId, { valid_until: "1 second" });
  t.is(errorCode(await server.gql(ACCEPT, { token: m.customerToken, variables: { offer: offer.rowId, version: 1 } })), "EXPRD");
  const expired = await asRoot(db, async (c) => (await c.query("select app_private.expire_offers() as n")).rows[0].n);
  t.true(expired >= 1);
  t.is(await requestStatus(m.request), "pending");
  t.is(await asRoot(db, async (c) => (await c.query("select status from app_public.delivery_offers where id = $1", [offer.rowId])).rows[0].status), "expired");
});

test("a negotiation stops at 10 versions", async (t) => {
  const m = await createMarket(db);
  const offer = (await server.gql(SUBMIT, { token: m.travelerToken, variables: { request: m.request, trip: m.trip, price: 4000 } }))
    .data!.submitOffer.deliveryOffer;
  for (let version = 2; version <= 10; version++) {
    const token = version % 2 === 0 ? m.customerToken : m.travelerToken;
    const res = await server.gql(COUNTER, { token, variables: { offer: offer.rowId, price: 3000 + version } });
    t.is(res.data?.counterOffer.deliveryOffer.currentVersion, version);
  }
  t.is(errorCode(await server.gql(COUNTER, { token: m.travelerToken, variables: { offer: offer.rowId, price: 3500 } })), "LIMIT");
});

test("RLS: threads and versions are seen by their two parties and admins only; nobody writes them directly", async (t) => {
  const m = await createMarket(db);
  const offer = (await server.gql(SUBMIT, { token: m.travelerToken, variables: { request: m.request, trip: m.trip, price: 4000 } }))
    .data!.submitOffer.deliveryOffer;
  const { id: admin } = await createUser(db);
  await makeAdmin(db, admin, "support");
  const stranger = await tokenFor(db, (await createUser(db)).id);
  const LIST = `query ($id: UUID!) { deliveryOffers(condition: { rowId: $id }) { nodes { rowId offerVersionsByOfferId { totalCount } } } }`;
  for (const [who, token, seen] of [["customer", m.customerToken, 1], ["traveler", m.travelerToken, 1],
    ["admin", await tokenFor(db, admin), 1], ["stranger", stranger, 0]] as const) {
    const res = await server.gql(LIST, { token, variables: { id: offer.rowId } });
    t.is(res.data?.deliveryOffers.nodes.length, seen, who);
    if (seen) t.is(res.data!.deliveryOffers.nodes[0].offerVersionsByOfferId.totalCount, 1, `${who} sees the versions`);
  }
  const visitor = await server.gql(LIST, { variables: { id: offer.rowId } });
  t.truthy(visitor.errors, "visitors cannot list offers");
  for (const actor of [anonymous, user(m.customer), user(m.traveler), user(admin)]) {
    await actAs(db, actor, async (c) => {
      for (const sql of [
        "update app_public.delivery_offers set price = 1 where id = $1",
        "delete from app_public.delivery_offers where id = $1",
        "insert into app_public.offer_versions (offer_id, version, proposed_by, price, valid_until) values ($1, 2, 'customer', 1, now())",
        "update app_public.offer_versions set price = 1 where offer_id = $1",
        "delete from app_public.offer_versions where offer_id = $1",
      ]) {
        await c.query("savepoint probe");
        t.is(await sqlstate(c.query(sql, [offer.rowId])), "42501", `${actor.kind}: ${sql}`);
        await c.query("rollback to savepoint probe");
      }
    });
  }
  const mutations = (await server.gql(`{ __type(name: "Mutation") { fields { name } } }`)).data!.__type.fields
    .map((f: { name: string }) => f.name);
  for (const name of ["createDeliveryOffer", "updateDeliveryOffer", "deleteDeliveryOffer", "createOfferVersion", "updateOfferVersion"]) {
    t.false(mutations.includes(name), name);
  }
});
