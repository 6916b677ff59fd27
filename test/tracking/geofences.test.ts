// Geofences (docs/tracking.md): acceptance makes the pickup and drop-off circles; ingest walks a synthetic path through
// them and emits enter, dwell and exit (poor fixes skipped, repeats within 60 s dropped); reaching the drop-off tells
// the customer once; admins draw restricted and safe-zone polygons; the shape CHECK holds for everybody.
import test from "ava";
import { actAs, createMember, makeAdmin, tokenFor, user } from "../helpers/actors.ts";
import { outcome, queryAsRoot } from "../helpers/database.ts";
import { errorCode } from "../helpers/errors.ts";
import { notificationsTo } from "../helpers/notifications.ts";
import { useTestServer } from "../helpers/server.ts";
import { createTrackedDelivery, DROPOFF, fixAt, PICKUP, recordLocations } from "../helpers/tracking.ts";

const { db, server } = useTestServer(test);

/** About 1 km north of a place. */
const away = (place: readonly [number, number]): [number, number] => [place[0], place[1] + 0.009];
/** About 50 m north: inside a 100 m circle. */
const near = (place: readonly [number, number]): [number, number] => [place[0], place[1] + 0.00045];

const events = (deliveryId: string) => queryAsRoot<{ kind: string; event: string; dwell: number | null; ago: number }>(db,
  `select g.geofence_type::text as kind, e.event::text as event, e.dwell_time_s as dwell,
          round(extract(epoch from now() - e.recorded_at))::int as ago
     from app_public.geofence_events e join app_public.geofences g on g.id = e.geofence_id
    where e.delivery_id = $1 order by e.recorded_at, g.geofence_type`, [deliveryId]);

/** Seconds ago, rounded as the events query rounds them: fixes are taken relative to one instant. */
const roughly = (rows: Array<{ ago: number }>, base: number) => rows.map((r) => ({ ...r, ago: Math.round((r.ago - base) / 5) * 5 }));

test("acceptance makes the pickup and drop-off circles of domain.md", async (t) => {
  const d = await createTrackedDelivery(db, server);
  const fences = await queryAsRoot(db, `select geofence_type::text as type, geometry_type::text as shape, radius_m,
      dwell_threshold_s, round(st_x(center::geometry)::numeric, 2)::float8 as lng, round(st_y(center::geometry)::numeric, 2)::float8 as lat
    from app_public.geofences where delivery_id = $1 order by geofence_type`, [d.id]);
  t.deepEqual(fences, [
    { type: "pickup", shape: "circle", radius_m: 100, dwell_threshold_s: 300, lng: PICKUP[0], lat: PICKUP[1] },
    { type: "delivery", shape: "circle", radius_m: 100, dwell_threshold_s: 600, lng: DROPOFF[0], lat: DROPOFF[1] },
  ]);
});

test("a synthetic path: enter, dwell, exit, poor fixes skipped, repeats within 60 s dropped, the customer told once", async (t) => {
  const d = await createTrackedDelivery(db, server);
  const start = Date.now();
  const ago = (s: number) => s + Math.round((Date.now() - start) / 1000);
  const res = await recordLocations(server, d.travelerToken, d.id, [
    fixAt(away(PICKUP), 3000), // outside: nothing
    fixAt(PICKUP, 2970), // enter
    fixAt(PICKUP, 2940, { accuracyM: 150 }), // worse than 100 m: skipped
    fixAt(near(PICKUP), 2900), // inside for 70 s: nothing
    fixAt(PICKUP, 2660), // inside for 310 s: dwell
    fixAt(PICKUP, 2630), // dwelled already: nothing
    fixAt(away(PICKUP), 2600), // exit
    fixAt(PICKUP, 2580), // enter again (the last enter was 390 s earlier)
    fixAt(away(PICKUP), 2560), // exit 40 s after the last one: dropped, still inside
    fixAt(away(PICKUP), 2500), // exit
  ]);
  t.is(res.data?.recordLocations.result.accepted, 10);
  const pickup = roughly(await events(d.id), ago(0));
  t.deepEqual(pickup, [
    { kind: "pickup", event: "enter", dwell: null, ago: 2970 },
    { kind: "pickup", event: "dwell", dwell: 310, ago: 2660 },
    { kind: "pickup", event: "exit", dwell: null, ago: 2600 },
    { kind: "pickup", event: "enter", dwell: null, ago: 2580 },
    { kind: "pickup", event: "exit", dwell: null, ago: 2500 },
  ].map((e) => ({ ...e, ago: Math.round(e.ago / 5) * 5 })));

  // The drop-off, over several batches: the state carries over from the stored events.
  await recordLocations(server, d.travelerToken, d.id, [fixAt(away(DROPOFF), 1300), fixAt(near(DROPOFF), 1200), fixAt(DROPOFF, 1100)]);
  await recordLocations(server, d.travelerToken, d.id, [fixAt(DROPOFF, 550)]);
  await recordLocations(server, d.travelerToken, d.id, [fixAt(DROPOFF, 500), fixAt(away(DROPOFF), 300), fixAt(DROPOFF, 200)]);
  const dropoff = (await events(d.id)).filter((e) => e.kind === "delivery").map(({ event, dwell }) => ({ event, dwell }));
  t.deepEqual(dropoff, [
    { event: "enter", dwell: null },
    { event: "dwell", dwell: 650 },
    { event: "exit", dwell: null },
    { event: "enter", dwell: null },
  ]);
  const told = await notificationsTo(db, { userId: d.customer }, { template: "traveler_arriving" });
  t.deepEqual(told.map((n) => [n.channel, n.variables.delivery_number]),
    [["in_app", (await queryAsRoot<{ n: string }>(db, "select delivery_number as n from app_public.deliveries where id = $1", [d.id]))[0]!.n]],
    "the first arrival only");
});

test("admins draw restricted and safe-zone polygons; ingest watches platform-wide zones too", async (t) => {
  const d = await createTrackedDelivery(db, server);
  const admin = await createMember(db, "both");
  await makeAdmin(db, admin, "admin");
  const adminToken = await tokenFor(db, admin);
  const [lng, lat] = [5.0, 47.0];
  const square = { type: "Polygon", coordinates: [[[lng - 0.01, lat - 0.01], [lng + 0.01, lat - 0.01], [lng + 0.01, lat + 0.01],
    [lng - 0.01, lat + 0.01], [lng - 0.01, lat - 0.01]]] };
  const CREATE = `mutation ($type: GeofenceType!, $polygon: JSON!, $d: UUID) {
    createGeofence(input: { geofenceType: $type, polygon: $polygon, deliveryId: $d }) { geofence { rowId geofenceType geometryType deliveryId } } }`;
  const made = await server.gql(CREATE, { token: adminToken, variables: { type: "restricted", polygon: square } });
  t.deepEqual(made.errors, undefined);
  t.like(made.data?.createGeofence.geofence, { geofenceType: "restricted", geometryType: "polygon", deliveryId: null });

  t.is(errorCode(await server.gql(CREATE, { token: d.travelerToken, variables: { type: "safe_zone", polygon: square } })), "DNIED");
  t.is(errorCode(await server.gql(CREATE, { token: adminToken, variables: { type: "safe_zone", polygon: { type: "Point", coordinates: [1, 2] } } })), "INVAL");
  t.is(errorCode(await server.gql(CREATE, { token: adminToken, variables: { type: "pickup", polygon: square } })), "INVAL");

  await recordLocations(server, d.travelerToken, d.id, [fixAt([lng, lat], 600), fixAt([lng + 0.5, lat], 500)]);
  t.deepEqual((await events(d.id)).map(({ kind, event }) => ({ kind, event })),
    [{ kind: "restricted", event: "enter" }, { kind: "restricted", event: "exit" }]);
});

test("the shape CHECK keeps a geofence's columns consistent with its shape", async (t) => {
  const d = await createTrackedDelivery(db, server);
  const insert = (columns: string, values: string) => queryAsRoot(db,
    `insert into app_public.geofences (geofence_type, delivery_id, geometry_type, ${columns}) values ($1, $2, $3, ${values})`,
    ["pickup", d.id, "circle"]).then(() => "ok", (e: { code: string; constraint: string }) => `${e.code} ${e.constraint}`);
  t.is(await insert("center", "'SRID=4326;POINT(2 48)'"), "23514 geofences_shape_check", "a circle without a radius");
  t.is(await insert("center, radius_m, polygon", "'SRID=4326;POINT(2 48)', 100, 'SRID=4326;POLYGON((0 0,1 0,1 1,0 0))'"),
    "23514 geofences_shape_check", "a circle with a polygon");
  t.is(await insert("center, radius_m", "'SRID=4326;POINT(2 48)', 20000"), "23514 geofences_radius_m_check");
  t.is(await insert("center, radius_m", "'SRID=4326;POINT(2 48)', 100"), "ok");
  // Nobody writes through the API.
  t.is(await actAs(db, user(d.customer), (c) => outcome(c,
    "insert into app_public.geofences (geofence_type, delivery_id, geometry_type, center, radius_m) values ('pickup', $1, 'circle', 'SRID=4326;POINT(2 48)', 10)", [d.id])), "42501");
});
