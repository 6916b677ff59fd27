// Trips over GraphQL (docs/trips.md): every function's happy path, each refusal with its exact error code, and
// nothing half-written after a failure.
import test from "ava";
import { createMember, createUser, makeAdmin, tokenFor } from "../helpers/actors.ts";
import { asRoot, queryAsRoot, setSetting } from "../helpers/database.ts";
import { errorCode } from "../helpers/errors.ts";
import {
  BERLIN, capacityInvariantGaps, createTripAsTraveler, LYON, PARIS, POTSDAM, reserveCapacity, transitionDelivery, tripRow,
} from "../helpers/marketplace.ts";
import { useTestServer } from "../helpers/server.ts";
import { hoursFromNow } from "../helpers/time.ts";

const { db, server } = useTestServer(test);

const TRIP_FIELDS = `rowId travelerId title status tripType capacityWeightKg availableWeightKg capacityVolumeL availableVolumeL
  capacityItems availableItems currency basePrice visibility departureTime arrivalTime originPoint prohibitedCategories
  cancellationReason cancellationNote`;
const CREATE = `mutation ($input: CreateTripInput!) { createTrip(input: $input) { trip { ${TRIP_FIELDS} } } }`;
const UPDATE = `mutation ($input: UpdateTripInput!) { updateTrip(input: $input) { trip { ${TRIP_FIELDS} } } }`;
const START = `mutation ($id: UUID!) { startTrip(input: { tripId: $id }) { trip { status } } }`;
const COMPLETE = `mutation ($id: UUID!) { completeTrip(input: { tripId: $id }) { trip { status } } }`;
const DELAY = `mutation ($id: UUID!, $dep: Datetime, $arr: Datetime) {
  markTripDelayed(input: { tripId: $id, departureTime: $dep, arrivalTime: $arr }) { trip { status departureTime arrivalTime } } }`;
const CANCEL = `mutation ($id: UUID!, $reason: TripCancelReason, $note: String) {
  cancelTrip(input: { tripId: $id, reason: $reason, note: $note }) { trip { ${TRIP_FIELDS} } } }`;
const DUPLICATE = `mutation ($id: UUID!, $dep: Datetime!) { duplicateTrip(input: { tripId: $id, departureTime: $dep }) { trip { ${TRIP_FIELDS} } } }`;
const SAVE_TEMPLATE = `mutation ($id: UUID!, $name: String!) { saveTripTemplate(input: { tripId: $id, name: $name }) {
  tripTemplate { rowId name usageCount tripData } } }`;
const FROM_TEMPLATE = `mutation ($id: UUID!, $dep: Datetime!) { createTripFromTemplate(input: { templateId: $id, departureTime: $dep }) {
  trip { ${TRIP_FIELDS} } } }`;
const SEARCH = `query ($origin: GeoJSON, $destination: GeoJSON, $radius: Float, $minWeight: BigFloat, $q: String, $to: Datetime) {
  searchTrips(origin: $origin, destination: $destination, radiusKm: $radius, minWeightKg: $minWeight, query: $q, departureTo: $to) {
    nodes { rowId } } }`;

const input = (over: Record<string, unknown> = {}) => ({
  title: "Berlin to Paris by car", tripType: "car",
  originAddress: "Alexanderplatz 1, Berlin", originPoint: BERLIN,
  destinationAddress: "Rue de Rivoli 1, Paris", destinationPoint: PARIS,
  departureTime: hoursFromNow(48), arrivalTime: hoursFromNow(60),
  capacityWeightKg: "20", capacityVolumeL: "60", capacityItems: 5, basePrice: "1500", pricePerKg: "200",
  prohibitedCategories: ["food"], ...over,
});
const countTrips = async (travelerId: string) =>
  Number((await queryAsRoot(db, "select count(*) from app_public.trips where traveler_id = $1", [travelerId]))[0]!.count);

test("createTrip: a verified traveler offers a trip; all capacity starts available", async (t) => {
  const traveler = await createMember(db, "traveler", "email_verified");
  const token = await tokenFor(db, traveler);
  const res = await server.gql(CREATE, { token, variables: { input: input() } });
  t.is(res.errors, undefined);
  t.like(res.data!.createTrip.trip, {
    travelerId: traveler, status: "upcoming", tripType: "car", capacityWeightKg: "20.00", availableWeightKg: "20.00",
    capacityVolumeL: "60.00", availableVolumeL: "60.00", capacityItems: 5, availableItems: 5, currency: "USD",
    basePrice: "1500", visibility: "public", originPoint: BERLIN, prohibitedCategories: ["food"],
  });
  const mine = await server.gql(`query ($me: UUID!) { trips(filter: { travelerId: { equalTo: $me } }) { nodes { rowId } } }`,
    { token, variables: { me: traveler } });
  t.deepEqual(mine.data!.trips.nodes, [{ rowId: res.data!.createTrip.trip.rowId }]);
  const both = await createMember(db, "both", "email_verified");
  t.is((await server.gql(CREATE, { token: await tokenFor(db, both), variables: { input: input() } })).errors, undefined);
});

test("createTrip refuses bad callers and bad input with exact codes, writing nothing", async (t) => {
  const traveler = await createMember(db, "traveler", "email_verified");
  const token = await tokenFor(db, traveler);
  const cases: Array<[string, Record<string, unknown>, string]> = [
    // Each value rule (CHECKs and configured limits) has its case, with the field it names, in validation.test.ts.
    ["departure in the past", { departureTime: hoursFromNow(-1), arrivalTime: hoursFromNow(5) }, "INVAL"],
    ["recurrence until an impossible date", { recurringPattern: { frequency: "daily", until: "2030-02-31" } }, "INVAL"],
    ["auto-accept below fully verified", { autoAccept: true, autoAcceptPrice: "2000" }, "DNIED"],
  ];
  for (const [title, over, expected] of cases) {
    t.is(errorCode(await server.gql(CREATE, { token, variables: { input: input(over) } })), expected, title);
  }
  t.is(errorCode(await server.gql(CREATE, { variables: { input: input() } })), "DNIED", "visitors may not even call it");
  const customer = await createMember(db, "customer", "email_verified");
  t.is(errorCode(await server.gql(CREATE, { token: await tokenFor(db, customer), variables: { input: input() } })), "DNIED");
  const unverified = await createMember(db, "traveler", "unverified");
  t.is(errorCode(await server.gql(CREATE, { token: await tokenFor(db, unverified), variables: { input: input() } })), "DNIED");
  t.is(await countTrips(traveler), 0, "no failed call left a trip behind");
  t.is(await countTrips(customer) + await countTrips(unverified), 0);
  // a fully verified traveler may auto-accept
  await asRoot(db, (c) => c.query("update app_public.users set verification_level = 'fully_verified' where id = $1", [traveler]));
  const auto = await server.gql(CREATE, { token, variables: { input: input({ autoAccept: true, autoAcceptPrice: "2000" }) } });
  t.is(auto.errors, undefined);
});

test("updateTrip changes fields, keeps held capacity, and refuses what the rules forbid", async (t) => {
  const traveler = await createMember(db, "traveler", "email_verified");
  const token = await tokenFor(db, traveler);
  const id = await createTripAsTraveler(db, traveler, { weightKg: 20, volumeL: 60, items: 5 });
  const res = await server.gql(UPDATE, { token, variables: { input: { tripId: id, title: "Berlin → Paris", capacityWeightKg: "30", basePrice: "1800" } } });
  t.is(res.errors, undefined);
  t.like(res.data!.updateTrip.trip, { title: "Berlin → Paris", capacityWeightKg: "30.00", availableWeightKg: "30.00", basePrice: "1800", status: "upcoming" });

  await reserveCapacity(db, id, 8, 10, 2);
  const below = await server.gql(UPDATE, { token, variables: { input: { tripId: id, capacityWeightKg: "7.5" } } });
  t.is(errorCode(below), "CAPAC");
  const itemsBelow = await server.gql(UPDATE, { token, variables: { input: { tripId: id, capacityItems: 1 } } });
  t.is(errorCode(itemsBelow), "CAPAC");
  const shrink = await server.gql(UPDATE, { token, variables: { input: { tripId: id, capacityWeightKg: "8" } } });
  t.like(shrink.data!.updateTrip.trip, { capacityWeightKg: "8.00", availableWeightKg: "0.00" });
  t.deepEqual(await capacityInvariantGaps(db, id), { weight: 0, volume: 0, items: 0 });

  const later = await server.gql(UPDATE, { token, variables: { input: { tripId: id, departureTime: hoursFromNow(96), arrivalTime: hoursFromNow(100) } } });
  t.is(later.data!.updateTrip.trip.status, "delayed", "new times on a trip with a delivery make it delayed");
  t.is(errorCode(await server.gql(UPDATE, { token, variables: { input: { tripId: id, departureTime: hoursFromNow(-2) } } })), "INVAL");
  t.is(errorCode(await server.gql(UPDATE, { token, variables: { input: { tripId: id, expressMultiplier: "9" } } })), "INVAL");
  t.is((await tripRow(db, id)).title, "Berlin → Paris", "a refused update changes nothing");

  const other = await createMember(db, "traveler", "email_verified");
  const otherToken = await tokenFor(db, other);
  t.is(errorCode(await server.gql(UPDATE, { token: otherToken, variables: { input: { tripId: id, title: "Mine now" } } })), "DNIED");
  const hidden = await createTripAsTraveler(db, traveler, { visibility: "private" });
  t.is(errorCode(await server.gql(UPDATE, { token: otherToken, variables: { input: { tripId: hidden, title: "Mine now" } } })), "NTFND");
  t.is(errorCode(await server.gql(UPDATE, { token, variables: { input: { tripId: "00000000-0000-4000-8000-000000000000", title: "Nope" } } })), "NTFND");

  const fresh = await createTripAsTraveler(db, traveler);
  const untouched = await server.gql(UPDATE, { token, variables: { input: { tripId: fresh, departureTime: hoursFromNow(80), arrivalTime: hoursFromNow(90) } } });
  t.is(untouched.data!.updateTrip.trip.status, "upcoming", "without deliveries a time change is just a change");
  await queryAsRoot(db, "update app_public.trips set status = 'cancelled', cancellation_reason = 'other', cancelled_at = now() where id = $1", [fresh]);
  t.is(errorCode(await server.gql(UPDATE, { token, variables: { input: { tripId: fresh, title: "Again" } } })), "BADST");
});

test("startTrip and completeTrip: the window, awaiting pickups and the trips counter", async (t) => {
  const traveler = await createMember(db, "traveler", "email_verified");
  const token = await tokenFor(db, traveler);
  const far = await createTripAsTraveler(db, traveler, { departsInHours: 30, durationHours: 10 });
  t.is(errorCode(await server.gql(START, { token, variables: { id: far } })), "BADST", "more than 24 h before departure");
  t.is(errorCode(await server.gql(COMPLETE, { token, variables: { id: far } })), "BADST", "not started");

  const soon = await createTripAsTraveler(db, traveler, { departsInHours: 20, durationHours: 6 });
  const delivery = await reserveCapacity(db, soon, 2, 2, 1);
  const other = await createMember(db, "traveler", "email_verified");
  t.is(errorCode(await server.gql(START, { token: await tokenFor(db, other), variables: { id: soon } })), "DNIED");
  t.deepEqual((await server.gql(START, { token, variables: { id: soon } })).data, { startTrip: { trip: { status: "active" } } });
  t.is(errorCode(await server.gql(START, { token, variables: { id: soon } })), "BADST", "already active");
  t.is(errorCode(await server.gql(COMPLETE, { token, variables: { id: soon } })), "BADST", "a delivery awaits pickup");
  await transitionDelivery(db, delivery, "picked_up");
  t.deepEqual(await queryAsRoot(db, "select status from app_public.trip_capacity_reservations where delivery_id = $1", [delivery]),
    [{ status: "reserved" }], "an item on board holds its capacity until delivery");
  const before = (await queryAsRoot(db, "select total_trips from app_public.user_statistics where user_id = $1", [traveler]))[0]!.total_trips;
  t.deepEqual((await server.gql(COMPLETE, { token, variables: { id: soon } })).data, { completeTrip: { trip: { status: "completed" } } });
  const after = (await queryAsRoot(db, "select total_trips from app_public.user_statistics where user_id = $1", [traveler]))[0]!.total_trips;
  t.is(after, before + 1);
  t.is(errorCode(await server.gql(COMPLETE, { token, variables: { id: soon } })), "BADST");
  t.is(errorCode(await server.gql(COMPLETE, { token: await tokenFor(db, other), variables: { id: soon } })), "DNIED");
});

test("markTripDelayed: new times keep the duration; only upcoming or delayed trips", async (t) => {
  const traveler = await createMember(db, "traveler", "email_verified");
  const token = await tokenFor(db, traveler);
  const id = await createTripAsTraveler(db, traveler, { departsInHours: 48, durationHours: 12 });
  const { departure_time: dep, arrival_time: arr } = await tripRow(db, id);
  const newDep = new Date(dep.getTime() + 3 * 3600_000).toISOString();
  const res = await server.gql(DELAY, { token, variables: { id, dep: newDep } });
  t.is(res.errors, undefined);
  t.is(res.data!.markTripDelayed.trip.status, "delayed");
  t.is(new Date(res.data!.markTripDelayed.trip.arrivalTime).getTime(), arr.getTime() + 3 * 3600_000);
  t.is((await server.gql(DELAY, { token, variables: { id } })).data!.markTripDelayed.trip.status, "delayed", "delayed again");
  t.is(errorCode(await server.gql(DELAY, { token, variables: { id, dep: hoursFromNow(-1) } })), "INVAL");
  t.is(errorCode(await server.gql(DELAY, { token, variables: { id, arr: newDep } })), "INVAL", "arrival before departure");
  await queryAsRoot(db, "update app_public.trips set status = 'active', started_at = now() where id = $1", [id]);
  t.is(errorCode(await server.gql(DELAY, { token, variables: { id } })), "BADST");
});

test("cancelTrip: the traveler cancels before pickup and capacity comes back; active trips only by admins", async (t) => {
  const traveler = await createMember(db, "traveler", "email_verified");
  const token = await tokenFor(db, traveler);
  const id = await createTripAsTraveler(db, traveler);
  const delivery = await reserveCapacity(db, id, 5, 5, 2);
  t.is(errorCode(await server.gql(CANCEL, { token, variables: { id } })), "INVAL", "a reason is required");
  const res = await server.gql(CANCEL, { token, variables: { id, reason: "weather", note: "Storm warning" } });
  t.is(res.errors, undefined);
  t.like(res.data!.cancelTrip.trip, { status: "cancelled", cancellationReason: "weather", cancellationNote: "Storm warning",
    availableWeightKg: "20.00", availableItems: 5 });
  t.deepEqual(await queryAsRoot(db, "select status from app_public.trip_capacity_reservations where delivery_id = $1", [delivery]),
    [{ status: "released" }]);
  t.deepEqual(await capacityInvariantGaps(db, id), { weight: 0, volume: 0, items: 0 });
  t.is(errorCode(await server.gql(CANCEL, { token, variables: { id, reason: "other" } })), "BADST", "already cancelled");

  const pickedUp = await createTripAsTraveler(db, traveler);
  await transitionDelivery(db, await reserveCapacity(db, pickedUp), "picked_up");
  t.is(errorCode(await server.gql(CANCEL, { token, variables: { id: pickedUp, reason: "other" } })), "BADST", "items were picked up");
  t.is((await tripRow(db, pickedUp)).status, "upcoming");

  const active = await createTripAsTraveler(db, traveler, { departsInHours: 2, durationHours: 4 });
  await server.gql(START, { token, variables: { id: active } });
  t.is(errorCode(await server.gql(CANCEL, { token, variables: { id: active, reason: "personal_emergency" } })), "DNIED");
  const { id: reader } = await createUser(db);
  await makeAdmin(db, reader, "analyst");
  t.is(errorCode(await server.gql(CANCEL, { token: await tokenFor(db, reader), variables: { id: active, reason: "other" } })), "DNIED",
    "deliveries.read is not deliveries.write");
  const { id: admin } = await createUser(db);
  await makeAdmin(db, admin, "admin");
  const byAdmin = await server.gql(CANCEL, { token: await tokenFor(db, admin), variables: { id: active, reason: "other", note: "Safety" } });
  t.is(byAdmin.data?.cancelTrip.trip.status, "cancelled");
  t.is((await tripRow(db, active)).cancelled_by, admin);
  const stranger = await createMember(db, "traveler", "email_verified");
  t.is(errorCode(await server.gql(CANCEL, { token: await tokenFor(db, stranger), variables: { id: pickedUp, reason: "other" } })), "DNIED");
});

test("duplicateTrip copies a trip to new times, all capacity free, for its traveler only", async (t) => {
  const traveler = await createMember(db, "traveler", "email_verified");
  const token = await tokenFor(db, traveler);
  const id = await createTripAsTraveler(db, traveler, { departsInHours: 48, durationHours: 12 });
  await reserveCapacity(db, id, 4, 4, 1);
  const dep = hoursFromNow(24 * 9);
  const res = await server.gql(DUPLICATE, { token, variables: { id, dep } });
  t.is(res.errors, undefined);
  const copy = res.data!.duplicateTrip.trip;
  t.not(copy.rowId, id);
  t.like(copy, { title: "Berlin to Paris", status: "upcoming", availableWeightKg: "20.00", capacityWeightKg: "20.00" });
  t.is(new Date(copy.arrivalTime).getTime() - new Date(copy.departureTime).getTime(), 12 * 3600_000, "same duration");
  t.is(errorCode(await server.gql(DUPLICATE, { token, variables: { id, dep: hoursFromNow(-3) } })), "INVAL");
  const other = await createMember(db, "traveler", "email_verified");
  t.is(errorCode(await server.gql(DUPLICATE, { token: await tokenFor(db, other), variables: { id, dep } })), "DNIED");
});

test("trip templates: save, reuse (usage counted), replace by name; private to their owner", async (t) => {
  const traveler = await createMember(db, "traveler", "email_verified");
  const token = await tokenFor(db, traveler);
  const id = await createTripAsTraveler(db, traveler, { description: null });
  const saved = await server.gql(SAVE_TEMPLATE, { token, variables: { id, name: "Weekly Paris run" } });
  t.is(saved.errors, undefined);
  const template = saved.data!.saveTripTemplate.tripTemplate;
  t.like(template, { name: "Weekly Paris run", usageCount: 0 });
  t.like(template.tripData, { title: "Berlin to Paris", duration_minutes: 720, capacity_weight_kg: 20 });

  const dep = hoursFromNow(24 * 6);
  const made = await server.gql(FROM_TEMPLATE, { token, variables: { id: template.rowId, dep } });
  t.is(made.errors, undefined);
  t.like(made.data!.createTripFromTemplate.trip, { title: "Berlin to Paris", status: "upcoming", originPoint: BERLIN, availableItems: 5 });
  t.is(new Date(made.data!.createTripFromTemplate.trip.departureTime).getTime(), new Date(dep).getTime());
  const list = await server.gql("{ tripTemplates { nodes { name usageCount } } }", { token });
  t.deepEqual(list.data!.tripTemplates.nodes, [{ name: "Weekly Paris run", usageCount: 1 }]);

  await server.gql(UPDATE, { token, variables: { input: { tripId: id, title: "Berlin to Paris, fast" } } });
  const again = await server.gql(SAVE_TEMPLATE, { token, variables: { id, name: "Weekly Paris run" } });
  t.is(again.data!.saveTripTemplate.tripTemplate.rowId, template.rowId, "same name replaces");
  t.is(again.data!.saveTripTemplate.tripTemplate.tripData.title, "Berlin to Paris, fast");

  t.is(errorCode(await server.gql(SAVE_TEMPLATE, { token, variables: { id, name: " " } })), "INVAL");
  t.is(errorCode(await server.gql(FROM_TEMPLATE, { token, variables: { id: template.rowId, dep: hoursFromNow(-5) } })), "INVAL");
  const other = await createMember(db, "traveler", "email_verified");
  const otherToken = await tokenFor(db, other);
  t.is(errorCode(await server.gql(SAVE_TEMPLATE, { token: otherToken, variables: { id, name: "Stolen" } })), "NTFND");
  t.is(errorCode(await server.gql(FROM_TEMPLATE, { token: otherToken, variables: { id: template.rowId, dep } })), "NTFND");
  t.deepEqual((await server.gql("{ tripTemplates { nodes { name } } }", { token: otherToken })).data!.tripTemplates.nodes, []);
  const del = await server.gql(`mutation ($id: UUID!) { deleteTripTemplate(input: { rowId: $id }) { deletedTripTemplateId } }`,
    { token, variables: { id: template.rowId } });
  t.is(del.errors, undefined, "the owner may delete a template");
});

test("searchTrips: near both ends, window, free weight and text; respects visibility", async (t) => {
  const traveler = await createMember(db, "traveler", "email_verified");
  const tag = `Zq${Date.now().toString(36)}`;
  const near = await createTripAsTraveler(db, traveler, { title: `Berlin Paris ${tag}`, description: null, weightKg: 10 });
  const fromPotsdam = await createTripAsTraveler(db, traveler, { origin: POTSDAM, weightKg: 30, departsInHours: 100, durationHours: 10 });
  const toLyon = await createTripAsTraveler(db, traveler, { destination: LYON });
  const hidden = await createTripAsTraveler(db, traveler, { visibility: "private", title: `Private ${tag}` });
  const friends = await createTripAsTraveler(db, traveler, { visibility: "friends_only", title: `Friends ${tag}` });
  const gone = await createTripAsTraveler(db, traveler, { title: `Cancelled ${tag}` });
  await queryAsRoot(db, "update app_public.trips set status = 'cancelled', cancellation_reason = 'other', cancelled_at = now() where id = $1", [gone]);

  const customer = (await createUser(db)).id;
  const token = await tokenFor(db, customer);
  const ids = async (variables: Record<string, unknown>, as = token) => {
    const res = await server.gql(SEARCH, { token: as, variables });
    t.is(res.errors, undefined, JSON.stringify(res.errors));
    return new Set((res.data!.searchTrips.nodes as Array<{ rowId: string }>).map((n) => n.rowId));
  };
  const close = await ids({ origin: BERLIN, destination: PARIS, radius: 10 });
  t.true(close.has(near));
  t.false(close.has(fromPotsdam), "Potsdam is 27 km from Berlin");
  t.false(close.has(toLyon));
  t.false(close.has(hidden), "private trips are hidden from other users");
  t.false(close.has(friends), "friends_only trips are hidden from other users for now");
  t.false(close.has(gone), "cancelled trips are not offered");
  t.true((await ids({ origin: BERLIN, destination: PARIS, radius: 40 })).has(fromPotsdam));
  t.false((await ids({ origin: BERLIN, radius: 40, minWeight: "15" })).has(near), "not enough free weight");
  t.false((await ids({ origin: BERLIN, radius: 40, to: hoursFromNow(90) })).has(fromPotsdam), "departs after the window");
  t.deepEqual([...await ids({ q: tag })], [near], "text search finds the trip whose description is NULL");
  t.deepEqual([...await ids({ q: "50%_off" })], [], "wildcards are matched literally");

  const admin = (await createUser(db)).id;
  await makeAdmin(db, admin, "support");
  const adminSees = await ids({ q: tag }, await tokenFor(db, admin));
  t.true(adminSees.has(hidden) && adminSees.has(friends));
  const ownerSees = await ids({ q: tag }, await tokenFor(db, traveler));
  t.true(ownerSees.has(hidden) && ownerSees.has(friends));

  t.is(errorCode(await server.gql(SEARCH, { token, variables: { origin: BERLIN, radius: 0 } })), "INVAL");
  t.is(errorCode(await server.gql(SEARCH, { token, variables: { origin: BERLIN, radius: 501 } })), "INVAL");
  t.is(errorCode(await server.gql(SEARCH, { variables: { origin: BERLIN } })), "DNIED", "anonymous visitors cannot search");
});

// Serial: it changes trips.search_max_results for the whole test database (ava runs serial tests before the others).
test.serial("searchTrips returns at most trips.search_max_results trips, the soonest; departureFrom pages on", async (t) => {
  const traveler = await createMember(db, "traveler", "email_verified");
  const tag = `Pg${Date.now().toString(36)}`;
  const trips: string[] = [];
  for (const hours of [10, 20, 30]) trips.push(await createTripAsTraveler(db, traveler, { title: `Soon ${tag}`, departsInHours: hours }));
  const token = await tokenFor(db, (await createUser(db)).id);
  const page = async (from?: string) => {
    const res = await server.gql(`query ($q: String, $from: Datetime) { searchTrips(query: $q, departureFrom: $from) {
      nodes { rowId departureTime } } }`, { token, variables: { q: tag, from } });
    t.is(res.errors, undefined, JSON.stringify(res.errors));
    return res.data!.searchTrips.nodes as Array<{ rowId: string; departureTime: string }>;
  };
  const previous = await setSetting(db, "trips.search_max_results", 2);
  try {
    const first = await page();
    t.deepEqual(first.map((n) => n.rowId), trips.slice(0, 2), "the two soonest");
    const next = await page(new Date(Date.parse(first[1]!.departureTime) + 1).toISOString());
    t.deepEqual(next.map((n) => n.rowId), trips.slice(2), "the next page starts after the last departure seen");
  } finally {
    await setSetting(db, "trips.search_max_results", previous);
  }
  t.deepEqual((await page()).map((n) => n.rowId), trips, "all three under the default limit");
});

test("the spatial and text filters of searchTrips can use the GiST and trigram indexes", async (t) => {
  const plan = async (where: string) => asRoot(db, async (c) => {
    await c.query("begin");
    try {
      await c.query("set local enable_seqscan = off");
      const { rows } = await c.query(`explain select t.id from app_public.trips t where ${where}`);
      return rows.map((r) => r["QUERY PLAN"] as string).join("\n");
    } finally {
      await c.query("rollback");
    }
  });
  t.regex(await plan("public.st_dwithin(t.origin_point, 'SRID=4326;POINT(13.4 52.5)'::geography, 10000)"), /trips_origin_point_idx/);
  t.regex(await plan("public.st_dwithin(t.destination_point, 'SRID=4326;POINT(2.35 48.85)'::geography, 10000)"), /trips_destination_point_idx/);
  t.regex(await plan(`(coalesce(t.title, '') || ' ' || coalesce(t.description, '') || ' ' || coalesce(t.origin_address, '')
    || ' ' || coalesce(t.destination_address, '')) ilike '%paris%'`), /idx_trips_text/);
  t.regex(await plan("t.status in ('upcoming', 'delayed') and t.departure_time > now()"), /trips_live_(departure|route)_idx/);
});
