// Delivery requests (docs/requests.md; the default quote of docs/matching.md): create, update, cancel, duplicate and
// report over GraphQL with every validation answering its exact code and writing nothing, the default quote with worked
// numbers, and the expiry sweep. The marketplace (search_requests) is in marketplace.test.ts, RLS in rls.test.ts.
import test from "ava";
import { actAs, createSignedInMember, user } from "../helpers/actors.ts";
import { asRoot } from "../helpers/database.ts";
import { errorCode, sqlstate } from "../helpers/errors.ts";
import { gqlData, point } from "../helpers/graphql.ts";
import { useTestServer } from "../helpers/server.ts";
import { hoursFromNow, setTimesAgo } from "../helpers/time.ts";

const { db, server } = useTestServer(test);

/** Berlin → Potsdam, 2 kg, standard, with windows tomorrow. */
function details(overrides: Record<string, unknown> = {}) {
  return {
    title: "Birthday present for Anna",
    description: "A small boxed gift",
    category: "gifts",
    itemName: "Gift box",
    weightKg: "2",
    pickupAddress: "Alexanderplatz 1, 10178 Berlin",
    pickupPoint: point(13.4132, 52.5219),
    pickupCity: "Berlin",
    pickupCountry: "DE",
    pickupContactName: "Ann Lee",
    pickupContactPhone: "+4930123456",
    pickupWindowStart: hoursFromNow(20),
    pickupWindowEnd: hoursFromNow(26),
    deliveryAddress: "Am Neuen Markt 1, 14467 Potsdam",
    deliveryPoint: point(13.0589, 52.3959),
    deliveryCity: "Potsdam",
    deliveryCountry: "DE",
    deliveryWindowStart: hoursFromNow(24),
    deliveryWindowEnd: hoursFromNow(48),
    maxPrice: "5000",
    ...overrides,
  };
}

const FIELDS = `rowId customerId status title description category urgency quantity weightKg totalWeight totalVolumeL
  currency declaredValue estimatedPrice maxPrice autoAcceptPrice expiresAt createdAt cancellationReason cancellationNote
  pickupAddress pickupPoint deliveryCity pickupWindowStart`;
const CREATE = `mutation ($d: DeliveryRequestDetailInput!) {
  createDeliveryRequest(input: { details: $d }) { deliveryRequest { ${FIELDS} } } }`;
const UPDATE = `mutation ($id: UUID!, $d: DeliveryRequestDetailInput!) {
  updateDeliveryRequest(input: { requestId: $id, details: $d }) { deliveryRequest { ${FIELDS} } } }`;
const CANCEL = `mutation ($id: UUID!, $reason: RequestCancelReason!, $note: String) {
  cancelDeliveryRequest(input: { requestId: $id, reason: $reason, note: $note }) { deliveryRequest { ${FIELDS} } } }`;
const DUPLICATE = `mutation ($id: UUID!, $ps: Datetime, $pe: Datetime, $ds: Datetime, $de: Datetime) {
  duplicateDeliveryRequest(input: { requestId: $id, pickupWindowStart: $ps, pickupWindowEnd: $pe,
    deliveryWindowStart: $ds, deliveryWindowEnd: $de }) { deliveryRequest { ${FIELDS} } } }`;
const REPORT = `mutation ($id: UUID!) {
  reportDeliveryRequest(input: { requestId: $id, category: fraud, description: "Asks to be paid outside the app" }) {
    userReport { reporterId reportedUserId deliveryRequestId category status } } }`;

async function create(token: string, overrides: Record<string, unknown> = {}) {
  return (await gqlData(server, CREATE, { token, variables: { d: details(overrides) } })).createDeliveryRequest.deliveryRequest;
}

const countOf = (customerId: string) => asRoot(db, async (c) => (await c.query<{ n: number }>(
  "select count(*)::int as n from app_public.delivery_requests where customer_id = $1", [customerId])).rows[0]!.n);

test("create over GraphQL: a pending request with defaults, totals, the estimate and the default expiry", async (t) => {
  const customer = await createSignedInMember(db, { type: "customer" });
  const r = await create(customer.token, { quantity: 3, lengthCm: "30", widthCm: "20", heightCm: "10", isFragile: true });
  t.like(r, { customerId: customer.id, status: "pending", title: "Birthday present for Anna", category: "gifts",
    urgency: "standard", quantity: 3, weightKg: "2.000", totalWeight: "6.000", totalVolumeL: "18.000", currency: "USD",
    declaredValue: "0", maxPrice: "5000", autoAcceptPrice: null, pickupAddress: "Alexanderplatz 1, 10178 Berlin",
    deliveryCity: "Potsdam" });
  t.deepEqual(r.pickupPoint, point(13.4132, 52.5219));
  const expiresIn = Date.parse(r.expiresAt) - Date.parse(r.createdAt);
  t.is(expiresIn, 7 * 24 * 3600_000, "requests.expiry_days = 7");
  // The estimate is the default quote over the great-circle distance and the total weight (fragile ×1.2).
  const expected = await asRoot(db, async (c) => (await c.query(
    `select app_hidden.default_quote((st_distance(pickup_point, delivery_point, false) / 1000)::numeric, 6, 'standard', true, 'USD')::text as q
       from app_public.delivery_requests where id = $1`, [r.rowId])).rows[0].q);
  t.is(r.estimatedPrice, expected);
  t.true(Number(r.estimatedPrice) > 1000 * 1.2);

  const none = await create(customer.token, { description: "  ", pickupWindowStart: null, pickupWindowEnd: null,
    deliveryWindowStart: null, deliveryWindowEnd: null, currency: "eur", urgency: "urgent" });
  t.like(none, { description: null, totalVolumeL: "1.000", currency: "EUR", urgency: "urgent", pickupWindowStart: null },
    "1 L per unit without dimensions; blank text is no text");
});

test("the default quote (default rates): worked examples, urgency, fragile, clamps and half-up rounding", async (t) => {
  const quote = (km: number | string, kg: number | string, urgency: string, fragile: boolean) => asRoot(db, async (c) =>
    (await c.query("select app_hidden.default_quote($1, $2, $3, $4, 'USD')::int as q", [km, kg, urgency, fragile])).rows[0].q);
  // (1000 + 50·100 + 200·2) × 1.5 (express) × 1.2 (fragile) = 6400 × 1.8 = 11520
  t.is(await quote(100, 2, "express", true), 11520);
  t.is(await quote(100, 2, "standard", false), 6400);
  t.is(await quote(100, 2, "urgent", false), 12800);
  // 1000 + 50·12.35 + 200·1.5 = 1917.5 → 1918 (half-up); 12.34 km → 1917
  t.is(await quote("12.35", "1.5", "standard", false), 1918);
  t.is(await quote("12.34", "1.5", "standard", false), 1917);
  // Clamped to pricing.min_price … max_price: (1000 + 50 000 + 5 000) × 2 × 1.2 = 134 400 → 50 000.
  t.is(await quote(1000, 25, "urgent", true), 50000);
  await asRoot(db, async (c) => {
    await c.query("begin");
    await c.query("update app_public.system_configuration set value = '2000' where category = 'pricing' and key = 'min_price'");
    t.is((await c.query("select app_hidden.default_quote(1, 1, 'standard', false, 'USD')::int as q")).rows[0].q, 2000,
      "1000 + 50 + 200 = 1250 is raised to the configured minimum");
    await c.query("rollback");
  });
  t.is(await sqlstate(asRoot(db, (c) => c.query("select app_hidden.default_quote(1, 1, 'standard', false, 'JPY')"))), "INVAL");
  t.is(await sqlstate(asRoot(db, (c) => c.query("select app_hidden.default_quote(1, 0, 'standard', false, 'USD')"))), "INVAL");
});

// One case per rule (db/README.md "Validation"): the field its message names, and whether the rule is a CHECK of
// delivery_requests (never changes) or a function check of a tunable or of the time of the write. Every case answers
// INVAL; validation.test.ts shows that the configured ones live in configuration only.
const invalid: Array<[string, Record<string, unknown>, string]> = [
  // CHECKs
  ["a title under 5 characters", { title: "  Box " }, "title"],
  ["no category", { category: null }, "category"],
  ["weight of zero", { weightKg: "0" }, "weight_kg"],
  ["quantity of zero", { quantity: 0 }, "quantity"],
  ["declared value below zero", { declaredValue: "-1" }, "declared_value"],
  ["hazardous items", { isHazardous: true }, "is_hazardous"],
  ["only one dimension", { lengthCm: "30" }, "length_cm"],
  ["a dimension under 1 cm", { lengthCm: "0.5", widthCm: "20", heightCm: "10" }, "length_cm"],
  ["a malformed currency", { currency: "euro" }, "currency"],
  ["a malformed country", { pickupCountry: "Germany" }, "pickup_country"],
  ["a phone that is not E.164", { pickupContactPhone: "030 123456" }, "pickup_contact_phone"],
  ["a contact name over 100 characters", { deliveryContactName: "x".repeat(101) }, "delivery_contact_name"],
  ["a pickup window ending before it starts", { pickupWindowStart: hoursFromNow(30), pickupWindowEnd: hoursFromNow(25) }, "pickup_window"],
  ["a pickup window with only a start", { pickupWindowEnd: null }, "pickup_window"],
  ["a drop-off window ending before pickup starts", { deliveryWindowStart: hoursFromNow(1), deliveryWindowEnd: hoursFromNow(2) }, "delivery_window_end"],
  ["auto_accept_price above max_price", { autoAcceptPrice: "5001" }, "auto_accept_price"],
  ["a traveler both preferred and blacklisted",
    { preferredTravelers: ["00000000-0000-4000-8000-000000000001"], blacklistedTravelers: ["00000000-0000-4000-8000-000000000001"] }, "blacklisted_travelers"],
  ["more than 50 blacklisted travelers",
    { blacklistedTravelers: Array.from({ length: 51 }, (_, i) => `00000000-0000-4000-8000-${String(i).padStart(12, "0")}`) }, "blacklisted_travelers"],
  ["a minimum traveler rating above 5", { minTravelerRating: "5.5" }, "min_traveler_rating"],
  ["a description over 2000 characters", { description: "x".repeat(2001) }, "description"],
  ["an item name over 255 characters", { itemName: "x".repeat(256) }, "item_name"],
  ["a pickup address over 500 characters", { pickupAddress: "x".repeat(501) }, "pickup_address"],
  ["no drop-off city", { deliveryCity: " " }, "delivery_city"],
  ["no drop-off point", { deliveryPoint: null }, "delivery_point"],
  ["pickup instructions over 1000 characters", { pickupInstructions: "x".repeat(1001) }, "pickup_instructions"],
  ["a drop-off phone that is not E.164", { deliveryContactPhone: "+0123" }, "delivery_contact_phone"],
  ["no maximum price", { maxPrice: null }, "max_price"],
  // limits from configuration
  ["weight per unit over the total limit", { weightKg: "26" }, "weight_kg"],
  ["total weight over limits.max_delivery_weight_kg", { weightKg: "5", quantity: 6 }, "weight_kg"],
  ["quantity over limits.max_quantity", { quantity: 11 }, "quantity"],
  ["a dimension over limits.max_dimension_cm", { lengthCm: "201", widthCm: "20", heightCm: "10" }, "length_cm"],
  ["declared value over limits.max_delivery_value", { declaredValue: "500001" }, "declared_value"],
  ["pickup to drop-off over limits.max_delivery_distance_km", { pickupPoint: point(0, 0), deliveryPoint: point(180, 0) }, "pickup_point"],
  ["max_price under limits.min_request_price", { maxPrice: "99" }, "max_price"],
  ["max_price over limits.max_request_price", { maxPrice: "100001" }, "max_price"],
  ["an unsupported currency", { currency: "JPY" }, "currency"],
  ["expiry beyond requests.max_expiry_days", { expiresAt: hoursFromNow(31 * 24) }, "expires_at"],
  // the time of the write
  ["a window in the past", { pickupWindowStart: hoursFromNow(-5), pickupWindowEnd: hoursFromNow(-1) }, "pickup_window_end"],
  ["expiry in the past", { expiresAt: hoursFromNow(-1) }, "expires_at"],
];

test("every broken rule answers INVAL naming its field, and writes nothing", async (t) => {
  const customer = await createSignedInMember(db, { type: "customer" });
  for (const [label, overrides, field] of invalid) {
    const res = await server.gql(CREATE, { token: customer.token, variables: { d: details(overrides) } });
    t.is(errorCode(res), "INVAL", label);
    t.true(res.errors?.[0]?.message.includes(field), `${label}: "${res.errors?.[0]?.message}" names ${field}`);
    t.is(res.data?.createDeliveryRequest ?? null, null, label);
  }
  t.is(await countOf(customer.id), 0, "nothing half-written");
  t.is(errorCode(await server.gql(CREATE, { token: customer.token, variables: { d: details({ autoAcceptPrice: "5000", expiresAt: hoursFromNow(30 * 24 - 1) }) } })),
    undefined, "the bounds themselves are allowed");
  const self = await server.gql(CREATE, { token: customer.token, variables: { d: details({ preferredTravelers: [customer.id] }) } });
  t.is(errorCode(self), "INVAL", "listing oneself");
  t.regex(self.errors?.[0]?.message ?? "", /preferred_travelers/);
});

test("who may create: signed in (LOGIN), active and email-verified (DNIED), a customer or both (DNIED)", async (t) => {
  t.is(errorCode(await server.gql(CREATE, { variables: { d: details() } })), "DNIED", "anonymous has no execute grant");
  await actAs(db, user((await createSignedInMember(db, { type: "customer" })).id), async (c) => {
    await c.query("select set_config('jwt.claims.session_id', '', true)");
    t.is(await sqlstate(c.query("select app_public.create_delivery_request(null)")), "LOGIN", "a user role without a live session");
  });
  const unverified = await createSignedInMember(db, { type: "customer", level: "unverified" });
  t.is(errorCode(await server.gql(CREATE, { token: unverified.token, variables: { d: details() } })), "DNIED");
  const pending = await createSignedInMember(db, { type: "customer", status: "pending" });
  t.is(errorCode(await server.gql(CREATE, { token: pending.token, variables: { d: details() } })), "DNIED");
  const traveler = await createSignedInMember(db, { type: "traveler" });
  t.is(errorCode(await server.gql(CREATE, { token: traveler.token, variables: { d: details() } })), "DNIED");
  const both = await createSignedInMember(db, { type: "both" });
  t.is(errorCode(await server.gql(CREATE, { token: both.token, variables: { d: details() } })), undefined);
  for (const u of [unverified, pending, traveler]) t.is(await countOf(u.id), 0);
  // Direct writes have no grant at all.
  await actAs(db, user(both.id), async (c) => {
    t.is(await sqlstate(c.query("update app_public.delivery_requests set max_price = 100")), "42501");
  });
});

test("at most limits.max_open_requests (20) open requests (LIMIT); cancelling frees a slot", async (t) => {
  const customer = await createSignedInMember(db, { type: "customer" });
  const ids: string[] = [];
  for (let i = 0; i < 20; i++) ids.push((await create(customer.token, { title: `Parcel number ${i}` })).rowId);
  const over = await server.gql(CREATE, { token: customer.token, variables: { d: details() } });
  t.is(errorCode(over), "LIMIT");
  t.is(errorCode(await server.gql(DUPLICATE, { token: customer.token, variables: { id: ids[0] } })), "LIMIT");
  t.is(await countOf(customer.id), 20);
  await server.gql(CANCEL, { token: customer.token, variables: { id: ids[0], reason: "no_longer_needed" } });
  t.is(errorCode(await server.gql(CREATE, { token: customer.token, variables: { d: details() } })), undefined);
});

test("update replaces the details while open, recomputes the estimate, keeps the expiry; others get NTFND", async (t) => {
  const customer = await createSignedInMember(db, { type: "customer" });
  const other = await createSignedInMember(db, { type: "customer" });
  const r = await create(customer.token);
  const res = await server.gql(UPDATE, { token: customer.token,
    variables: { id: r.rowId, d: details({ title: "Birthday present, bigger", weightKg: "4", urgency: "express", maxPrice: "8000" }) } });
  t.is(res.errors, undefined);
  const updated = res.data!.updateDeliveryRequest.deliveryRequest;
  t.like(updated, { rowId: r.rowId, status: "pending", title: "Birthday present, bigger", totalWeight: "4.000", maxPrice: "8000",
    expiresAt: r.expiresAt, createdAt: r.createdAt });
  t.true(Number(updated.estimatedPrice) > Number(r.estimatedPrice));

  t.is(errorCode(await server.gql(UPDATE, { token: other.token, variables: { id: r.rowId, d: details() } })), "NTFND");
  t.is(errorCode(await server.gql(UPDATE, { token: customer.token, variables: { id: r.rowId, d: details({ isHazardous: true }) } })), "INVAL");
  t.is(errorCode(await server.gql(UPDATE, { token: customer.token, variables: { id: r.rowId, d: details({ autoAcceptPrice: "9000" }) } })), "INVAL");
  const after = await asRoot(db, async (c) => (await c.query("select title, is_hazardous from app_public.delivery_requests where id = $1", [r.rowId])).rows[0]);
  t.deepEqual(after, { title: "Birthday present, bigger", is_hazardous: false }, "a refused update changes nothing");
});

test("cancel: owner only, needs a reason, ends the request; editing or cancelling afterwards is BADST", async (t) => {
  const customer = await createSignedInMember(db, { type: "customer" });
  const other = await createSignedInMember(db, { type: "customer" });
  const r = await create(customer.token);
  t.is(errorCode(await server.gql(CANCEL, { token: other.token, variables: { id: r.rowId, reason: "other" } })), "NTFND");
  t.is(errorCode(await server.gql(CANCEL, { variables: { id: r.rowId, reason: "other" } })), "DNIED");
  t.is(errorCode(await server.gql(CANCEL, { token: customer.token, variables: { id: r.rowId, reason: "other", note: "x".repeat(1001) } })), "INVAL");
  const res = await server.gql(CANCEL, { token: customer.token, variables: { id: r.rowId, reason: "found_alternative", note: " A friend takes it " } });
  t.like(res.data!.cancelDeliveryRequest.deliveryRequest, { status: "cancelled", cancellationReason: "found_alternative",
    cancellationNote: "A friend takes it" });
  t.is(errorCode(await server.gql(UPDATE, { token: customer.token, variables: { id: r.rowId, d: details() } })), "BADST", "edit after cancel");
  t.is(errorCode(await server.gql(CANCEL, { token: customer.token, variables: { id: r.rowId, reason: "other" } })), "BADST");
});

test("a request past its expiry that the sweep has not reached yet: update and cancel answer EXPRD", async (t) => {
  const customer = await createSignedInMember(db, { type: "customer" });
  const r = await create(customer.token);
  await setTimesAgo(db, "app_public.delivery_requests", r.rowId, { created_at: "8 days", expires_at: "1 day" });
  t.is(errorCode(await server.gql(UPDATE, { token: customer.token, variables: { id: r.rowId, d: details() } })), "EXPRD");
  t.is(errorCode(await server.gql(CANCEL, { token: customer.token, variables: { id: r.rowId, reason: "other" } })), "EXPRD");
});

test("duplicate: a new pending request from one of yours, new windows when the old ones passed", async (t) => {
  const customer = await createSignedInMember(db, { type: "customer" });
  const other = await createSignedInMember(db, { type: "customer" });
  const r = await create(customer.token, { autoAcceptPrice: "3000" });
  await server.gql(CANCEL, { token: customer.token, variables: { id: r.rowId, reason: "too_expensive" } });
  const res = await server.gql(DUPLICATE, { token: customer.token, variables: { id: r.rowId } });
  t.is(res.errors, undefined);
  const copy = res.data!.duplicateDeliveryRequest.deliveryRequest;
  t.not(copy.rowId, r.rowId);
  t.like(copy, { status: "pending", title: r.title, autoAcceptPrice: "3000", pickupAddress: r.pickupAddress,
    cancellationReason: null, estimatedPrice: r.estimatedPrice });
  t.is(errorCode(await server.gql(DUPLICATE, { token: other.token, variables: { id: r.rowId } })), "NTFND");

  await asRoot(db, (c) => c.query(
    `update app_public.delivery_requests set created_at = now() - interval '3 days', expires_at = now() - interval '1 hour',
            pickup_window_start = now() - interval '2 days', pickup_window_end = now() - interval '1 day',
            delivery_window_start = now() - interval '1 day', delivery_window_end = now() - interval '12 hours',
            status = 'expired' where id = $1`, [copy.rowId]));
  t.is(errorCode(await server.gql(DUPLICATE, { token: customer.token, variables: { id: copy.rowId } })), "INVAL", "the copied windows have passed");
  const windows = { ps: hoursFromNow(2), pe: hoursFromNow(4), ds: hoursFromNow(5), de: hoursFromNow(9) };
  const fresh = await server.gql(DUPLICATE, { token: customer.token, variables: { id: copy.rowId, ...windows } });
  t.is(fresh.errors, undefined);
  const again = fresh.data!.duplicateDeliveryRequest.deliveryRequest;
  t.like(again, { status: "pending", title: r.title });
  t.is(Date.parse(again.pickupWindowStart), Date.parse(windows.ps));
});

test("report_delivery_request: a report about the customer linked to the request; only listed requests", async (t) => {
  const customer = await createSignedInMember(db, { type: "customer" });
  const traveler = await createSignedInMember(db, { type: "traveler" });
  const r = await create(customer.token);
  const res = await server.gql(REPORT, { token: traveler.token, variables: { id: r.rowId } });
  t.is(res.errors, undefined);
  t.deepEqual(res.data!.reportDeliveryRequest.userReport, { reporterId: traveler.id, reportedUserId: customer.id,
    deliveryRequestId: r.rowId, category: "fraud", status: "pending" });
  t.is(errorCode(await server.gql(REPORT, { token: traveler.token, variables: { id: r.rowId } })), "BADST", "one open report per pair");
  t.is(errorCode(await server.gql(REPORT, { token: customer.token, variables: { id: r.rowId } })), "NTFND", "not your own");
  t.is(errorCode(await server.gql(REPORT, { variables: { id: r.rowId } })), "DNIED");
  const second = await createSignedInMember(db, { type: "traveler" });
  await server.gql(CANCEL, { token: customer.token, variables: { id: r.rowId, reason: "other" } });
  t.is(errorCode(await server.gql(REPORT, { token: second.token, variables: { id: r.rowId } })), "NTFND", "a cancelled request is not listed");
  t.is(await sqlstate(asRoot(db, (c) => c.query(
    "insert into app_public.user_reports (reporter_id, reported_user_id, category, description, delivery_request_id) values ($1, $2, 'spam', 'Dangling request id', gen_random_uuid())",
    [traveler.id, second.id]))), "23503", "user_reports.delivery_request_id is a foreign key now");
});

test("expiry: cleanup_expired_data turns open requests past expires_at into expired, once", async (t) => {
  const customer = await createSignedInMember(db, { type: "customer" });
  const due = await create(customer.token, { title: "Due parcel" });
  const matched = await create(customer.token, { title: "Matched parcel" });
  const live = await create(customer.token, { title: "Live parcel" });
  const cancelled = await create(customer.token, { title: "Cancelled parcel" });
  await server.gql(CANCEL, { token: customer.token, variables: { id: cancelled.rowId, reason: "other" } });
  await asRoot(db, (c) => c.query(
    `update app_public.delivery_requests set created_at = now() - interval '8 days', expires_at = now() - interval '1 minute',
            status = case when id = $2 then 'matched'::app_public.delivery_request_status else status end
      where id = any($1)`, [[due.rowId, matched.rowId, cancelled.rowId], matched.rowId]));
  const first = await asRoot(db, async (c) => (await c.query("select app_private.cleanup_expired_data() as r")).rows[0].r);
  t.true(first.requests_expired >= 2);
  const statuses = await asRoot(db, async (c) => Object.fromEntries((await c.query(
    "select title, status from app_public.delivery_requests where customer_id = $1", [customer.id])).rows.map((r) => [r.title, r.status])));
  t.deepEqual(statuses, { "Due parcel": "expired", "Matched parcel": "expired", "Live parcel": "pending", "Cancelled parcel": "cancelled" });
  t.is(await asRoot(db, async (c) => (await c.query("select app_private.expire_delivery_requests() as n")).rows[0].n), 0, "idempotent");
  t.truthy(live);
});

test("the trigram index covers title, description and item name, and finds rows with a NULL description", async (t) => {
  const customer = await createSignedInMember(db, { type: "customer" });
  await create(customer.token, { description: null, title: "Vintage typewriter", itemName: "Olympia SM3" });
  await asRoot(db, async (c) => {
    await c.query("begin");
    await c.query("set local enable_seqscan = off");
    const expr = "(coalesce(title, '') || ' ' || coalesce(description, '') || ' ' || coalesce(item_name, ''))";
    const found = await c.query(`select title from app_public.delivery_requests where ${expr} ilike '%olympia%'`);
    t.deepEqual(found.rows, [{ title: "Vintage typewriter" }]);
    const plan = (await c.query(`explain select 1 from app_public.delivery_requests where ${expr} ilike '%olympia%'`))
      .rows.map((r) => r["QUERY PLAN"]).join("\n");
    t.regex(plan, /idx_delivery_requests_text/);
    await c.query("rollback");
  });
});
