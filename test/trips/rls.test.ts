// RLS matrix for the trips tables: anonymous, the traveler (owner), another user and an admin (deliveries.read) ×
// select / insert / update / delete. Denied writes raise 42501 (no grant: every write goes through functions,
// except deleting one's own templates) or touch zero rows (hidden by a policy). Each probe is rolled back.
import test from "ava";
import { actAs, anonymous, blockUser, createMember, createUser, makeAdmin, user, type Actor } from "../helpers/actors.ts";
import { outcome, queryAsRoot, useTestDatabase } from "../helpers/database.ts";
import {
  BERLIN, createDeliveryRecord, createTripAsTraveler, reserveCapacity, transitionDelivery,
} from "../helpers/marketplace.ts";

const db = useTestDatabase(test);
let owner: string;
let other: string;
let admin: string;
let publicTrip: string;
let privateTrip: string;
let friendsTrip: string;
let reservation: string;
let template: string;
let weather: string;
let privateWeather: string;

test.before(async () => {
  owner = await createMember(db, "traveler", "email_verified");
  other = await createMember(db, "traveler", "email_verified");
  admin = (await createUser(db)).id;
  await makeAdmin(db, admin, "support");
  publicTrip = await createTripAsTraveler(db, owner);
  privateTrip = await createTripAsTraveler(db, owner, { visibility: "private" });
  friendsTrip = await createTripAsTraveler(db, owner, { visibility: "friends_only" });
  const delivery = await reserveCapacity(db, publicTrip, 2, 2, 1);
  reservation = (await queryAsRoot(db, "select id from app_public.trip_capacity_reservations where delivery_id = $1", [delivery]))[0]!.id;
  template = (await queryAsRoot(db, `insert into app_public.trip_templates (user_id, name, trip_data) values ($1, 'Run', '{}') returning id`, [owner]))[0]!.id;
  const forecast = JSON.stringify({
    origin: { condition: "clear", temperature_c: 20, wind_kph: 5, precipitation_mm: 0 },
    destination: { condition: "clear", temperature_c: 21, wind_kph: 5, precipitation_mm: 0 } });
  weather = (await queryAsRoot(db, "select id from app_private.record_trip_weather($1, $2, 'offline')", [publicTrip, forecast]))[0]!.id;
  privateWeather = (await queryAsRoot(db, "select id from app_private.record_trip_weather($1, $2, 'offline')", [privateTrip, forecast]))[0]!.id;
});


const anon = () => anonymous;
const asOwner = () => user(owner);
const asOther = () => user(other);
const asAdmin = () => user(admin);
const who = (actor: Actor) => (actor.kind === "anonymous" ? "anonymous" : actor.userId === owner ? "owner"
  : actor.userId === other ? "other user" : "admin");

interface Case {
  title: string;
  sql: string;
  params?: () => unknown[];
  expect: Array<[() => Actor, string | number]>;
}

const all = (n: string | number, admin: string | number = n, owner: string | number = n, other: string | number = n) =>
  [[anon, n], [asOwner, owner], [asOther, other], [asAdmin, admin]] as Array<[() => Actor, string | number]>;

const INSERT_TRIP = `insert into app_public.trips (traveler_id, title, trip_type, origin_address, origin_point,
  destination_address, destination_point, departure_time, arrival_time, capacity_weight_kg, available_weight_kg,
  capacity_volume_l, available_volume_l, capacity_items, available_items, currency, base_price)
  values ($1, 'Sneaky trip', 'car', 'A', 'SRID=4326;POINT(0 0)', 'B', 'SRID=4326;POINT(1 1)', now() + interval '1 day',
          now() + interval '2 days', 10, 10, 10, 10, 1, 1, 'USD', 100)`;

const cases: Case[] = [
  // trips: readable by visibility; written only through functions; never deleted
  { title: "trips select public", sql: "select 1 from app_public.trips where id = $1", params: () => [publicTrip],
    expect: [[anon, "42501"], [asOwner, 1], [asOther, 1], [asAdmin, 1]] },
  { title: "trips select private", sql: "select 1 from app_public.trips where id = $1", params: () => [privateTrip],
    expect: [[anon, "42501"], [asOwner, 1], [asOther, 0], [asAdmin, 1]] },
  { title: "trips select friends_only", sql: "select 1 from app_public.trips where id = $1", params: () => [friendsTrip],
    expect: [[anon, "42501"], [asOwner, 1], [asOther, 0], [asAdmin, 1]] },
  { title: "trips insert", sql: INSERT_TRIP, params: () => [owner], expect: all("42501") },
  { title: "trips update", sql: "update app_public.trips set available_weight_kg = 0 where id = $1", params: () => [publicTrip],
    expect: all("42501") },
  { title: "trips delete", sql: "delete from app_public.trips where id = $1", params: () => [publicTrip], expect: all("42501") },

  // trip_capacity_reservations: the trip's traveler and admins read; nobody writes directly
  { title: "trip_capacity_reservations select", sql: "select 1 from app_public.trip_capacity_reservations where id = $1",
    params: () => [reservation], expect: [[anon, "42501"], [asOwner, 1], [asOther, 0], [asAdmin, 1]] },
  { title: "trip_capacity_reservations insert",
    sql: "insert into app_public.trip_capacity_reservations (trip_id, delivery_id, weight_kg, volume_l, items) values ($1, gen_random_uuid(), 1, 1, 1)",
    params: () => [publicTrip], expect: all("42501") },
  { title: "trip_capacity_reservations update", sql: "update app_public.trip_capacity_reservations set status = 'released' where id = $1",
    params: () => [reservation], expect: all("42501") },
  { title: "trip_capacity_reservations delete", sql: "delete from app_public.trip_capacity_reservations where id = $1",
    params: () => [reservation], expect: all("42501") },

  // trip_templates: private to the owner, who may delete; saved only through save_trip_template
  { title: "trip_templates select", sql: "select 1 from app_public.trip_templates where id = $1", params: () => [template],
    expect: [[anon, "42501"], [asOwner, 1], [asOther, 0], [asAdmin, 0]] },
  { title: "trip_templates insert", sql: "insert into app_public.trip_templates (user_id, name, trip_data) values ($1, 'X', '{}')",
    params: () => [owner], expect: all("42501") },
  { title: "trip_templates update", sql: "update app_public.trip_templates set usage_count = 99 where id = $1",
    params: () => [template], expect: all("42501") },
  { title: "trip_templates delete", sql: "delete from app_public.trip_templates where id = $1", params: () => [template],
    expect: [[anon, "42501"], [asOwner, 1], [asOther, 0], [asAdmin, 0]] },

  // trip_weather: whoever sees the trip; written only by the worker
  { title: "trip_weather select (public trip)", sql: "select 1 from app_public.trip_weather where id = $1", params: () => [weather],
    expect: [[anon, "42501"], [asOwner, 1], [asOther, 1], [asAdmin, 1]] },
  { title: "trip_weather select (private trip)", sql: "select 1 from app_public.trip_weather where id = $1",
    params: () => [privateWeather], expect: [[anon, "42501"], [asOwner, 1], [asOther, 0], [asAdmin, 1]] },
  { title: "trip_weather insert",
    sql: "insert into app_public.trip_weather (trip_id, weather, provider, expires_at) values ($1, '{}', 'x', now() + interval '1 hour')",
    params: () => [friendsTrip], expect: all("42501") },
  { title: "trip_weather update", sql: "update app_public.trip_weather set alerts = '[]' where id = $1", params: () => [weather],
    expect: all("42501") },
  { title: "trip_weather delete", sql: "delete from app_public.trip_weather where id = $1", params: () => [weather],
    expect: all("42501") },
];

for (const c of cases) {
  test(c.title, async (t) => {
    for (const [actor, expected] of c.expect) {
      const got = await actAs(db, actor(), (client) => outcome(client, c.sql, c.params?.() ?? []));
      t.is(got, expected, `${c.title} as ${who(actor())}`);
    }
  });
}

test("the capacity primitives and the scheduled functions are not callable by the API roles", async (t) => {
  for (const sql of [
    "select app_hidden.reserve_trip_capacity($1, gen_random_uuid(), 1, 1, 1)",
    "select app_hidden.release_trip_capacity(gen_random_uuid())",
    "select app_hidden.consume_trip_capacity(gen_random_uuid())",
    "select app_private.materialise_recurring_trips()",
    "select app_private.auto_complete_trips()",
    "select app_private.record_trip_weather($1, '{}', 'x')",
  ]) {
    for (const actor of [anonymous, user(owner), user(admin)]) {
      const params = sql.includes("$1") ? [publicTrip] : [];
      t.is(await actAs(db, actor, (c) => outcome(c, sql, params)), "42501", `${sql} as ${who(actor)}`);
    }
  }
});

// searchTrips runs as security definer so that its GiST and trigram indexes apply under RLS (db/functions/trips/
// search_trips.sql); it restates the policies' rule through app_hidden.trips_visible_to. Here both answer for every
// kind of viewer: the search must find exactly the trips the table shows them.
test("searchTrips finds exactly the trips the trips policies show, for every kind of viewer", async (t) => {
  const traveler = await createMember(db, "traveler", "email_verified");
  const trips = {
    public: await createTripAsTraveler(db, traveler),
    private: await createTripAsTraveler(db, traveler, { visibility: "private" }),
    friends: await createTripAsTraveler(db, traveler, { visibility: "friends_only" }),
    delivered: await createTripAsTraveler(db, traveler),
  };
  const customerOfPrivate = await createMember(db, "customer", "email_verified");
  await createDeliveryRecord(db, trips.private, { customerId: customerOfPrivate, reserveCapacity: true });
  const pastCustomer = await createMember(db, "customer", "email_verified");
  const delivered = await createDeliveryRecord(db, trips.delivered, { customerId: pastCustomer, reserveCapacity: true });
  await transitionDelivery(db, delivered, "picked_up", "in_transit", "delivered");
  const blockedByTraveler = await createMember(db, "customer", "email_verified");
  await blockUser(db, traveler, blockedByTraveler);
  const blockingTraveler = await createMember(db, "customer", "email_verified");
  await blockUser(db, blockingTraveler, traveler);
  const stranger = await createMember(db, "customer", "email_verified");
  const all = Object.values(trips);

  const seen = (viewer: string) => actAs(db, user(viewer), async (c) => {
    const table = (await c.query<{ id: string }>("select id from app_public.trips where id = any($1) order by id", [all]))
      .rows.map((r) => r.id);
    const search = (await c.query<{ id: string }>(
      `select id from app_public.search_trips(origin => $2::geography) where id = any($1) order by id`,
      [all, `SRID=4326;POINT(${BERLIN.coordinates.join(" ")})`])).rows.map((r) => r.id);
    return { table, search };
  });
  const expected: Array<[string, string, string[]]> = [
    ["the traveler", traveler, all],
    ["a stranger", stranger, [trips.public, trips.delivered]],
    ["a customer of the private trip", customerOfPrivate, [trips.public, trips.private, trips.delivered]],
    ["a past customer", pastCustomer, [trips.public, trips.friends, trips.delivered]],
    ["someone the traveler blocked", blockedByTraveler, []],
    ["someone who blocked the traveler", blockingTraveler, []],
    ["an admin with deliveries.read", admin, all],
  ];
  for (const [who, viewer, trips] of expected) {
    const { table, search } = await seen(viewer);
    t.deepEqual(search, table, `${who}: the search and the table agree`);
    t.deepEqual(table, [...trips].sort(), `${who}: the policies show what docs/trips.md says`);
  }
});
