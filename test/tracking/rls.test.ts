// RLS matrix of the tracking tables (docs/tracking.md, Who sees what): location_tracking is nobody's to read or write
// (functions only); geofences, geofence events and emergencies are read by the delivery's parties and admins with
// deliveries.read, platform-wide zones by every signed-in user; nobody writes any of them directly.
import test from "ava";
import { actAs, anonymous, createMember, makeAdmin, user } from "../helpers/actors.ts";
import { outcome, queryAsRoot } from "../helpers/database.ts";
import { useTestServer } from "../helpers/server.ts";
import { createTrackedDelivery, fixAt, PICKUP, recordLocations } from "../helpers/tracking.ts";

const { db, server } = useTestServer(test);

test("select, insert, update and delete of every tracking table, by every kind of caller", async (t) => {
  const d = await createTrackedDelivery(db, server);
  await recordLocations(server, d.travelerToken, d.id, [fixAt([PICKUP[0], PICKUP[1] + 0.01], 600), fixAt(PICKUP, 500)]);
  await queryAsRoot(db, `insert into app_public.emergency_locations (delivery_id, user_id, emergency_type, severity, point,
    accuracy_m, poor_fix, emergency_number) values ($1, $2, 'other', 'low', 'SRID=4326;POINT(2.35 48.86)', 10, false, '112')`,
  [d.id, d.traveler]);
  const zone = (await queryAsRoot<{ id: string }>(db, `insert into app_public.geofences (geofence_type, geometry_type, polygon)
    values ('safe_zone', 'polygon', 'SRID=4326;POLYGON((40 40,40.01 40,40.01 40.01,40 40))') returning id`))[0]!.id;
  const stranger = await createMember(db, "traveler");
  const support = await createMember(db, "both");
  await makeAdmin(db, support, "support");
  const finance = await createMember(db, "both");
  await makeAdmin(db, finance, "finance");

  const visible = (actor: ReturnType<typeof user> | typeof anonymous) => actAs(db, actor, async (c) => ({
    points: await outcome(c, "select 1 from app_private.location_tracking where delivery_id = $1", [d.id]),
    geofences: await outcome(c, "select 1 from app_public.geofences where delivery_id = $1 or id = $2", [d.id, zone]),
    events: await outcome(c, "select 1 from app_public.geofence_events where delivery_id = $1", [d.id]),
    emergencies: await outcome(c, "select 1 from app_public.emergency_locations where delivery_id = $1", [d.id]),
  }));
  // 2 points; 2 circles and the platform-wide zone; an enter of the pickup circle; 1 emergency.
  const parties = { points: "42501", geofences: 3, events: 1, emergencies: 1 };
  t.deepEqual(await visible(user(d.customer)), parties, "the customer");
  t.deepEqual(await visible(user(d.traveler)), parties, "the traveler");
  t.deepEqual(await visible(user(support)), parties, "support: deliveries.read");
  t.deepEqual(await visible(user(finance)), parties, "finance: deliveries.read");
  t.deepEqual(await visible(user(stranger)), { points: "42501", geofences: 1, events: 0, emergencies: 0 },
    "another user: the platform-wide zone only");
  t.deepEqual(await visible(anonymous), { points: "42501", geofences: "42501", events: "42501", emergencies: "42501" });

  for (const actor of [user(d.customer), user(d.traveler), user(support)]) {
    const refused = await actAs(db, actor, (c) => (async () => ({
      insertPoint: await outcome(c, `insert into app_private.location_tracking (recorded_at, delivery_id, user_id, point, accuracy_m)
        values (now(), $1, $2, 'SRID=4326;POINT(2 48)', 1)`, [d.id, d.traveler]),
      deletePoints: await outcome(c, "delete from app_private.location_tracking where delivery_id = $1", [d.id]),
      insertGeofence: await outcome(c, `insert into app_public.geofences (geofence_type, delivery_id, geometry_type, center, radius_m)
        values ('pickup', $1, 'circle', 'SRID=4326;POINT(2 48)', 10)`, [d.id]),
      updateGeofence: await outcome(c, "update app_public.geofences set active = false where delivery_id = $1", [d.id]),
      deleteGeofence: await outcome(c, "delete from app_public.geofences where delivery_id = $1", [d.id]),
      insertEvent: await outcome(c, `insert into app_public.geofence_events (geofence_id, delivery_id, user_id, event, point, recorded_at)
        select id, delivery_id, $2, 'exit', center, now() from app_public.geofences where delivery_id = $1`, [d.id, d.traveler]),
      deleteEvents: await outcome(c, "delete from app_public.geofence_events where delivery_id = $1", [d.id]),
      updateEmergency: await outcome(c, "update app_public.emergency_locations set status = 'resolved' where delivery_id = $1", [d.id]),
      deleteEmergency: await outcome(c, "delete from app_public.emergency_locations where delivery_id = $1", [d.id]),
    }))());
    t.deepEqual(Object.values(refused), Array(9).fill("42501"));
  }
});
