// RLS matrix for delivery_requests (docs/requests.md, Who reads what): anonymous, the owner, another user and an admin
// (deliveries.read) × select / insert / update / delete. Reads: the customer and admins (and the traveler carrying
// the request within the contacts window: traveler_rls.test.ts). Writes: nobody directly (no grant: 42501); they go
// through the request functions. Every probe runs in a rolled-back transaction.
import test from "ava";
import { actAs, anonymous, createUser, makeAdmin, user, type Actor } from "../helpers/actors.ts";
import { asRoot, outcome, useTestDatabase } from "../helpers/database.ts";

const db = useTestDatabase(test);
let owner: string;
let other: string;
let admin: string;
let request: string;

test.before(async () => {
  owner = (await createUser(db)).id;
  other = (await createUser(db)).id;
  admin = (await createUser(db)).id;
  await makeAdmin(db, admin, "support");
  await asRoot(db, async (c) => {
    await c.query("update app_public.users set user_type = 'both' where id = $1", [other]);
    request = (await c.query(
      `insert into app_public.delivery_requests (customer_id, title, category, item_name, weight_kg, currency,
         pickup_address, pickup_point, pickup_city, pickup_country, delivery_address, delivery_point, delivery_city,
         delivery_country, max_price, expires_at)
       values ($1, 'Parcel for RLS', 'other', 'Box', 1, 'USD', 'Secret Street 1', st_makepoint(13.4, 52.5)::geography,
               'Berlin', 'DE', 'Private Lane 2', st_makepoint(13.06, 52.39)::geography, 'Potsdam', 'DE', 1000,
               now() + interval '7 days')
       returning id`, [owner])).rows[0].id;
  });
});

const actors: Array<[string, () => Actor]> = [
  ["anonymous", () => anonymous], ["owner", () => user(owner)], ["other user", () => user(other)], ["admin", () => user(admin)],
];

const cases: Array<{ title: string; sql: string; params: () => unknown[]; expect: Record<string, string | number> }> = [
  { title: "select", sql: "select 1 from app_public.delivery_requests where id = $1", params: () => [request],
    expect: { anonymous: "42501", owner: 1, "other user": 0, admin: 1 } },
  { title: "select all (only what each may see)", sql: "select 1 from app_public.delivery_requests", params: () => [],
    expect: { anonymous: "42501", owner: 1, "other user": 0, admin: 1 } },
  { title: "insert own", params: () => [owner],
    sql: `insert into app_public.delivery_requests (customer_id, title, category, item_name, weight_kg, currency,
            pickup_address, pickup_point, pickup_city, pickup_country, delivery_address, delivery_point, delivery_city,
            delivery_country, max_price, expires_at)
          values ($1, 'Sneaky insert', 'other', 'Box', 1, 'USD', 'A', st_makepoint(0, 0)::geography, 'B', 'DE', 'C',
                  st_makepoint(0, 0.1)::geography, 'D', 'DE', 1000, now() + interval '1 day')`,
    expect: { anonymous: "42501", owner: "42501", "other user": "42501", admin: "42501" } },
  { title: "update", sql: "update app_public.delivery_requests set max_price = 100, status = 'cancelled' where id = $1",
    params: () => [request], expect: { anonymous: "42501", owner: "42501", "other user": "42501", admin: "42501" } },
  { title: "delete", sql: "delete from app_public.delivery_requests where id = $1", params: () => [request],
    expect: { anonymous: "42501", owner: "42501", "other user": "42501", admin: "42501" } },
];

for (const probe of cases) {
  test(`delivery_requests ${probe.title}`, async (t) => {
    for (const [name, actor] of actors) {
      const got = await actAs(db, actor(), (c) => outcome(c, probe.sql, probe.params()));
      t.is(got, probe.expect[name], `${name}: ${probe.title}`);
    }
  });
}

test("an admin session without two-factor sees no other customer's request", async (t) => {
  const got = await asRoot(db, async (c) => {
    await c.query("begin");
    try {
      const { rows } = await c.query<{ id: string }>(
        "insert into app_private.sessions (user_id, expires_at, mfa_verified) values ($1, now() + interval '1 day', false) returning id", [admin]);
      await c.query("select set_config('jwt.claims.session_id', $1, true)", [rows[0]!.id]);
      await c.query("set local role app_user");
      return (await c.query("select 1 from app_public.delivery_requests where id = $1", [request])).rowCount;
    } finally {
      await c.query("rollback");
    }
  });
  t.is(got, 0);
});

test("the helpers that read every row are not callable by the API roles", async (t) => {
  for (const fn of ["app_hidden.listed_delivery_requests(uuid)", "app_private.expire_delivery_requests()",
    "app_hidden.insert_delivery_request(uuid, app_public.delivery_request_details)"]) {
    const allowed = await asRoot(db, async (c) => (await c.query(
      "select has_function_privilege('app_user', $1, 'execute') as ok", [fn])).rows[0].ok);
    t.false(allowed, fn);
  }
});
