// Ingest (docs/tracking.md): recordLocations keeps a batch's valid fixes and reports each other one by index with
// the exact code and field; recordLocation refuses a bad fix with its code; only the assigned traveler sends, and
// only from 2 h before the scheduled pickup until the delivery ends; a batch holds at most tracking.batch_max points;
// a point lands in the partition of its month.
import test from "ava";
import { createMember, tokenFor } from "../helpers/actors.ts";
import { errorCode } from "../helpers/errors.ts";
import { gqlData } from "../helpers/graphql.ts";
import { queryAsRoot, setSetting } from "../helpers/database.ts";
import { createAcceptedDelivery } from "../helpers/marketplace.ts";
import { useTestServer } from "../helpers/server.ts";
import { createTrackedDelivery, fixAt, PICKUP, recordLocations } from "../helpers/tracking.ts";

const { db, server } = useTestServer(test);

const stored = (deliveryId: string) => queryAsRoot<{ recorded_at: Date; accuracy_m: number }>(db,
  "select recorded_at, accuracy_m from app_private.location_tracking where delivery_id = $1 order by recorded_at",
  [deliveryId]);

test.serial("a batch keeps its valid fixes and reports each bad one by index, with its code and field", async (t) => {
  const d = await createTrackedDelivery(db, server);
  // One stored point 600 s ago, for the interval check against what was sent before.
  t.deepEqual((await recordLocations(server, d.travelerToken, d.id, [fixAt(PICKUP, 600)])).data?.recordLocations.result,
    { accepted: 1, rejections: [] });

  const res = await recordLocations(server, d.travelerToken, d.id, [
    fixAt(PICKUP, 300, { speedKmh: 42.5, bearing: 90, battery: 80 }), // 0: kept
    fixAt(PICKUP, 290), // 1: 10 s after 0
    fixAt([2.35, 91], 270), // 2
    fixAt([181, 48.86], 260), // 3
    fixAt(PICKUP, 250, { accuracyM: 10001 }), // 4
    fixAt(PICKUP, 240, { speedKmh: 501 }), // 5
    fixAt(PICKUP, 230, { bearing: 360 }), // 6
    fixAt(PICKUP, 220, { battery: 101 }), // 7
    fixAt(PICKUP, -120), // 8: two minutes ahead
    fixAt(PICKUP, 25 * 3600), // 9: 25 h old
    fixAt(PICKUP, 595), // 10: 5 s from the stored point
    fixAt(PICKUP, 200, { accuracyM: 5000 }), // 11: kept (poor fixes are kept)
    fixAt(PICKUP, -30), // 12: 30 s ahead is fine
  ]);
  t.deepEqual(res.errors, undefined);
  t.deepEqual(res.data!.recordLocations.result, {
    accepted: 3,
    rejections: [
      { index: 1, code: "LIMIT", message: "recorded_at is too close to the previous point of the batch" },
      { index: 2, code: "INVAL", message: "latitude must be between -90 and 90" },
      { index: 3, code: "INVAL", message: "longitude must be between -180 and 180" },
      { index: 4, code: "INVAL", message: "accuracy_m must be between 0 and 10000" },
      { index: 5, code: "INVAL", message: "speed_kmh must be between 0 and 500" },
      { index: 6, code: "INVAL", message: "bearing must be at least 0 and below 360" },
      { index: 7, code: "INVAL", message: "battery must be between 0 and 100" },
      { index: 8, code: "INVAL", message: "recorded_at is too far in the future" },
      { index: 9, code: "INVAL", message: "recorded_at is too old" },
      { index: 10, code: "LIMIT", message: "recorded_at is too close to a point already sent" },
    ],
  });
  t.deepEqual((await stored(d.id)).map((p) => p.accuracy_m), [10, 10, 5000, 10]);

  // The limits are settings: a shorter interval lets the 10-second neighbour in.
  await setSetting(db, "tracking.min_interval_s", 5);
  const again = await recordLocations(server, d.travelerToken, d.id, [fixAt(PICKUP, 100), fixAt(PICKUP, 90)]);
  t.is(again.data!.recordLocations.result.accepted, 2);
  await setSetting(db, "tracking.min_interval_s", 15);
});

test("recordLocation stores one fix or refuses it with the code and the field", async (t) => {
  const d = await createTrackedDelivery(db, server);
  const record = (vars: Record<string, unknown>) => server.gql(`mutation ($d: UUID!, $lat: Float!, $lng: Float!,
      $acc: Float!, $speed: Float, $at: Datetime) {
    recordLocation(input: { deliveryId: $d, latitude: $lat, longitude: $lng, accuracyM: $acc, speedKmh: $speed,
      recordedAt: $at }) { point { latitude longitude accuracyM speedKmh precision } } }`,
  { token: d.travelerToken, variables: { d: d.id, lat: 48.86, lng: 2.35, acc: 8, ...vars } });

  const ok = await record({ speed: 12 });
  t.deepEqual(ok.data?.recordLocation.point, { latitude: 48.86, longitude: 2.35, accuracyM: 8, speedKmh: 12, precision: "raw" });
  const tooSoon = await record({});
  t.is(errorCode(tooSoon), "LIMIT");
  t.is(tooSoon.errors![0]!.message, "recorded_at is too close to a point already sent");
  const badSpeed = await record({ speed: 900, at: new Date(Date.now() - 60_000).toISOString() });
  t.is(errorCode(badSpeed), "INVAL");
  t.is(badSpeed.errors![0]!.message, "speed_kmh must be between 0 and 500");
  const negativeAccuracy = await record({ acc: -1, at: new Date(Date.now() - 120_000).toISOString() });
  t.is(errorCode(negativeAccuracy), "INVAL");
  t.is(negativeAccuracy.errors![0]!.message, "accuracy_m must be between 0 and 10000");
  t.is((await stored(d.id)).length, 1);
});

test("only the assigned traveler sends: the customer is refused, anybody else finds nothing", async (t) => {
  const d = await createTrackedDelivery(db, server);
  const stranger = await tokenFor(db, await createMember(db, "traveler"));
  t.is(errorCode(await recordLocations(server, d.customerToken, d.id, [fixAt(PICKUP, 10)])), "DNIED");
  t.is(errorCode(await recordLocations(server, stranger, d.id, [fixAt(PICKUP, 10)])), "NTFND");
  t.is(errorCode(await recordLocations(server, "", d.id, [fixAt(PICKUP, 10)])), "DNIED", "visitors may not call it");
  t.is(errorCode(await recordLocations(server, d.travelerToken, "00000000-0000-4000-8000-000000000000", [fixAt(PICKUP, 10)])), "NTFND");
  t.is((await stored(d.id)).length, 0);
});

test("points are taken from 2 h before the scheduled pickup until the delivery ends", async (t) => {
  // The default request is picked up in 60 to 84 hours: too early.
  const early = await createAcceptedDelivery(db, server);
  const res = await recordLocations(server, early.travelerToken, early.id, [fixAt(PICKUP, 10)]);
  t.is(errorCode(res), "BADST");
  t.regex(res.errors![0]!.message, /^Tracking starts at .* \(2 hours before the scheduled pickup\)$/);
  // An agreed pickup time decides when it is set: 90 minutes ahead opens the window.
  await queryAsRoot(db, "update app_public.deliveries set pickup_time = now() + interval '90 minutes', delivery_time = now() + interval '1 day' where id = $1", [early.id]);
  t.is((await recordLocations(server, early.travelerToken, early.id, [fixAt(PICKUP, 10)])).data?.recordLocations.result.accepted, 1);
  // A point from before the window opened is refused on its own.
  const before = await recordLocations(server, early.travelerToken, early.id, [fixAt(PICKUP, 45 * 60)]);
  t.deepEqual(before.data?.recordLocations.result.rejections,
    [{ index: 0, code: "INVAL", message: "recorded_at is before tracking of this delivery started" }]);

  const d = await createTrackedDelivery(db, server);
  await gqlData(server, `mutation ($id: UUID!) { cancelDelivery(input: { deliveryId: $id, reason: found_alternative }) {
    delivery { status } } }`, { token: d.customerToken, variables: { id: d.id } });
  const [{ status }] = await queryAsRoot<{ status: string }>(db, "select status from app_public.deliveries where id = $1", [d.id]) as [{ status: string }];
  t.is(status, "cancelled");
  t.is(errorCode(await recordLocations(server, d.travelerToken, d.id, [fixAt(PICKUP, 10)])), "BADST");
});

test.serial("a batch holds at most tracking.batch_max points, and at least one", async (t) => {
  const d = await createTrackedDelivery(db, server);
  // 500 points 15 s apart over the last 2 h 5 min would start before the window: 7 s apart with a 5 s interval.
  await setSetting(db, "tracking.min_interval_s", 5);
  const full = Array.from({ length: 500 }, (_, i) => fixAt(PICKUP, 3590 - i * 7));
  const res = await recordLocations(server, d.travelerToken, d.id, full);
  t.deepEqual(res.data?.recordLocations.result, { accepted: 500, rejections: [] });
  await setSetting(db, "tracking.min_interval_s", 15);
  t.is(errorCode(await recordLocations(server, d.travelerToken, d.id, [...full, fixAt(PICKUP, 1)])), "LIMIT");
  t.is(errorCode(await recordLocations(server, d.travelerToken, d.id, [])), "INVAL");
});

test("a point is stored in the partition of its month", async (t) => {
  const d = await createTrackedDelivery(db, server);
  await recordLocations(server, d.travelerToken, d.id, [fixAt(PICKUP, 1800)]);
  const rows = await queryAsRoot<{ partition: string; month: string }>(db,
    `select tableoid::regclass::text as partition, to_char(recorded_at at time zone 'UTC', 'YYYY_MM') as month
       from app_private.location_tracking where delivery_id = $1`, [d.id]);
  t.is(rows[0]!.partition, `app_private.location_tracking_${rows[0]!.month}`);
});
