// exportMyData (docs/operations.md, exportMyData): everything the platform holds about the caller as one JSON
// document, matching the database, with other people by id only and no secret or hash.
import test from "ava";
import { addAddress } from "../helpers/actors.ts";
import { queryAsRoot } from "../helpers/database.ts";
import { errorCode } from "../helpers/errors.ts";
import { gqlData } from "../helpers/graphql.ts";
import { type AcceptedDelivery, createAcceptedDelivery } from "../helpers/marketplace.ts";
import { useTestServer } from "../helpers/server.ts";

const { db, server } = useTestServer(test);
let d: AcceptedDelivery;
let address: string;
test.before(async () => {
  d = await createAcceptedDelivery(db, server, { price: 2000 });
  address = await addAddress(db, d.customer);
});

const EXPORT = "{ exportMyData }";
const exportOf = async (token: string) => ((await gqlData(server, EXPORT, { token })) as any).exportMyData;
const ids = (rows: Array<{ id: string }>) => rows.map((r) => r.id).sort();
const column = async (sql: string, params: unknown[]) => (await queryAsRoot(db, sql, params)).map((r) => r.id as string).sort();

test("visitors cannot call it", async (t) => {
  t.is(errorCode(await server.gql(EXPORT)), "DNIED");
});

test("the customer's document holds their profile, contacts, addresses, requests, offers, deliveries and payments, as the database does", async (t) => {
  const doc = await exportOf(d.customerToken);
  const [me] = await queryAsRoot(db, "select u.id, u.first_name, c.email, c.last_name from app_public.users u join app_public.user_contacts c on c.user_id = u.id where u.id = $1", [d.customer]);
  t.like(doc.user, { id: me!.id, first_name: me!.first_name });
  t.like(doc.contacts, { email: me!.email, last_name: me!.last_name });
  t.deepEqual(ids(doc.addresses), [address]);
  t.deepEqual(ids(doc.delivery_requests), await column("select id from app_public.delivery_requests where customer_id = $1", [d.customer]));
  t.true(ids(doc.delivery_requests).includes(d.request));
  t.deepEqual(ids(doc.offers), await column("select id from app_public.delivery_offers where customer_id = $1", [d.customer]));
  t.deepEqual(ids(doc.deliveries), [d.id]);
  t.deepEqual(ids(doc.payments), await column("select id from app_public.payment_intents where customer_id = $1", [d.customer]));
  t.is(doc.payments.length, 1);
  t.deepEqual(ids(doc.notifications), await column("select id from app_public.notifications where user_id = $1", [d.customer]));
  t.deepEqual(doc.trips, [], "the customer has no trips");
  t.is(doc.statistics.user_id, d.customer);
  t.truthy(doc.exported_at);
});

test("the traveler's document holds their trip and the delivery, and names the customer by id only", async (t) => {
  const doc = await exportOf(d.travelerToken);
  t.deepEqual(ids(doc.trips), await column("select id from app_public.trips where traveler_id = $1", [d.traveler]));
  t.true(ids(doc.trips).includes(d.trip));
  t.deepEqual(ids(doc.deliveries), [d.id]);
  t.is(doc.deliveries[0].customer_id, d.customer);
  const [customer] = await queryAsRoot(db, "select c.email, c.last_name, c.phone_number from app_public.user_contacts c where c.user_id = $1", [d.customer]);
  const text = JSON.stringify(doc);
  t.false(text.includes(customer!.email), "never the other party's email");
  t.false(text.includes(`"${customer!.last_name}"`), "nor their last name");
  t.deepEqual(ids(doc.addresses), [], "nor their addresses");
  t.false(JSON.stringify(doc.delivery_requests).includes(d.request), "the customer's request is not the traveler's data");
});

test("no secret and no hash: no key names a password, token, secret or code hash, no bcrypt string", async (t) => {
  for (const token of [d.customerToken, d.travelerToken]) {
    const text = JSON.stringify(await exportOf(token));
    t.notRegex(text, /"[a-z_]*(password|secret|token_hash|code_hash|refresh_token|idempotency_key)[a-z_]*":/);
    t.notRegex(text, /\$2[aby]\$/);
  }
});
