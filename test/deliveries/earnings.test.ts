// Money totals (docs/deliveries.md, Statistics and money): one row per user and currency, so a delivery in a second
// currency is counted rather than dropped; the traveler earns the final price (net), the customer spends the final
// price plus the fee charged. Visible to the user and admins only, per currency, on the profile (`earnings`) and the
// user.
import test from "ava";
import { createUser, makeAdmin, tokenFor } from "../helpers/actors.ts";
import { asRoot } from "../helpers/database.ts";
import { advanceDelivery, createMember, createRequest, createTrip } from "../helpers/marketplace.ts";
import { useTestServer } from "../helpers/server.ts";

const { db, server } = useTestServer(test);

async function gql(query: string, token: string, variables: Record<string, unknown>) {
  const res = await server.gql(query, { token, variables });
  if (res.errors) throw new Error(JSON.stringify(res.errors));
  return res.data!;
}

/** A delivery between the two, in the currency, at the price, through the real offer and delivery steps. */
async function deliver(customer: string, traveler: string, currency: string, price: number) {
  const request = await createRequest(db, customer, { currency });
  const trip = await createTrip(db, traveler, { currency });
  const travelerToken = await tokenFor(db, traveler);
  const offer = await gql(`mutation ($r: UUID!, $t: UUID!, $p: BigInt!) { submitOffer(input: { requestId: $r, tripId: $t, price: $p }) {
    deliveryOffer { rowId } } }`, travelerToken, { r: request, t: trip, p: String(price) });
  const accepted = await gql(`mutation ($o: UUID!) { acceptOffer(input: { offerId: $o, version: 1 }) { delivery { rowId platformFee } } }`,
    await tokenFor(db, customer), { o: offer.submitOffer.deliveryOffer.rowId });
  await advanceDelivery(db, server, { id: accepted.acceptOffer.delivery.rowId, traveler,
    customerToken: await tokenFor(db, customer), travelerToken }, ["pickUp", "deliver"]);
  return Number(accepted.acceptOffer.delivery.platformFee);
}

const totals = (userId: string) => asRoot(db, async (c) => (await c.query(
  "select currency, total_earnings::int as earned, total_spent::int as spent from app_public.user_earnings where user_id = $1 order by currency",
  [userId])).rows);

test("a delivery in a second currency is counted in its own row, never dropped; spent is the full charge (price + platform fee + processing fee)", async (t) => {
  const customer = await createMember(db, "customer", "email_verified");
  const traveler = await createMember(db, "traveler");
  const eurFee = await deliver(customer, traveler, "EUR", 3000);
  const usdFee = await deliver(customer, traveler, "USD", 2000);
  const eurAgain = await deliver(customer, traveler, "EUR", 1000);
  t.deepEqual([eurFee, usdFee, eurAgain], [300, 200, 100], "the platform fee (payments.platform_fee_rate 10 %)");
  t.deepEqual(await totals(traveler), [
    { currency: "EUR", earned: 4000, spent: 0 },
    { currency: "USD", earned: 2000, spent: 0 },
  ]);
  t.deepEqual(await totals(customer), [
    { currency: "EUR", earned: 0, spent: 3426 + 1162 },
    { currency: "USD", earned: 0, spent: 2294 },
  ]);
});

test("earnings over GraphQL: per currency on the profile and the user, for the user and admins only", async (t) => {
  const customer = await createMember(db, "customer", "email_verified");
  const traveler = await createMember(db, "traveler");
  await deliver(customer, traveler, "GBP", 5000);
  await deliver(customer, traveler, "EUR", 3000);
  const { id: stranger } = await createUser(db);
  const { id: admin } = await createUser(db);
  await makeAdmin(db, admin, "support");

  const PROFILE = `query ($id: UUID!) { userProfile(rowId: $id) { rowId earnings { currency totalEarnings totalSpent } } }`;
  const earnings = async (viewer: string) =>
    (await gql(PROFILE, await tokenFor(db, viewer), { id: traveler })).userProfile.earnings;
  const expected = [{ currency: "EUR", totalEarnings: "3000", totalSpent: "0" }, { currency: "GBP", totalEarnings: "5000", totalSpent: "0" }];
  t.deepEqual(await earnings(traveler), expected, "one's own, every currency");
  t.deepEqual(await earnings(admin), expected, "admins with users.read");
  t.deepEqual(await earnings(stranger), [], "nobody else");

  const mine = await gql(`{ currentUser { userEarnings(orderBy: CURRENCY_ASC) { nodes { currency totalSpent } } } }`,
    await tokenFor(db, customer), {});
  t.deepEqual(mine.currentUser.userEarnings.nodes, [{ currency: "EUR", totalSpent: "3426" }, { currency: "GBP", totalSpent: "5690" }]);
});

test("a new account has no money rows until it delivers or is delivered for", async (t) => {
  const { id } = await createUser(db);
  t.deepEqual(await totals(id), []);
});
