// The configured limits of delivery requests live in configuration only (db/README.md "Validation"): a value just
// past each default is refused with INVAL naming its field, and accepted once the setting is raised, so no CHECK of
// the table restates the limit. Serial: each case changes a setting of this file's database, then puts it back.
import test from "ava";
import { createSignedInMember } from "../helpers/actors.ts";
import { setSetting } from "../helpers/database.ts";
import { errorCode } from "../helpers/errors.ts";
import { point } from "../helpers/graphql.ts";
import { useTestServer } from "../helpers/server.ts";
import { hoursFromNow } from "../helpers/time.ts";

const { db, server } = useTestServer(test);

const CREATE = `mutation ($d: DeliveryRequestDetailInput!) {
  createDeliveryRequest(input: { details: $d }) { deliveryRequest { rowId } } }`;

/** Berlin → Potsdam, 2 kg, with windows tomorrow: valid under the default settings. */
const details = (overrides: Record<string, unknown>) => ({
  title: "Birthday present for Anna", category: "gifts", itemName: "Gift box", weightKg: "2",
  pickupAddress: "Alexanderplatz 1, 10178 Berlin", pickupPoint: point(13.4132, 52.5219), pickupCity: "Berlin",
  pickupCountry: "DE", pickupWindowStart: hoursFromNow(20), pickupWindowEnd: hoursFromNow(26),
  deliveryAddress: "Am Neuen Markt 1, 14467 Potsdam", deliveryPoint: point(13.0589, 52.3959), deliveryCity: "Potsdam",
  deliveryCountry: "DE", deliveryWindowStart: hoursFromNow(24), deliveryWindowEnd: hoursFromNow(48), maxPrice: "5000",
  ...overrides,
});

// setting, a value that lets the input through, the input past the default, the field the refusal names
const limits: Array<[string, unknown, Record<string, unknown>, string]> = [
  ["limits.max_quantity", 20, { quantity: 11 }, "quantity"],
  ["limits.max_dimension_cm", 300, { lengthCm: "250", widthCm: "20", heightCm: "10" }, "length_cm"],
  ["limits.max_delivery_weight_kg", 50, { weightKg: "26" }, "weight_kg"],
  ["limits.max_delivery_value", 1000000, { declaredValue: "600000" }, "declared_value"],
  ["limits.max_delivery_distance_km", 40000, { pickupPoint: point(0, 0), deliveryPoint: point(180, 0) }, "pickup_point"],
  ["limits.min_request_price", 50, { maxPrice: "60", autoAcceptPrice: null }, "max_price"],
  ["limits.max_request_price", 200000, { maxPrice: "150000" }, "max_price"],
  ["requests.max_expiry_days", 60, { expiresAt: hoursFromNow(45 * 24) }, "expires_at"],
  ["platform.supported_currencies", ["USD", "EUR", "GBP", "JPY"], { currency: "JPY" }, "currency"],
];

for (const [setting, raised, overrides, field] of limits) {
  test.serial(`${setting} is a configured limit only: refused at its default, accepted once raised`, async (t) => {
    const customer = await createSignedInMember(db, { type: "customer" });
    const refused = await server.gql(CREATE, { token: customer.token, variables: { d: details(overrides) } });
    t.is(errorCode(refused), "INVAL");
    t.true(refused.errors?.[0]?.message.includes(field), `"${refused.errors?.[0]?.message}" names ${field}`);
    const previous = await setSetting(db, setting, raised);
    try {
      const accepted = await server.gql(CREATE, { token: customer.token, variables: { d: details(overrides) } });
      t.is(accepted.errors, undefined, `raising ${setting} lets it through: no CHECK restates the limit`);
    } finally {
      await setSetting(db, setting, previous);
    }
  });
}
