// Deliveries (docs/deliveries.md): the state machine enforced by the transition table and its trigger, the history,
// the request following the delivery, cancellations and their effects, statistics, contacts and RLS.
import test from "ava";
import { actAs, anonymous, createMember, createUser, makeAdmin, tokenFor, user } from "../helpers/actors.ts";
import { asRoot, outcome } from "../helpers/database.ts";
import { errorCode, sqlstate } from "../helpers/errors.ts";
import { readyFile } from "../helpers/files.ts";
import { handOver } from "../helpers/handover.ts";
import { capacityInvariantGaps, createAcceptedDelivery, createTrip } from "../helpers/marketplace.ts";
import { useTestServer } from "../helpers/server.ts";
import { hoursFromNow, setTimesAgo } from "../helpers/time.ts";

const { db, server } = useTestServer(test);

const FIELDS = "rowId status pickupTime pickedUpAt deliveredAt cancellationReason";
const step = (name: string, args = "") =>
  `mutation ($id: UUID!) { ${name}(input: { deliveryId: $id${args} }) { delivery { ${FIELDS} } } }`;
const CANCEL = `mutation ($id: UUID!, $reason: DeliveryCancelReason!) {
  cancelDelivery(input: { deliveryId: $id, reason: $reason, note: "Plans changed" }) { delivery { ${FIELDS} } } }`;
const REFUSE = `mutation ($id: UUID!, $photo: UUID) {
  refusePickup(input: { deliveryId: $id, reason: item_not_as_described, pickupPhotoId: $photo }) { delivery { ${FIELDS} } } }`;
const CONTACTS = `query ($id: UUID!) { deliveryContacts(deliveryId: $id) {
  counterpartName counterpartPhone pickupAddress pickupContactPhone deliveryAddress availableUntil } }`;

const NO_GAP = { weight: 0, volume: 0, items: 0 };
const snapshot = async (d: { id: string; request: string; trip: string; customer: string; traveler: string }) => ({
  ...await details(d),
  // capacity − available = Σ reserved + consumed, at every step
  capacityGaps: await capacityInvariantGaps(db, d.trip),
});
const details = (d: { id: string; request: string; trip: string; customer: string; traveler: string }) => asRoot(db, async (c) => ({
  request: (await c.query("select status from app_public.delivery_requests where id = $1", [d.request])).rows[0].status,
  reservation: (await c.query("select status from app_public.trip_capacity_reservations where delivery_id = $1", [d.id])).rows[0].status,
  available: (await c.query("select available_weight_kg from app_public.trips where id = $1", [d.trip])).rows[0].available_weight_kg,
  offer: (await c.query("select o.status from app_public.delivery_offers o join app_public.deliveries d on d.offer_id = o.id where d.id = $1", [d.id])).rows[0].status,
  history: (await c.query("select coalesce(from_status::text, '-') || '>' || to_status as step from app_public.delivery_status_history where delivery_id = $1 order by created_at", [d.id])).rows.map((r) => r.step),
  stats: (await c.query(`select user_id = $2 as traveler, total_deliveries, successful_deliveries, cancelled_deliveries,
      deliveries_as_traveler, successful_as_traveler, cancelled_as_traveler
      from app_public.user_statistics where user_id in ($1, $2) order by 1`, [d.customer, d.traveler])).rows,
}));

test("the whole way: schedule, pickup, transit, drop-off scheduling, delivery, receipt; history, request and statistics follow", async (t) => {
  const d = await createAcceptedDelivery(db, server);
  const schedule = await server.gql(step("schedulePickup", ", at: $at").replace("($id: UUID!)", "($id: UUID!, $at: Datetime!)"),
    { token: d.customerToken, variables: { id: d.id, at: hoursFromNow(60) } });
  t.is(schedule.data?.schedulePickup.delivery.status, "pickup_scheduled");
  // The handovers are scans of the customer's codes (test/handover has their refusals).
  await handOver(db, server, d, "pickup");
  t.is((await server.gql(`query ($id: UUID!) { delivery(rowId: $id) { status } }`, { token: d.travelerToken, variables: { id: d.id } }))
    .data?.delivery.status, "picked_up");
  t.like(await snapshot(d), { request: "picked_up", reservation: "reserved", available: "18.00", capacityGaps: NO_GAP },
    "an item on board still holds its capacity; only delivery consumes it");
  t.is(errorCode(await server.gql(CANCEL, { token: d.customerToken, variables: { id: d.id, reason: "no_longer_needed" } })), "BADST",
    "after pickup only an admin cancels");
  t.is((await server.gql(step("startTransit"), { token: d.travelerToken, variables: { id: d.id } })).data?.startTransit.delivery.status, "in_transit");
  t.is((await snapshot(d)).request, "in_transit");
  const dropoff = await server.gql(step("scheduleDropoff", ", at: $at").replace("($id: UUID!)", "($id: UUID!, $at: Datetime!)"),
    { token: d.customerToken, variables: { id: d.id, at: hoursFromNow(80) } });
  t.is(dropoff.data?.scheduleDropoff.delivery.status, "delivery_scheduled");
  await handOver(db, server, d, "delivery");
  const delivered = await server.gql(`query ($id: UUID!) { delivery(rowId: $id) { ${FIELDS} } }`, { token: d.travelerToken, variables: { id: d.id } });
  t.is(delivered.data?.delivery.status, "delivered");
  t.truthy(delivered.data?.delivery.deliveredAt);
  t.is(errorCode(await server.gql(step("confirmReceipt"), { token: d.travelerToken, variables: { id: d.id } })), "DNIED");
  t.is(errorCode(await server.gql(step("confirmReceipt").replace(FIELDS, "rowId receiptConfirmedAt"), { token: d.customerToken, variables: { id: d.id } })), undefined);

  const after = await snapshot(d);
  t.like(after, { request: "delivered", reservation: "consumed", available: "18.00", offer: "accepted", capacityGaps: NO_GAP },
    "delivery consumes the capacity, which is never given back");
  t.deepEqual(after.history, ["->accepted", "accepted>pickup_scheduled", "pickup_scheduled>picked_up",
    "picked_up>in_transit", "in_transit>delivery_scheduled", "delivery_scheduled>delivered"]);
  t.deepEqual(after.stats, [
    { traveler: false, total_deliveries: 1, successful_deliveries: 1, cancelled_deliveries: 0, deliveries_as_traveler: 0, successful_as_traveler: 0, cancelled_as_traveler: 0 },
    { traveler: true, total_deliveries: 1, successful_deliveries: 1, cancelled_deliveries: 0, deliveries_as_traveler: 1, successful_as_traveler: 1, cancelled_as_traveler: 0 },
  ]);
  const money = await asRoot(db, async (c) => (await c.query(
    "select user_id = $2 as traveler, total_earnings, total_spent from app_public.user_earnings where user_id in ($1, $2) and currency = 'EUR' order by 1",
    [d.customer, d.traveler])).rows);
  t.deepEqual(money, [{ traveler: false, total_earnings: "0", total_spent: "3426" }, { traveler: true, total_earnings: "3000", total_spent: "0" }],
    "the delivery's currency row: the traveler earns the price, the customer pays the full charge (3000 + 300 + 126)");
  t.is(errorCode(await server.gql(CANCEL, { token: d.customerToken, variables: { id: d.id, reason: "no_longer_needed" } })), "BADST",
    "delivered never becomes cancelled");
});

test("the transition table is enforced by the trigger, even for the owner writing SQL by hand", async (t) => {
  const d = await createAcceptedDelivery(db, server);
  const attempt = (sql: string) => sqlstate(asRoot(db, (c) => c.query(sql, [d.id])));
  t.is(await attempt("update app_public.deliveries set status = 'delivered' where id = $1"), "BADST", "no cause given");
  t.is(await attempt(`select app_hidden.transition_delivery($1, 'delivered', 'user', null)`), "BADST", "accepted → delivered skips the pickup");
  t.is(await attempt(`select app_hidden.transition_delivery($1, 'picked_up', 'system', null)`), "BADST", "the system cannot pick up");
  t.is(await attempt(`select app_hidden.transition_delivery($1, 'picked_up', 'user', null)`), "BADST",
    "the traveler's word alone no longer picks up: a scan, a backup code or an override does");
  t.is(await attempt(`select app_hidden.transition_delivery($1, 'disputed', 'user', null)`), "BADST", "nothing to dispute before pickup");
  t.is(await attempt("update app_public.delivery_status_history set reason = 'x' where delivery_id = $1"), "DNIED", "history is append-only");
  t.is((await snapshot(d)).history.length, 1);
});

test("the customer cancels before pickup: capacity released, offer cancelled, request ended, cancellations counted", async (t) => {
  const d = await createAcceptedDelivery(db, server);
  t.is(errorCode(await server.gql(CANCEL, { token: d.customerToken, variables: { id: d.id, reason: "admin_decision" } })), "INVAL",
    "platform reasons are for admins");
  const res = await server.gql(CANCEL, { token: d.customerToken, variables: { id: d.id, reason: "found_alternative" } });
  t.is(res.errors, undefined);
  t.like(res.data?.cancelDelivery.delivery, { status: "cancelled", cancellationReason: "found_alternative" });
  const after = await snapshot(d);
  t.like(after, { request: "cancelled", reservation: "released", available: "20.00", offer: "cancelled", capacityGaps: NO_GAP });
  t.deepEqual(after.stats.map((s) => [s.total_deliveries, s.cancelled_deliveries, s.cancelled_as_traveler]), [[1, 1, 0], [1, 1, 0]]);
});

test("the traveler cancels: the request reopens for offers and the traveler's cancellation counts", async (t) => {
  const d = await createAcceptedDelivery(db, server);
  await server.gql(CANCEL, { token: d.travelerToken, variables: { id: d.id, reason: "schedule_changed" } });
  const after = await snapshot(d);
  t.like(after, { request: "pending", reservation: "released", available: "20.00" });
  t.deepEqual(after.stats.map((s) => [s.traveler, s.cancelled_as_traveler]), [[false, 0], [true, 1]]);
  // The reopened request can be accepted again: one live delivery per request, cancelled ones aside.
  const other = await createMember(db, "traveler");
  const trip = await createTrip(db, other);
  const offer = await server.gql(`mutation ($r: UUID!, $t: UUID!) { submitOffer(input: { requestId: $r, tripId: $t, price: "2000" }) {
    deliveryOffer { rowId } } }`, { token: await tokenFor(db, other), variables: { r: d.request, t: trip } });
  const again = await server.gql(`mutation ($o: UUID!) { acceptOffer(input: { offerId: $o, version: 1 }) { delivery { status } } }`,
    { token: d.customerToken, variables: { o: offer.data!.submitOffer.deliveryOffer.rowId } });
  t.deepEqual(again.data, { acceptOffer: { delivery: { status: "accepted" } } });
});

test("a refused pickup needs a photo and a refusal reason, and carries no penalty for the traveler", async (t) => {
  const d = await createAcceptedDelivery(db, server);
  // The photo's own rules (owner, purpose, ready) and the upload: test/files/attachments.test.ts.
  const photo = await readyFile(db, d.traveler, "refused_pickup");
  t.is(errorCode(await server.gql(REFUSE, { token: d.travelerToken, variables: { id: d.id, photo: null } })), "INVAL");
  t.is(errorCode(await server.gql(REFUSE, { token: d.customerToken,
    variables: { id: d.id, photo: await readyFile(db, d.customer, "refused_pickup") } })), "DNIED");
  const res = await server.gql(REFUSE, { token: d.travelerToken, variables: { id: d.id, photo } });
  t.is(res.data?.refusePickup.delivery.status, "cancelled");
  const after = await snapshot(d);
  t.like(after, { request: "cancelled", reservation: "released" });
  t.deepEqual(after.stats.map((s) => [s.traveler, s.cancelled_as_traveler]), [[false, 0], [true, 0]]);
});

test("an admin with deliveries.write may cancel after pickup; a support admin may not", async (t) => {
  const d = await createAcceptedDelivery(db, server);
  await handOver(db, server, d, "pickup");
  const { id: support } = await createUser(db);
  await makeAdmin(db, support, "support");
  t.is(errorCode(await server.gql(CANCEL, { token: await tokenFor(db, support), variables: { id: d.id, reason: "admin_decision" } })), "NTFND");
  const { id: admin } = await createUser(db);
  await makeAdmin(db, admin, "admin");
  const res = await server.gql(CANCEL, { token: await tokenFor(db, admin), variables: { id: d.id, reason: "admin_decision" } });
  t.is(res.data?.cancelDelivery.delivery.status, "cancelled");
  t.like(await snapshot(d), { request: "cancelled", reservation: "released", available: "20.00", capacityGaps: NO_GAP },
    "an admin cancelling after pickup releases the capacity (only delivery consumes it)");
});

test("a delivered delivery cancelled after a dispute keeps its capacity consumed", async (t) => {
  const d = await createAcceptedDelivery(db, server);
  await handOver(db, server, d, "pickup");
  await handOver(db, server, d, "delivery");
  await asRoot(db, async (c) => {
    await c.query("select app_hidden.transition_delivery($1, 'disputed', 'user', $2)", [d.id, d.customer]);
    // An admin's resolution in the customer's favour (the disputes issue will have its own function for it).
    await c.query("update app_public.deliveries set cancellation_reason = 'admin_decision' where id = $1", [d.id]);
    await c.query("select app_hidden.transition_delivery($1, 'cancelled', 'admin', null, 'dispute resolved')", [d.id]);
  });
  t.like(await snapshot(d), { reservation: "consumed", available: "18.00", capacityGaps: NO_GAP },
    "capacity is consumed, never returned, at delivery");
});

test("contacts: the parties see each other and the exact places until 48 h after delivery; nobody else", async (t) => {
  const d = await createAcceptedDelivery(db, server);
  const forCustomer = await server.gql(CONTACTS, { token: d.customerToken, variables: { id: d.id } });
  t.like(forCustomer.data?.deliveryContacts, { counterpartName: "Tom Weber", counterpartPhone: d.phone,
    pickupAddress: "12 Rue de Rivoli, Paris", pickupContactPhone: "+33612345678", deliveryAddress: "5 Alexanderplatz, Berlin" });
  const forTraveler = await server.gql(CONTACTS, { token: d.travelerToken, variables: { id: d.id } });
  t.like(forTraveler.data?.deliveryContacts, { counterpartName: "Claire Martin", counterpartPhone: null },
    "an unverified phone is not shown");
  const stranger = await tokenFor(db, (await createUser(db)).id);
  t.is(errorCode(await server.gql(CONTACTS, { token: stranger, variables: { id: d.id } })), "NTFND");

  await handOver(db, server, d, "pickup");
  await handOver(db, server, d, "delivery");
  await setTimesAgo(db, "app_public.deliveries", d.id, { delivered_at: "49 hours" });
  t.is(errorCode(await server.gql(CONTACTS, { token: d.customerToken, variables: { id: d.id } })), "EXPRD");
});

test("RLS: deliveries, their history and active_deliveries for the parties and admins; no direct writes for anyone", async (t) => {
  const d = await createAcceptedDelivery(db, server);
  const { id: stranger } = await createUser(db);
  const { id: admin } = await createUser(db);
  await makeAdmin(db, admin, "support");
  const count = (sql: string, actor: ReturnType<typeof user>) => actAs(db, actor, async (c) =>
    Number((await c.query(`select count(*) from (${sql}) x`, [d.id])).rows[0].count));
  for (const [who, id, seen] of [["customer", d.customer, 1], ["traveler", d.traveler, 1], ["admin", admin, 1], ["stranger", stranger, 0]] as const) {
    t.is(await count("select * from app_public.deliveries where id = $1", user(id)), seen, `${who}: deliveries`);
    t.is(await count("select * from app_public.delivery_status_history where delivery_id = $1", user(id)), seen, `${who}: history`);
    t.is(await count("select * from app_public.active_deliveries where id = $1", user(id)), seen, `${who}: active_deliveries`);
  }
  await actAs(db, anonymous, async (c) => {
    for (const table of ["deliveries", "delivery_status_history", "active_deliveries", "delivery_transitions"]) {
      t.is(await outcome(c, `select * from app_public.${table}`), "42501", `visitors: ${table}`);
    }
  });
  const view = await server.gql(`{ activeDeliveries { nodes { rowId customerName travelerName pickupAddress } } }`, { token: d.travelerToken });
  t.deepEqual(view.data?.activeDeliveries.nodes.find((n: { rowId: string }) => n.rowId === d.id),
    { rowId: d.id, customerName: "Claire M.", travelerName: "Tom W.", pickupAddress: "12 Rue de Rivoli, Paris" },
    "the traveler of a live delivery sees its exact addresses");

  for (const actor of [anonymous, user(d.customer), user(d.traveler), user(admin)]) {
    await actAs(db, actor, async (c) => {
      for (const sql of [
        "update app_public.deliveries set status = 'delivered' where id = $1",
        "delete from app_public.deliveries where id = $1",
        "insert into app_public.delivery_status_history (delivery_id, to_status, source) values ($1, 'delivered', 'user')",
        "delete from app_public.delivery_status_history where delivery_id = $1",
        "insert into app_public.delivery_transitions values ('delivered', 'cancelled', 'user') returning $1::uuid",
      ]) {
        await c.query("savepoint probe");
        t.is(await sqlstate(c.query(sql, [d.id])), "42501", `${actor.kind}: ${sql}`);
        await c.query("rollback to savepoint probe");
      }
    });
  }
});

test("step refusals: past or misordered times, steps out of turn, the wrong party, receipts and contacts too early or too late", async (t) => {
  const d = await createAcceptedDelivery(db, server);
  const at = (name: string) => step(name, ", at: $at").replace("($id: UUID!)", "($id: UUID!, $at: Datetime!)");
  t.is(errorCode(await server.gql(at("schedulePickup"), { token: d.customerToken, variables: { id: d.id, at: hoursFromNow(-1) } })), "INVAL",
    "a pickup in the past");
  t.is(errorCode(await server.gql(at("scheduleDropoff"), { token: d.customerToken, variables: { id: d.id, at: hoursFromNow(90) } })), "BADST",
    "no drop-off to schedule before the item travels");
  t.is(errorCode(await server.gql(step("startTransit"), { token: d.travelerToken, variables: { id: d.id } })), "BADST",
    "no transit before pickup");
  t.is(errorCode(await server.gql(step("confirmReceipt"), { token: d.customerToken, variables: { id: d.id } })), "BADST",
    "no receipt before delivery");
  t.is(errorCode(await server.gql(step("startTransit"), { token: d.customerToken, variables: { id: d.id } })), "DNIED",
    "only the traveler reports the transit");
  const stranger = await tokenFor(db, (await createUser(db)).id);
  t.is(errorCode(await server.gql(step("startTransit"), { token: stranger, variables: { id: d.id } })), "NTFND");
  t.is((await snapshot(d)).history.length, 1, "nothing moved");

  await server.gql(CANCEL, { token: d.customerToken, variables: { id: d.id, reason: "no_longer_needed" } });
  t.is(errorCode(await server.gql(CONTACTS, { token: d.customerToken, variables: { id: d.id } })), "BADST",
    "no contacts for a cancelled delivery");
  t.is(errorCode(await server.gql(at("schedulePickup"), { token: d.customerToken, variables: { id: d.id, at: hoursFromNow(50) } })), "BADST");
});
