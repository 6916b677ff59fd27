// Pricing (docs/matching.md, Pricing; docs/payments.md, Fees): quotePrice answers its breakdown with the customer's
// fees (the example 2000 → 200 + 94 → 2294), and the default rates take the most specific live pricing factor of the
// request's route, category and urgency, set by finance with setPricingFactor (finance.write, two-factor session,
// audited). The RLS matrix of pricing_factors: finance reads it; nobody writes it directly. Serial: factors apply to
// every request of their currency.
import test from "ava";
import { actAs, anonymous, createMember, createSignedInMember, makeAdmin, tokenFor, user } from "../helpers/actors.ts";
import { queryAsRoot } from "../helpers/database.ts";
import { errorCode, sqlstate } from "../helpers/errors.ts";
import { gqlData } from "../helpers/graphql.ts";
import { createRequestOnEquator, createTripOnEquator, newArea } from "../helpers/marketplace.ts";
import { useTestServer } from "../helpers/server.ts";

const { db, server } = useTestServer(test);
let finance: string;
let financeToken: string;
let financeNoMfa: string;
let support: string;
let supportToken: string;
test.serial.before(async () => {
  finance = await createMember(db, "both");
  await makeAdmin(db, finance, "finance");
  financeToken = await tokenFor(db, finance, { mfaVerified: true });
  financeNoMfa = await tokenFor(db, finance, { mfaVerified: false });
  support = await createMember(db, "both");
  await makeAdmin(db, support, "support");
  supportToken = await tokenFor(db, support, { mfaVerified: true });
});

const QUOTE = `query ($r: UUID!, $t: UUID) { quotePrice(requestId: $r, tripId: $t) {
  price currency rates distanceKm weightKg base perKm perKg urgencyMultiplier fragileMultiplier categoryMultiplier
  demandMultiplier clamped pricingFactorId platformFee processingFee total } }`;
const quote = async (token: string, r: string, t?: string) =>
  (await gqlData(server, QUOTE, { token, variables: { r, t: t ?? null } })).quotePrice;
const SET = `mutation ($c: String!, $n: String!, $h: String, $cat: ItemCategory, $u: UrgencyLevel, $b: BigInt,
    $cm: BigFloat, $dm: BigFloat, $from: Datetime, $until: Datetime) {
  setPricingFactor(input: { currency: $c, note: $n, routeHash: $h, category: $cat, urgency: $u, basePrice: $b,
    categoryMultiplier: $cm, demandMultiplier: $dm, validFrom: $from, validUntil: $until }) {
    pricingFactor { rowId currency routeHash category categoryMultiplier demandMultiplier validFrom validUntil } } }`;
const setFactor = (token: string, variables: Record<string, unknown>) =>
  server.gql(SET, { token, variables: { c: "USD", n: "autumn demand", ...variables } });
async function setOk(variables: Record<string, unknown>): Promise<string> {
  const res = await setFactor(financeToken, variables);
  if (res.errors) throw new Error(JSON.stringify(res.errors));
  return (res.data as any).setPricingFactor.pricingFactor.rowId;
}
/** Great-circle km (sphere of mean radius 6371.0088 km, as ST_Distance(…, false)) between equator points. */
const sphereKm = (degrees: number) => degrees * Math.PI / 180 * 6371.0088;
const routeOf = async (request: string) => (await queryAsRoot(db,
  "select app_hidden.route_hash(pickup_point, delivery_point) as h from app_public.delivery_requests where id = $1", [request]))[0]!.h as string;
/** Ends every factor (they apply to every request of their currency), so each test starts from the default rates. */
const endFactors = () => queryAsRoot(db, "delete from app_public.pricing_factors");

test.serial("quotePrice answers the price with its breakdown and the customer's fees: 2000 → 200 + 94 → 2294", async (t) => {
  await endFactors();
  const lng = newArea();
  const customer = await createSignedInMember(db);
  const traveler = await createSignedInMember(db);
  const request = await createRequestOnEquator(db, customer.id, lng);
  const flat = await createTripOnEquator(db, traveler.id, lng, { base_price: 2000, price_per_km: 0, price_per_kg: 0 });
  t.deepEqual(await quote(customer.token, request, flat), {
    price: "2000", currency: "USD", rates: "trip", distanceKm: "54.486", weightKg: "1", base: "2000", perKm: "0",
    perKg: "0", urgencyMultiplier: "1", fragileMultiplier: "1", categoryMultiplier: "1", demandMultiplier: "1",
    clamped: false, pricingFactorId: null, platformFee: "200", processingFee: "94", total: "2294",
  });
  // The default rates: (1000 + 50 · 54.4852 + 200 · 1) = 3924.26 → 3924; fee 392, processing 2.9 % of 4316 + 30 = 155.
  t.is(Math.round(1000 + 50 * sphereKm(0.49) + 200), 3924);
  t.like(await quote(customer.token, request), {
    price: "3924", rates: "default", base: "1000", perKm: "50", perKg: "200", clamped: false, platformFee: "392",
    processingFee: "155", total: "4471",
  });
  // A price too small to charge (below payments.min_charge with its fees) has no fees.
  const tiny = await createTripOnEquator(db, traveler.id, lng, { base_price: 10, price_per_km: 0, price_per_kg: 0 });
  t.like(await quote(customer.token, request, tiny), { price: "10", platformFee: null, processingFee: null, total: null });
});

test.serial("the default rates take the most specific live pricing factor of the route, category and urgency", async (t) => {
  await endFactors();
  const lng = newArea();
  const customer = await createSignedInMember(db);
  const request = await createRequestOnEquator(db, customer.id, lng);
  const route = await routeOf(request);
  t.regex(route, /^[0-9b-hjkmnp-z]{3}-[0-9b-hjkmnp-z]{3}$/);
  const raw = 1000 + 50 * sphereKm(0.49) + 200;

  // A factor of every USD route: demand 1.2.
  const any = await setOk({ dm: "1.2" });
  t.like(await quote(customer.token, request), { price: String(Math.round(raw * 1.2)), rates: "pricing_factor",
    pricingFactorId: any, demandMultiplier: "1.2", categoryMultiplier: "1" });
  // The route and category: a base of 2000, category 1.5, demand 2 → (2000 + 2724.26 + 200) × 3 = 14772.78 → 14773.
  const specific = await setOk({ h: route, cat: "documents", b: "2000", cm: "1.5", dm: "2" });
  t.like(await quote(customer.token, request), { price: "14773", pricingFactorId: specific, base: "2000" });
  // Another route, another category, another currency, or one not started yet: none of them applies.
  await setOk({ h: "zzz-zzz", cat: "documents", dm: "3" });
  await setOk({ h: route, cat: "electronics", dm: "3" });
  const eur = await setFactor(financeToken, { c: "EUR", h: route, cat: "documents", dm: "3" });
  t.is(eur.errors, undefined);
  await setOk({ h: route, cat: "documents", u: "standard", dm: "3", from: new Date(Date.now() + 3_600_000).toISOString() });
  t.like(await quote(customer.token, request), { price: "14773", pricingFactorId: specific });
  // Clamped to pricing.max_price: 20 kg, urgent: (2000 + 2724.26 + 4000) × 2 × 1.5 × 2 = 52345.56 → 50000.
  const heavy = await createRequestOnEquator(db, customer.id, lng, { weight_kg: 20, urgency: "urgent" });
  t.like(await quote(customer.token, heavy), { price: "50000", clamped: true });
  // Setting the same key again replaces the factor from then on (its base too: pricing.base again); the old one ends
  // when the new one starts.
  const replacement = await setOk({ h: route, cat: "documents", cm: "1", dm: "1" });
  t.like(await quote(customer.token, request), { price: String(Math.round(raw)), pricingFactorId: replacement });
  const [old] = await queryAsRoot(db, `select o.valid_until = n.valid_from as ended from app_public.pricing_factors o,
      app_public.pricing_factors n where o.id = $1 and n.id = $2`, [specific, replacement]);
  t.true(old!.ended);
  // matchingTrips prices a trip in another currency with the same formula (pair_quote): the factor applies there too.
  await setOk({ h: route, cat: "documents", cm: "1", dm: "2", from: new Date(Date.now() + 1000).toISOString() });
  await new Promise((resolve) => setTimeout(resolve, 1100));
  const traveler = await createSignedInMember(db);
  await createTripOnEquator(db, traveler.id, lng, { currency: "EUR" });
  const matches = await gqlData(server, "query ($id: UUID!) { matchingTrips(requestId: $id) { nodes { quotedPrice } } }",
    { token: customer.token, variables: { id: request } });
  t.deepEqual((matches as any).matchingTrips.nodes.map((n: { quotedPrice: string }) => n.quotedPrice),
    [String(Math.round(raw * 2))]);
});

test.serial("setPricingFactor: audited; refused to support, a session without the second factor, a customer and visitors (DNIED)", async (t) => {
  await endFactors();
  const id = await setOk({ h: "u09-u33", cat: "fragile", cm: "1.4", n: "glass is hard" });
  t.like((await queryAsRoot(db, `select action, severity, new_values ->> 'currency' as currency, reason, resource_id as factor
      from app_public.admin_activity_log where admin_id = $1 and resource_type = 'pricing_factor' order by created_at desc limit 1`,
    [finance]))[0], { action: "set_pricing_factor", severity: "high", currency: "USD", reason: "glass is hard", factor: id });
  const customer = await createSignedInMember(db);
  for (const token of [supportToken, financeNoMfa, customer.token]) {
    t.is(errorCode(await setFactor(token, { dm: "1.1" })), "DNIED");
  }
  t.is(errorCode(await server.gql(SET, { variables: { c: "USD", n: "x" } })), "DNIED", "visitors");
});

test.serial("setPricingFactor refuses bad input with INVAL naming the field, and a second factor of one key and start with EXIST", async (t) => {
  await endFactors();
  const cases: Array<[Record<string, unknown>, RegExp]> = [
    [{ cm: "0.4" }, /category_multiplier/],
    [{ dm: "3.5" }, /demand_multiplier/],
    [{ h: "paris-berlin" }, /route_hash/],
    [{ c: "XXX" }, /currency/],
    [{ b: "-1" }, /base_price/],
    [{ n: " " }, /note/],
    [{ from: new Date(Date.now() - 3_600_000).toISOString() }, /valid_from/],
    [{ from: new Date(Date.now() + 7_200_000).toISOString(), until: new Date(Date.now() + 3_600_000).toISOString() }, /valid_until/],
  ];
  for (const [variables, field] of cases) {
    const res = await setFactor(financeToken, variables);
    t.is(errorCode(res), "INVAL", JSON.stringify(variables));
    t.regex(res.errors?.[0]?.message ?? "", field);
  }
  const from = new Date(Date.now() + 3_600_000).toISOString();
  await setOk({ h: "u09-u33", from });
  t.is(errorCode(await setFactor(financeToken, { h: "u09-u33", from })), "EXIST");
  t.is((await queryAsRoot(db, "select count(*)::int as n from app_public.pricing_factors"))[0]!.n, 1, "nothing else was set");
});

test.serial("RLS of pricing_factors: finance reads them; customers, support and other users see none; visitors and writes 42501", async (t) => {
  await endFactors();
  const id = await setOk({ dm: "1.1" });
  const customer = await createMember(db, "customer", "email_verified");
  const sees = (who: string) => actAs(db, user(who), async (c) =>
    (await c.query("select id from app_public.pricing_factors where id = $1", [id])).rowCount);
  t.is(await sees(finance), 1);
  t.is(await sees(customer), 0);
  t.is(await sees(support), 0);
  t.is(await sqlstate(actAs(db, anonymous, (c) => c.query("select * from app_public.pricing_factors"))), "42501");
  for (const who of [finance, customer]) {
    await actAs(db, user(who), async (c) => {
      for (const sql of ["update app_public.pricing_factors set demand_multiplier = 2 where id = $1",
                         "delete from app_public.pricing_factors where id = $1",
                         "insert into app_public.pricing_factors (id, currency) values ($1, 'USD')"]) {
        await c.query("savepoint s");
        t.is(await sqlstate(c.query(sql, [id])), "42501", sql);
        await c.query("rollback to savepoint s");
      }
    });
  }
});
