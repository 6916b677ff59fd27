// Every value rule of trips, once each (db/README.md "Validation"): bad input over GraphQL answers INVAL with a
// message naming the field, whether the rule is a CHECK of the table (never changes) or a configured limit; and each
// configured limit lives in configuration only: accepted once its setting is raised, so no CHECK restates it.
// Serial: the configured cases change settings of this file's database and put them back.
import test, { type ExecutionContext } from "ava";
import { createSignedInMember } from "../helpers/actors.ts";
import { setSetting } from "../helpers/database.ts";
import { errorCode } from "../helpers/errors.ts";
import { BERLIN, createTripAsTraveler, PARIS } from "../helpers/marketplace.ts";
import { type GraphQLResponse, useTestServer } from "../helpers/server.ts";
import { hoursFromNow } from "../helpers/time.ts";

const { db, server } = useTestServer(test);

const CREATE = `mutation ($input: CreateTripInput!) { createTrip(input: $input) { trip { rowId } } }`;
const UPDATE = `mutation ($input: UpdateTripInput!) { updateTrip(input: $input) { trip { rowId } } }`;
const DELAY = `mutation ($id: UUID!, $dep: Datetime, $arr: Datetime) {
  markTripDelayed(input: { tripId: $id, departureTime: $dep, arrivalTime: $arr }) { trip { rowId } } }`;
const CANCEL = `mutation ($id: UUID!, $note: String) {
  cancelTrip(input: { tripId: $id, reason: other, note: $note }) { trip { rowId } } }`;

const input = (over: Record<string, unknown> = {}) => ({
  title: "Berlin to Paris by car", tripType: "car",
  originAddress: "Alexanderplatz 1, Berlin", originPoint: BERLIN,
  destinationAddress: "Rue de Rivoli 1, Paris", destinationPoint: PARIS,
  departureTime: hoursFromNow(48), arrivalTime: hoursFromNow(60),
  capacityWeightKg: "20", capacityVolumeL: "60", capacityItems: 5, basePrice: "1500", pricePerKg: "200", ...over,
});

function assertInvalid(t: ExecutionContext, response: GraphQLResponse, field: string, label: string): void {
  t.is(errorCode(response), "INVAL", label);
  const message = response.errors?.[0]?.message ?? "";
  t.true(message.includes(field), `${label}: "${message}" names ${field}`);
}

const createCases: Array<[string, Record<string, unknown>, string]> = [
  // CHECKs of trips (and its NOT NULLs)
  ["no origin point", { originPoint: null }, "origin_point"],
  ["title too short", { title: "ab" }, "title"],
  ["description over 2000 characters", { description: "x".repeat(2001) }, "description"],
  ["arrival before departure", { arrivalTime: hoursFromNow(47) }, "arrival_time"],
  ["more than 100 kg", { capacityWeightKg: "100.5" }, "capacity_weight_kg"],
  ["more than 500 l", { capacityVolumeL: "501" }, "capacity_volume_l"],
  ["no items", { capacityItems: 0 }, "capacity_items"],
  ["51 items", { capacityItems: 51 }, "capacity_items"],
  ["unknown category", { prohibitedCategories: ["weapons"] }, "prohibited_categories"],
  ["no price at all", { basePrice: "0", pricePerKg: "0" }, "base_price"],
  ["negative price", { pricePerKm: "-5" }, "price_per_km"],
  ["express multiplier above 5", { expressMultiplier: "5.5" }, "express_multiplier"],
  ["fragile multiplier below 1", { fragileMultiplier: "0.5" }, "fragile_multiplier"],
  ["bad airport code", { originAirport: "TXL1" }, "origin_airport"],
  ["malformed recurrence", { recurringPattern: { frequency: "hourly" } }, "recurring_pattern"],
  ["max item value of zero", { maxItemValue: "0" }, "max_item_value"],
  ["destination address over 500 characters", { destinationAddress: "x".repeat(501) }, "destination_address"],
  ["bad arrival airport code", { destinationAirport: "B" }, "destination_airport"],
  ["no capacity", { capacityWeightKg: null }, "capacity_weight_kg"],
  // configured limits and the time of the write (app_hidden.assert_trip_limits)
  ["departure in the past", { departureTime: hoursFromNow(-1), arrivalTime: hoursFromNow(5) }, "departure_time"],
  ["departure past trips.max_departure_days", { departureTime: "9999-12-30T00:00:00Z", arrivalTime: "9999-12-31T00:00:00Z" }, "departure_time"],
  ["arrival past trips.max_duration_hours", { arrivalTime: hoursFromNow(48 + 721) }, "arrival_time"],
  ["base price over trips.max_price", { basePrice: "9223372036854775807" }, "base_price"],
  ["price per kg over trips.max_price", { pricePerKg: "100001" }, "price_per_kg"],
  ["price per km over trips.max_price", { pricePerKm: "100001" }, "price_per_km"],
  ["auto-accept price over trips.max_price", { autoAcceptPrice: "100001" }, "auto_accept_price"],
  ["max item value over limits.max_delivery_value", { maxItemValue: "500001" }, "max_item_value"],
  ["an unsupported currency", { currency: "JPY" }, "currency"],
];

test.serial("createTrip: each rule answers INVAL naming its field, and writes nothing", async (t) => {
  const traveler = await createSignedInMember(db, { type: "traveler" });
  for (const [label, over, field] of createCases) {
    assertInvalid(t, await server.gql(CREATE, { token: traveler.token, variables: { input: input(over) } }), field, label);
  }
  t.is((await server.gql(CREATE, { token: traveler.token, variables: { input: input() } })).errors, undefined,
    "the base input is valid: each case fails for its own reason");
  const verified = await createSignedInMember(db, { type: "traveler", level: "fully_verified" });
  assertInvalid(t, await server.gql(CREATE, { token: verified.token, variables: { input: input({ autoAccept: true }) } }),
    "auto_accept_price", "auto-accept without a price");
});

test.serial("updateTrip, markTripDelayed and cancelTrip answer the same way", async (t) => {
  const traveler = await createSignedInMember(db, { type: "traveler" });
  const id = await createTripAsTraveler(db, traveler.id, { departsInHours: 48, durationHours: 12 });
  const update = (over: Record<string, unknown>) =>
    server.gql(UPDATE, { token: traveler.token, variables: { input: { tripId: id, ...over } } });
  assertInvalid(t, await update({ expressMultiplier: "9" }), "express_multiplier", "update: a CHECK");
  assertInvalid(t, await update({ basePrice: "100001" }), "base_price", "update: trips.max_price");
  assertInvalid(t, await update({ departureTime: hoursFromNow(366 * 24), arrivalTime: hoursFromNow(366 * 24 + 5) }),
    "departure_time", "update: trips.max_departure_days");
  assertInvalid(t, await server.gql(DELAY, { token: traveler.token, variables: { id, arr: hoursFromNow(47) } }),
    "arrival_time", "delay: arrival before departure");
  assertInvalid(t, await server.gql(DELAY, { token: traveler.token, variables: { id, dep: hoursFromNow(-1) } }),
    "departure_time", "delay: departure in the past");
  assertInvalid(t, await server.gql(CANCEL, { token: traveler.token, variables: { id, note: "x".repeat(1001) } }),
    "cancellation_note", "cancel: a note over 1000 characters");
});

// setting, a value that lets the input through, the input past the default, the field the refusal names
const limits: Array<[string, unknown, Record<string, unknown>, string]> = [
  ["trips.max_price", 200000, { basePrice: "150000" }, "base_price"],
  ["trips.max_departure_days", 500, { departureTime: hoursFromNow(400 * 24), arrivalTime: hoursFromNow(400 * 24 + 5) }, "departure_time"],
  ["trips.max_duration_hours", 1000, { arrivalTime: hoursFromNow(48 + 800) }, "arrival_time"],
  ["limits.max_delivery_value", 1000000, { maxItemValue: "600000" }, "max_item_value"],
  ["platform.supported_currencies", ["USD", "EUR", "GBP", "JPY"], { currency: "JPY" }, "currency"],
];

for (const [setting, raised, over, field] of limits) {
  test.serial(`${setting} is a configured limit of trips only: refused at its default, accepted once raised`, async (t) => {
    const traveler = await createSignedInMember(db, { type: "traveler" });
    assertInvalid(t, await server.gql(CREATE, { token: traveler.token, variables: { input: input(over) } }), field, setting);
    const previous = await setSetting(db, setting, raised);
    try {
      const accepted = await server.gql(CREATE, { token: traveler.token, variables: { input: input(over) } });
      t.is(accepted.errors, undefined, `raising ${setting} lets it through: no CHECK restates the limit`);
    } finally {
      await setSetting(db, setting, previous);
    }
  });
}
