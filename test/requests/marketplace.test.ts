// The marketplace (docs/requests.md, Who reads what): search_requests over GraphQL. Travelers see masked
// listings only (no exact address, contact or phone; points snapped to 0.01°), never their own requests, requests
// across a block in either direction, requests that blacklist them, expired or cancelled requests, or requests of
// suspended customers; anonymous callers and non-travelers are refused. Each test works in its own area (a
// longitude of its own), so tests sharing the database never see each other's requests.
import test from "ava";
import { createSignedInMember } from "../helpers/actors.ts";
import { asRoot } from "../helpers/database.ts";
import { errorCode } from "../helpers/errors.ts";
import { gqlData, point } from "../helpers/graphql.ts";
import { newArea } from "../helpers/marketplace.ts";
import { useTestServer } from "../helpers/server.ts";
import { hoursFromNow } from "../helpers/time.ts";

const { db, server } = useTestServer(test);

const CREATE = `mutation ($d: DeliveryRequestDetailInput!) {
  createDeliveryRequest(input: { details: $d }) { deliveryRequest { rowId } } }`;

async function post(token: string, lng: number, overrides: Record<string, unknown> = {}): Promise<string> {
  const data = await gqlData(server, CREATE, { token, variables: { d: {
    title: "Documents to the notary", category: "documents", itemName: "Envelope", weightKg: "0.2",
    pickupAddress: "Secret Street 7", pickupPoint: point(lng + 0.01234, 10.00678), pickupCity: "Pickupville",
    pickupCountry: "DE", pickupContactName: "Hidden Name", pickupContactPhone: "+4930999888",
    pickupInstructions: "Ring twice at the back door",
    deliveryAddress: "Private Lane 9", deliveryPoint: point(lng + 0.3, 10.3), deliveryCity: "Dropton",
    deliveryCountry: "DE", deliveryContactName: "Secret Receiver", deliveryContactPhone: "+4930777666",
    pickupWindowStart: hoursFromNow(24), pickupWindowEnd: hoursFromNow(30), maxPrice: "3000", ...overrides } } });
  return data.createDeliveryRequest.deliveryRequest.rowId;
}

const LISTING_FIELDS = `rowId title category urgency quantity totalWeight totalVolumeL isFragile pickupCity pickupCountry pickupPoint
  pickupWindowStart pickupWindowEnd deliveryCity deliveryCountry deliveryPoint deliveryWindowStart deliveryWindowEnd
  distanceKm maxPrice currency expiresAt customerDisplayName customerAverageRating`;
const SEARCH = `query ($near: GeoJSON, $radius: BigFloat, $destination: GeoJSON, $category: ItemCategory, $from: Datetime, $to: Datetime) {
  searchRequests(near: $near, radiusKm: $radius, destination: $destination, category: $category, windowFrom: $from, windowTo: $to) {
    nodes { ${LISTING_FIELDS} } } }`;

async function search(token: string | undefined, variables: Record<string, unknown>) {
  return server.gql(SEARCH, { token, variables });
}
async function ids(token: string, variables: Record<string, unknown>): Promise<string[]> {
  return (await gqlData(server, SEARCH, { token, variables })).searchRequests.nodes.map((n: { rowId: string }) => n.rowId);
}

test("a traveler sees the masked listing: cities, snapped points, summary and price, never addresses or contacts", async (t) => {
  const lng = newArea();
  const customer = await createSignedInMember(db, { type: "customer", firstName: "Carla", lastName: "Lee" });
  const traveler = await createSignedInMember(db, { type: "traveler" });
  const id = await post(customer.token, lng, { quantity: 2, isFragile: true });
  await asRoot(db, (c) => c.query("update app_public.user_statistics set average_rating = 4.5, total_ratings = 2 where user_id = $1", [customer.id]));
  const res = await search(traveler.token, { near: point(lng, 10), radius: "50" });
  t.is(res.errors, undefined);
  const nodes = res.data!.searchRequests.nodes;
  t.is(nodes.length, 1);
  const listing = nodes[0];
  t.like(listing, { rowId: id, title: "Documents to the notary", category: "documents", quantity: 2, totalWeight: "0.400",
    totalVolumeL: "2.000", isFragile: true, pickupCity: "Pickupville", pickupCountry: "DE", deliveryCity: "Dropton",
    maxPrice: "3000", currency: "USD", customerDisplayName: "Carla L.", customerAverageRating: "4.50" });
  t.deepEqual(listing.pickupPoint, point(Number((lng + 0.01).toFixed(2)), 10.01), "snapped to 0.01°, not the exact point");
  t.deepEqual(listing.deliveryPoint, point(Number((lng + 0.3).toFixed(2)), 10.3));
  // The listing type has no field that could carry an exact place or a contact, and none of their values leaks.
  const listingType = await server.gql(`{ __type(name: "RequestListing") { fields { name } } }`, { token: traveler.token });
  const fieldNames: string[] = listingType.data!.__type.fields.map((f: { name: string }) => f.name);
  t.deepEqual(fieldNames.filter((f) => /address|contact|phone|instruction|customerId|blacklist|preferred/i.test(f)), []);
  const body = JSON.stringify(res.data);
  for (const secret of ["Secret Street", "Private Lane", "Hidden Name", "Secret Receiver", "+4930999888", "+4930777666",
    "Ring twice", String(lng + 0.01234), "10.00678", customer.id]) {
    t.false(body.includes(secret), `the listing leaks ${secret}`);
  }
  // The customer's privacy setting hides the rating.
  await asRoot(db, (c) => c.query(
    `update app_public.user_preferences set privacy = '{"show_last_name": false, "show_statistics": false}' where user_id = $1`, [customer.id]));
  t.is((await search(traveler.token, { near: point(lng, 10), radius: "50" })).data!.searchRequests.nodes[0].customerAverageRating, null);
});

test("ordering is by distance to the snapped pickup, then expiry, then id; radius and filters apply", async (t) => {
  const lng = newArea();
  const customer = await createSignedInMember(db, { type: "customer" });
  const traveler = await createSignedInMember(db, { type: "traveler" });
  const far = await post(customer.token, lng + 0.3);
  const nearLate = await post(customer.token, lng, { expiresAt: hoursFromNow(100) });
  const nearSoon = await post(customer.token, lng, { expiresAt: hoursFromNow(50) });
  const electronics = await post(customer.token, lng + 0.1, { category: "electronics", pickupWindowStart: hoursFromNow(60), pickupWindowEnd: hoursFromNow(70) });
  const noWindow = await post(customer.token, lng + 0.2, { pickupWindowStart: null, pickupWindowEnd: null, deliveryPoint: point(lng + 1.5, 11.5) });
  const near = point(lng, 10);
  t.deepEqual(await ids(traveler.token, { near, radius: "100" }), [nearSoon, nearLate, electronics, noWindow, far]);
  t.deepEqual(await ids(traveler.token, { near, radius: "5" }), [nearSoon, nearLate]);
  t.deepEqual(await ids(traveler.token, { near, radius: "100", category: "electronics" }), [electronics]);
  t.deepEqual(await ids(traveler.token, { near, radius: "100", from: hoursFromNow(55), to: hoursFromNow(80) }), [electronics, noWindow],
    "window overlap; requests without a pickup window always match");
  t.deepEqual(await ids(traveler.token, { near, radius: "100", destination: point(lng + 1.5, 11.5) }), [noWindow]);
  t.deepEqual(await ids(traveler.token, { near: point(lng, 10.5), radius: "200" }).then((l) => l.length), 5);
});

test("hidden: own requests, blocks both ways, blacklisting, expired, cancelled, suspended customers", async (t) => {
  const lng = newArea();
  const traveler = await createSignedInMember(db, { type: "both" });
  const near = point(lng, 10);
  const customer = await createSignedInMember(db, { type: "customer" });
  const visible = await post(customer.token, lng);
  await post(traveler.token, lng); // own
  const blockedByTraveler = await createSignedInMember(db, { type: "customer" });
  await post(blockedByTraveler.token, lng);
  const blockingTraveler = await createSignedInMember(db, { type: "customer" });
  await post(blockingTraveler.token, lng);
  await post(customer.token, lng, { blacklistedTravelers: [traveler.id] });
  const expired = await post(customer.token, lng);
  const swept = await post(customer.token, lng);
  const cancelled = await post(customer.token, lng);
  const suspended = await createSignedInMember(db, { type: "customer" });
  await post(suspended.token, lng);
  await asRoot(db, async (c) => {
    await c.query("insert into app_public.user_blocks (blocker_id, blocked_id) values ($1, $2), ($3, $1)",
      [traveler.id, blockedByTraveler.id, blockingTraveler.id]);
    await c.query(`update app_public.delivery_requests set created_at = now() - interval '8 days', expires_at = now() - interval '1 second'
                    where id = any($1)`, [[expired, swept]]);
    await c.query("update app_public.delivery_requests set status = 'expired' where id = $1", [swept]);
    await c.query(`update app_public.delivery_requests set status = 'cancelled', cancellation_reason = 'other', cancelled_at = now()
                    where id = $1`, [cancelled]);
    await c.query("update app_public.users set status = 'suspended' where id = $1", [suspended.id]);
  });
  t.deepEqual(await ids(traveler.token, { near, radius: "50" }), [visible]);
  // Another traveler, unrelated to any of them, sees everything open except the traveler's exclusions.
  const otherTraveler = await createSignedInMember(db, { type: "traveler" });
  t.is((await ids(otherTraveler.token, { near, radius: "50" })).length, 5, "visible, own-of-first, both blocked ones, blacklisting one");
});

test("refused: anonymous (no grant), signed-in customers, unverified travelers: DNIED; bad arguments (INVAL)", async (t) => {
  const lng = newArea();
  const near = point(lng, 10);
  const anon = await search(undefined, { near });
  t.is(errorCode(anon), "DNIED", JSON.stringify(anon));
  const customer = await createSignedInMember(db, { type: "customer" });
  t.is(errorCode(await search(customer.token, { near })), "DNIED");
  const unverified = await createSignedInMember(db, { type: "traveler", level: "unverified" });
  t.is(errorCode(await search(unverified.token, { near })), "DNIED");
  const traveler = await createSignedInMember(db, { type: "traveler" });
  t.is(errorCode(await search(traveler.token, {})), "INVAL");
  t.is(errorCode(await search(traveler.token, { near, radius: "0" })), "INVAL");
  t.is(errorCode(await search(traveler.token, { near, radius: "501" })), "INVAL");
  t.is(errorCode(await search(traveler.token, { near, from: hoursFromNow(5), to: hoursFromNow(1) })), "INVAL");
  t.deepEqual(await ids(traveler.token, { near }), [], "default radius requests.search_radius_km");
});

test("with many open requests, the search plan uses the GiST index on pickup points", async (t) => {
  const customer = await createSignedInMember(db, { type: "customer" });
  const plan = await asRoot(db, async (c) => {
    await c.query("begin");
    // 5000 open requests spread over the globe (rolled back), so that the radius is what makes the search selective.
    await c.query(`insert into app_public.delivery_requests (customer_id, title, category, item_name, weight_kg, currency,
                     pickup_address, pickup_point, pickup_city, pickup_country, delivery_address, delivery_point,
                     delivery_city, delivery_country, max_price, expires_at)
                   select $1, 'Bulk parcel ' || g, 'other', 'Box', 1, 'USD', 'Street', 
                          st_makepoint(-170 + (g % 340), -60 + (g / 340) % 120)::geography, 'City', 'DE', 'Street',
                          st_makepoint(-170 + (g % 340), -59 + (g / 340) % 120)::geography, 'City', 'DE', 1000,
                          now() + interval '7 days'
                     from generate_series(1, 5000) g`, [customer.id]);
    await c.query("analyze app_public.delivery_requests");
    const rows = (await c.query(`explain select * from app_hidden.listed_delivery_requests('00000000-0000-4000-8000-000000000000') r
      where st_dwithin(r.pickup_point, st_makepoint(13.4, 52.5)::geography, 26000)`)).rows;
    await c.query("rollback");
    return rows.map((r) => r["QUERY PLAN"]).join("\n");
  });
  t.regex(plan, /delivery_requests_pickup_point_idx/, plan);
});
