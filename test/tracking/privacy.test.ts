// Reading with privacy (docs/tracking.md, Privacy): the customer sees the traveler's points at the traveler's level —
// approximate (the center of a 500 m cell, times floored to 5 minutes, one point per bucket, no speed, bearing or
// battery), minimal (5 km, 30 minutes) or precise — while the delivery is live and 24 h after it; the traveler and
// admins with deliveries.read see raw points; anybody else finds nothing. Expected cells are literal numbers
// (computed apart from the SQL); expected times are the bucket starts.
import test from "ava";
import { createMember, makeAdmin, tokenFor } from "../helpers/actors.ts";
import { queryAsRoot } from "../helpers/database.ts";
import { errorCode } from "../helpers/errors.ts";
import { gqlData } from "../helpers/graphql.ts";
import { advanceDelivery } from "../helpers/marketplace.ts";
import { useTestServer } from "../helpers/server.ts";
import { setTimesAgo } from "../helpers/time.ts";
import {
  createTrackedDelivery, currentLocation, deliveryTrack, type Fix, type TrackedPoint, recordLocations,
} from "../helpers/tracking.ts";

const { db, server } = useTestServer(test);

const MINUTE = 60_000;
/** Two fixes 170 m apart in central Paris (one 500 m cell, one 5 km cell), and a third in a later bucket. */
const A: readonly [number, number] = [2.3522, 48.8566];
const B: readonly [number, number] = [2.354, 48.858];
const APPROXIMATE_CELL = { latitude: 48.856899, longitude: 2.35179 };
const MINIMAL_CELL = { latitude: 48.84567, longitude: 2.354675 };

const floorTo = (ms: number, minutes: number) => Math.floor(ms / (minutes * MINUTE)) * minutes * MINUTE;
const iso = (ms: number) => new Date(ms).toISOString();
const normalise = (points: TrackedPoint[]) => points.map((p) => ({ ...p, recordedAt: iso(Date.parse(p.recordedAt)) }));

/** Three fixes: two in the same 5-minute bucket ten minutes back, one in the next bucket (all within the hour). */
function path(): { fixes: Fix[]; times: number[] } {
  const bucket = floorTo(Date.now(), 5) - 10 * MINUTE;
  const times = [bucket + 30_000, bucket + 90_000, bucket + 5 * MINUTE + 10_000];
  const fixes = [A, B, B].map((place, i) => ({ longitude: place[0], latitude: place[1], accuracyM: 8,
    speedKmh: 30 + i, bearing: 45, battery: 70, recordedAt: iso(times[i]!) }));
  return { fixes, times };
}

async function trackedWithPath(level?: "precise" | "approximate" | "minimal") {
  const d = await createTrackedDelivery(db, server);
  if (level) {
    await gqlData(server, `mutation ($l: String) { setLocationPrivacy(input: { trackingLevel: $l }) {
      userPreference { location } } }`, { token: d.travelerToken, variables: { l: level } });
  }
  const { fixes, times } = path();
  const res = await recordLocations(server, d.travelerToken, d.id, fixes);
  if (res.data?.recordLocations.result.accepted !== 3) throw new Error(JSON.stringify(res));
  return { d, fixes, times };
}

test("approximate (the default): the 500 m cell, 5-minute times, one point per bucket, no speed, bearing or battery", async (t) => {
  const { d, times } = await trackedWithPath();
  const hidden = { speedKmh: null, bearing: null, battery: null, accuracyM: 500, precision: "approximate", deliveryId: d.id };
  const track = await deliveryTrack(server, d.customerToken, d.id);
  t.deepEqual(track.errors, undefined);
  t.deepEqual(normalise(track.data!.deliveryTrack), [
    { ...APPROXIMATE_CELL, ...hidden, recordedAt: iso(floorTo(times[0]!, 5)) },
    { ...APPROXIMATE_CELL, ...hidden, recordedAt: iso(floorTo(times[2]!, 5)) },
  ]);
  const current = await currentLocation(server, d.customerToken, d.id);
  t.deepEqual(normalise([current.data!.currentLocation!]),
    [{ ...APPROXIMATE_CELL, ...hidden, recordedAt: iso(floorTo(times[2]!, 5)) }]);
  // since: from a time on.
  t.is((await deliveryTrack(server, d.customerToken, d.id, iso(times[2]! - 1000))).data!.deliveryTrack.length, 1);
});

test("minimal: the 5 km cell and 30-minute times", async (t) => {
  const { d, times } = await trackedWithPath("minimal");
  const track = (await deliveryTrack(server, d.customerToken, d.id)).data!.deliveryTrack;
  const buckets = [...new Set(times.map((ms) => floorTo(ms, 30)))];
  t.deepEqual(normalise(track), buckets.map((b) => ({ ...MINIMAL_CELL, speedKmh: null, bearing: null, battery: null,
    accuracyM: 5000, precision: "minimal", deliveryId: d.id, recordedAt: iso(b) })));
});

test("precise: the customer sees the points as sent; the traveler and admins always do", async (t) => {
  const { d, fixes } = await trackedWithPath("precise");
  const raw = (precision: string) => fixes.map((f) => ({ deliveryId: d.id, latitude: f.latitude, longitude: f.longitude,
    accuracyM: 8, speedKmh: f.speedKmh, bearing: 45, battery: 70, recordedAt: f.recordedAt, precision }));
  t.deepEqual(normalise((await deliveryTrack(server, d.customerToken, d.id)).data!.deliveryTrack), raw("precise"));

  // The traveler and an admin with deliveries.read see raw points whatever the level.
  await gqlData(server, `mutation { setLocationPrivacy(input: { trackingLevel: "minimal" }) { userPreference { location } } }`,
    { token: d.travelerToken });
  const support = await createMember(db, "both");
  await makeAdmin(db, support, "support");
  t.deepEqual(normalise((await deliveryTrack(server, d.travelerToken, d.id)).data!.deliveryTrack), raw("raw"));
  t.deepEqual(normalise((await deliveryTrack(server, await tokenFor(db, support), d.id)).data!.deliveryTrack), raw("raw"));
  t.is((await currentLocation(server, d.customerToken, d.id)).data!.currentLocation!.precision, "minimal",
    "a new level applies from the next read on");
});

test("anybody else finds nothing; visitors may not ask; a bad level is INVAL", async (t) => {
  const { d } = await trackedWithPath();
  const stranger = await tokenFor(db, await createMember(db, "traveler"));
  t.is(errorCode(await deliveryTrack(server, stranger, d.id)), "NTFND");
  t.is(errorCode(await currentLocation(server, stranger, d.id)), "NTFND");
  t.is(errorCode(await deliveryTrack(server, undefined, d.id)), "DNIED");
  const bad = await server.gql(`mutation { setLocationPrivacy(input: { trackingLevel: "exact" }) { userPreference { location } } }`,
    { token: d.travelerToken });
  t.is(errorCode(bad), "INVAL");
  const keep = await gqlData(server, `mutation { setLocationPrivacy(input: { deleteAfterDelivery: false }) {
    userPreference { location } } }`, { token: d.travelerToken });
  t.deepEqual(keep.setLocationPrivacy.userPreference.location, { tracking_level: "approximate", delete_after_delivery: false });
});

test("the customer sees the points until 24 h after delivery; the traveler and admins after that too", async (t) => {
  const { d } = await trackedWithPath("precise");
  await advanceDelivery(db, server, d, ["pickUp", "deliver"]);
  await setTimesAgo(db, "app_public.deliveries", d.id, { delivered_at: "23 hours" });
  t.is((await deliveryTrack(server, d.customerToken, d.id)).data?.deliveryTrack.length, 3);
  await setTimesAgo(db, "app_public.deliveries", d.id, { delivered_at: "25 hours" });
  const late = await deliveryTrack(server, d.customerToken, d.id);
  t.is(errorCode(late), "EXPRD");
  t.is(errorCode(await currentLocation(server, d.customerToken, d.id)), "EXPRD");
  t.is((await deliveryTrack(server, d.travelerToken, d.id)).data?.deliveryTrack.length, 3);
});

test("deliveryEta: from the last point and the recent speed, else the trip's arrival", async (t) => {
  const d = await createTrackedDelivery(db, server);
  const eta = async () => (await gqlData(server, `query ($d: UUID!) { deliveryEta(deliveryId: $d) {
    eta source remainingKm speedKmh } }`, { token: d.customerToken, variables: { d: d.id } })).deliveryEta;
  const [trip] = await queryAsRoot<{ arrival: Date }>(db,
    "select t.arrival_time as arrival from app_public.trips t join app_public.deliveries d on d.trip_id = t.id where d.id = $1", [d.id]);
  const before = await eta();
  t.like(before, { source: "trip", remainingKm: null, speedKmh: null });
  t.is(Date.parse(before.eta), trip!.arrival.getTime());

  // 100 km west of the drop-off (Berlin, 13.4 52.52) at 80 then 100 km/h: the mean, 90 km/h.
  const at = Date.now() - 60_000;
  await recordLocations(server, d.travelerToken, d.id, [
    { longitude: 13.4, latitude: 51.62, accuracyM: 10, speedKmh: 80, recordedAt: iso(at - 30_000) },
    { longitude: 13.4, latitude: 51.62, accuracyM: 10, speedKmh: 100, recordedAt: iso(at) },
  ]);
  const [{ km }] = await queryAsRoot<{ km: number }>(db,
    "select st_distance('SRID=4326;POINT(13.4 51.62)'::geography, 'SRID=4326;POINT(13.4 52.52)'::geography) / 1000 as km") as [{ km: number }];
  const moving = await eta();
  t.like(moving, { source: "tracking", remainingKm: Math.round(km * 10) / 10, speedKmh: 90 });
  t.true(Math.abs(Date.parse(moving.eta) - (at + (km / 90) * 3600_000)) < 1000);
});
