// Suspensions (docs/identity.md): a suspended account may sign in and read, but every content-creating call
// is refused with SUSPD naming the end of the suspension (app_hidden.require_user, the one gate); an hourly job ends
// suspensions whose suspended_until has passed, records the change, and is idempotent.
// Serial: runOnce works off every ready job of this file's database.
import test from "ava";
import { readFile } from "node:fs/promises";
import { parseCrontab } from "graphile-worker";
import { createMember, createUser, DEFAULT_PASSWORD, tokenFor, verifyEmail } from "../helpers/actors.ts";
import { errorCode } from "../helpers/errors.ts";
import { readyFile } from "../helpers/files.ts";
import { asRoot } from "../helpers/database.ts";
import { createAcceptedDelivery, createMarket, submitOffer } from "../helpers/marketplace.ts";
import { useTestServer } from "../helpers/server.ts";
import { runTask } from "../helpers/worker.ts";

const { db, server } = useTestServer(test);
const WORKERS = new URL("../../workers/", import.meta.url);

const suspend = (id: string, until: string | null) => asRoot(db, (c) => c.query(
  "update app_public.users set status = 'suspended', suspended_until = $2::timestamptz where id = $1", [id, until]));
const account = (id: string) => asRoot(db, async (c) => (await c.query(
  "select status, suspended_until from app_public.users where id = $1", [id])).rows[0] as { status: string; suspended_until: Date | null });

const CREATE_TEMPLATE = `mutation { saveTripTemplate(input: { name: "Weekly", tripId: "00000000-0000-4000-8000-000000000000" }) {
  tripTemplate { rowId } } }`;
const CREATE_REQUEST = `mutation { createDeliveryRequest(input: { details: {} }) { deliveryRequest { rowId } } }`;

test.serial("a suspended user is refused content creation with SUSPD, naming the end of the suspension", async (t) => {
  const { id } = await createUser(db);
  await verifyEmail(db, id);
  await suspend(id, "2031-05-17T09:30:00Z");
  const token = await tokenFor(db, id);
  for (const mutation of [CREATE_TEMPLATE, CREATE_REQUEST]) {
    const res = await server.gql(mutation, { token });
    t.is(res.errors?.[0]?.extensions?.code, "SUSPD", mutation);
    t.regex(res.errors?.[0]?.message ?? "", /suspended until 2031-05-17 09:30 UTC/);
  }
  await suspend(id, null);
  const open = await server.gql(CREATE_REQUEST, { token });
  t.is(open.errors?.[0]?.extensions?.code, "SUSPD");
  t.regex(open.errors?.[0]?.message ?? "", /suspended until an administrator lifts it/);
});

// The suspension decisions of README: what protects the user, keeps their data private, closes something or only
// reads stays open; what others would see or rely on is refused (SUSPD), as the marketplace is (above).
test.serial("a suspended user may still protect and close their account; the profile and favorites wait (SUSPD)", async (t) => {
  const { id } = await createUser(db);
  await verifyEmail(db, id);
  const other = await createMember(db, "traveler");
  const token = await tokenFor(db, id);
  await suspend(id, "2031-05-17T09:30:00Z");
  const allowed: [string, string, Record<string, unknown>][] = [
    ["mySessions", "{ mySessions { totalCount } }", {}],
    ["updatePreferences", `mutation { updatePreferences(input: { privacy: { show_last_name: false } }) {
      userPreference { userId } } }`, {}],
    ["blockUser", "mutation ($id: UUID!) { blockUser(input: { userId: $id, reason: harassment }) { userBlock { blockedId } } }",
      { id: other }],
    ["unblockUser", "mutation ($id: UUID!) { unblockUser(input: { userId: $id }) { success } }", { id: other }],
    ["reportUser", `mutation ($id: UUID!) { reportUser(input: { userId: $id, category: harassment,
      description: "Keeps sending threats" }) { userReport { id } } }`, { id: other }],
    ["removeFavoriteTraveler", "mutation ($id: UUID!) { removeFavoriteTraveler(input: { travelerId: $id }) { success } }",
      { id: other }],
    ["submitVerificationDocument", `mutation ($image: UUID!) { submitVerificationDocument(input: { documentType: utility_bill,
      frontImageId: $image }) { userVerificationDocument { id } } }`, { image: await readyFile(db, id, "verification_document") }],
    ["searchUsers", `{ searchUsers(q: "someone") { totalCount } }`, {}],
  ];
  for (const [name, query, variables] of allowed) {
    const res = await server.gql(query, { token, variables });
    t.is(res.errors, undefined, `${name}: ${JSON.stringify(res.errors)}`);
  }
  const refused: [string, string, Record<string, unknown>][] = [
    ["updateProfile", `mutation { updateProfile(input: { bio: "New bio" }) { user { id } } }`, {}],
    ["addFavoriteTraveler", "mutation ($id: UUID!) { addFavoriteTraveler(input: { travelerId: $id }) { userFavorite { travelerId } } }",
      { id: other }],
  ];
  for (const [name, query, variables] of refused) {
    const res = await server.gql(query, { token, variables });
    t.is(errorCode(res), "SUSPD", name);
    t.regex(res.errors?.[0]?.message ?? "", /suspended until 2031-05-17 09:30 UTC/, name);
  }
  t.is(errorCode(await server.gql("mutation { logout(input: {}) { success } }", { token })), undefined, "logout");
});

// Closing what others wait on stays open too: a suspended account must be able to withdraw and decline offers and
// cancel its trips and (before pickup) its deliveries — deleting the account needs exactly that.
test.serial("a suspended user may still withdraw and decline offers and cancel trips and deliveries", async (t) => {
  const asTraveler = await createMarket(db);
  const withdrawn = await submitOffer(server, asTraveler);
  const asCustomer = await createMarket(db);
  const declined = await submitOffer(server, asCustomer);
  // No payment: its jobs would call Stripe, which this file does not run (a later test checks that no job failed).
  const delivery = await createAcceptedDelivery(db, server, { payment: "none" });
  await suspend(asTraveler.traveler, null);
  await suspend(asCustomer.customer, null);
  await suspend(delivery.traveler, null);
  const steps: [string, string, string, Record<string, unknown>][] = [
    ["withdrawOffer", asTraveler.travelerToken, `mutation ($id: UUID!) {
      withdrawOffer(input: { offerId: $id, reason: other }) { deliveryOffer { status } } }`, { id: withdrawn }],
    ["declineOffer", asCustomer.customerToken, `mutation ($id: UUID!) {
      declineOffer(input: { offerId: $id, reason: other }) { deliveryOffer { status } } }`, { id: declined }],
    ["cancelDelivery", delivery.travelerToken, `mutation ($id: UUID!) {
      cancelDelivery(input: { deliveryId: $id, reason: schedule_changed }) { delivery { status } } }`, { id: delivery.id }],
    ["cancelTrip", asTraveler.travelerToken, `mutation ($id: UUID!) {
      cancelTrip(input: { tripId: $id, reason: personal_emergency }) { trip { status } } }`, { id: asTraveler.trip }],
  ];
  for (const [name, token, query, variables] of steps) {
    const res = await server.gql(query, { token, variables });
    t.is(res.errors, undefined, `${name}: ${JSON.stringify(res.errors)}`);
  }
});

test.serial("pending (unverified) accounts still edit their profile and keep favorites, as before", async (t) => {
  const { id } = await createUser(db, { status: "pending" });
  const other = await createMember(db, "traveler");
  const token = await tokenFor(db, id);
  t.is(errorCode(await server.gql(`mutation { updateProfile(input: { bio: "Hello" }) { user { id } } }`, { token })),
    undefined);
  t.is(errorCode(await server.gql("mutation ($id: UUID!) { addFavoriteTraveler(input: { travelerId: $id }) { userFavorite { travelerId } } }",
    { token, variables: { id: other } })), undefined);
});

test.serial("a suspended account may still sign in and read its own account", async (t) => {
  const { id, email } = await createUser(db);
  await suspend(id, "2031-05-17T09:30:00Z");
  const login = await server.gql(`mutation ($email: String!, $password: String!) {
    login(input: { email: $email, password: $password }) { authResult { accessToken } } }`,
  { variables: { email, password: DEFAULT_PASSWORD } });
  const token = login.data?.login.authResult?.accessToken as string | undefined;
  t.truthy(token);
  const me = await server.gql("{ currentUser { status suspendedUntil } }", { token });
  t.like(me.data!.currentUser, { status: "suspended" });
});

test.serial("the hourly job ends suspensions that are over, records each, and changes nothing when run again", async (t) => {
  const verified = (await createUser(db)).id;
  await verifyEmail(db, verified);
  const unverified = (await createUser(db, { status: "pending" })).id;
  const later = (await createUser(db)).id;
  const indefinite = (await createUser(db)).id;
  await suspend(verified, new Date(Date.now() - 60_000).toISOString());
  await suspend(unverified, new Date(Date.now() - 60_000).toISOString());
  await suspend(later, new Date(Date.now() + 3_600_000).toISOString());
  await suspend(indefinite, null);

  const run = () => runTask(db, "users__end_suspensions");
  await run();
  t.like(await account(verified), { status: "active", suspended_until: null });
  t.like(await account(unverified), { status: "pending", suspended_until: null }, "back to what the email allows");
  t.is((await account(later)).status, "suspended");
  t.like(await account(indefinite), { status: "suspended", suspended_until: null });
  const history = async () => asRoot(db, async (c) => (await c.query(
    `select user_id, old_status, new_status, changed_by from app_private.user_status_changes
      where user_id = any($1) order by new_status::text`, [[verified, unverified, later, indefinite]])).rows);
  t.deepEqual(await history(), [
    { user_id: verified, old_status: "suspended", new_status: "active", changed_by: null },
    { user_id: unverified, old_status: "suspended", new_status: "pending", changed_by: null },
  ], "each end is recorded as the system's");
  await run();
  t.is((await history()).length, 2, "idempotent");
  t.deepEqual(await asRoot(db, async (c) => (await c.query(
    "select last_error from graphile_worker._private_jobs where last_error is not null")).rows), [], "no job failed");
});

test.serial("the crontab ends suspensions hourly under a fixed id", async (t) => {
  const item = parseCrontab(await readFile(new URL("crontab", WORKERS), "utf8")).find((i) => i.task === "users__end_suspensions");
  t.truthy(item);
  t.like(item, { identifier: "users_end_suspensions", options: { backfillPeriod: 3600 * 1000 } });
  for (const hour of [0, 13, 23]) t.true(item!.match({ min: 15, hour, date: 1, month: 1, dow: 4 }), `every hour (${hour})`);
  t.false(item!.match({ min: 16, hour: 13, date: 1, month: 1, dow: 4 }), "once an hour");
});
