// delivery_requests read by the traveler carrying them (docs/requests.md, docs/deliveries.md): while the delivery is
// live and for deliveries.contacts_after_hours after it, never after a cancellation; and the policy's helper runs once
// per statement. A file of its own: the matrix in rls.test.ts counts every request of its database.
import test from "ava";
import { actAs, user } from "../helpers/actors.ts";
import { asRoot, createTestDatabase, outcome, type TestDatabase } from "../helpers/database.ts";
import { transitionDelivery, createDeliveryRecord, createMember, createTrip } from "../helpers/marketplace.ts";

let db: TestDatabase;
test.before(async () => {
  db = await createTestDatabase();
});
test.after.always(async () => {
  await db?.drop();
});

test("the carrying traveler reads the exact request while the delivery is live and 48 h after it, not forever", async (t) => {
  const traveler = await createMember(db, "traveler");
  const trip = await createTrip(db, traveler);
  const delivery = await createDeliveryRecord(db, trip, { reserveCapacity: true });
  const requestId = await asRoot(db, async (c) => (await c.query(
    "select request_id from app_public.deliveries where id = $1", [delivery])).rows[0].request_id as string);
  const seen = () => actAs(db, user(traveler), (c) => outcome(c, "select 1 from app_public.delivery_requests where id = $1", [requestId]));
  const deliveredAgo = (hours: number) => asRoot(db, (c) => c.query(
    "update app_public.deliveries set delivered_at = now() - make_interval(hours => $2) where id = $1", [delivery, hours]));

  t.is(await seen(), 1, "accepted");
  await transitionDelivery(db, delivery, "picked_up", "in_transit");
  t.is(await seen(), 1, "in transit");
  await transitionDelivery(db, delivery, "delivered");
  t.is(await seen(), 1, "just delivered");
  await deliveredAgo(47);
  t.is(await seen(), 1, "47 h after delivery");
  await deliveredAgo(49);
  t.is(await seen(), 0, "49 h after delivery the contacts window (deliveries.contacts_after_hours) is closed");

  const cancelled = await createDeliveryRecord(db, trip, { reserveCapacity: true });
  await asRoot(db, async (c) => {
    await c.query("update app_public.deliveries set cancellation_reason = 'schedule_changed', cancelled_by = $2 where id = $1", [cancelled, traveler]);
    await c.query("select app_hidden.transition_delivery($1, 'cancelled', 'user', $2)", [cancelled, traveler]);
  });
  const cancelledRequest = await asRoot(db, async (c) => (await c.query(
    "select request_id from app_public.deliveries where id = $1", [cancelled])).rows[0].request_id as string);
  t.is(await actAs(db, user(traveler), (c) => outcome(c, "select 1 from app_public.delivery_requests where id = $1", [cancelledRequest])), 0,
    "never after a cancellation");
});

test("the traveler policy asks its helper once per statement, not once per row", async (t) => {
  const customer = await createMember(db, "customer", "email_verified");
  await asRoot(db, (c) => c.query(`
    insert into app_public.delivery_requests (customer_id, title, category, item_name, weight_kg, currency, pickup_address,
      pickup_point, pickup_city, pickup_country, delivery_address, delivery_point, delivery_city, delivery_country, max_price, expires_at)
    select $1, 'Parcel ' || g, 'other', 'Box', 1, 'USD', 'A', st_makepoint(13.4, 52.5)::geography, 'Berlin', 'DE', 'B',
           st_makepoint(13.06, 52.39)::geography, 'Potsdam', 'DE', 1000, now() + interval '7 days'
      from generate_series(1, 200) g`, [customer]));
  const calls = await asRoot(db, async (c) => {
    await c.query("begin");
    try {
      await c.query("set local track_functions = 'all'");
      const { rows } = await c.query<{ id: string }>(
        "insert into app_private.sessions (user_id, expires_at) values ($1, now() + interval '1 day') returning id", [customer]);
      await c.query("select set_config('jwt.claims.session_id', $1, true)", [rows[0]!.id]);
      await c.query("set local role app_user");
      const read = await c.query("select id from app_public.delivery_requests");
      await c.query("reset role");
      const stats = await c.query(
        "select pg_stat_get_xact_function_calls('app_hidden.current_traveler_request_ids()'::regprocedure) as calls");
      return { rows: read.rowCount, calls: Number(stats.rows[0].calls) };
    } finally {
      await c.query("rollback");
    }
  });
  t.is(calls.rows, 200);
  // At most once: an array sub-select is an initplan, run when first needed (here, where the customer's own rows
  // already pass, possibly never).
  t.true(calls.calls <= 1, `the helper ran ${calls.calls} times`);
});
