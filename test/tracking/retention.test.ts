// Partitions and retention (docs/tracking.md): the daily job makes the months ahead and moves rows the default
// partition caught into their month; the daily cleanup deletes points past tracking.retention_days (never those of
// a disputed delivery), points of travelers who chose delete_after_delivery once 24 h passed since delivery, old
// geofence events, and drops month partitions that ended before the retention period once they are empty.
import test from "ava";
import { createMember } from "../helpers/actors.ts";
import { queryAsRoot, setSetting, useTestDatabase } from "../helpers/database.ts";
import { createDeliveryRecord, createTrip, transitionDelivery } from "../helpers/marketplace.ts";

const db = useTestDatabase(test);

/** A delivery and its traveler (rows made as root). */
async function delivery(): Promise<{ id: string; traveler: string }> {
  const traveler = await createMember(db, "traveler");
  const id = await createDeliveryRecord(db, await createTrip(db, traveler), { reserveCapacity: true });
  return { id, traveler };
}

/** Inserts a point as the owner (past the API's checks), `ago` before now; returns its partition. */
async function pointAgo(d: { id: string; traveler: string }, ago: string): Promise<string> {
  const [row] = await queryAsRoot<{ partition: string }>(db, `
    insert into app_private.location_tracking (recorded_at, delivery_id, user_id, point, accuracy_m)
    values (now() - $3::interval, $1, $2, 'SRID=4326;POINT(2.35 48.86)', 10)
    returning tableoid::regclass::text as partition`, [d.id, d.traveler, ago]);
  return row!.partition;
}

const count = async (deliveryId: string) => Number((await queryAsRoot<{ n: string }>(db,
  "select count(*) as n from app_private.location_tracking where delivery_id = $1", [deliveryId]))[0]!.n);
const partitions = async () => (await queryAsRoot<{ name: string }>(db, `
  select c.relname as name from pg_inherits i join pg_class c on c.oid = i.inhrelid
   where i.inhparent = 'app_private.location_tracking'::regclass order by 1`)).map((r) => r.name);
const monthName = async (offset: string) => (await queryAsRoot<{ name: string }>(db,
  `select 'location_tracking_' || to_char(date_trunc('month', now() at time zone 'UTC') + $1::interval, 'YYYY_MM') as name`,
  [offset]))[0]!.name;
const cleanup = async () => (await queryAsRoot<{ counts: Record<string, number> }>(db,
  "select app_private.cleanup_expired_data() as counts"))[0]!.counts;

test.serial("the job makes the months ahead and moves the rows the default partition caught", async (t) => {
  const d = await delivery();
  t.deepEqual(await partitions(), ["location_tracking_default", await monthName("-1 month"), await monthName("0 months"),
    await monthName("1 month"), await monthName("2 months"), await monthName("3 months")].sort());
  // Five months ahead has no partition yet: the default one takes the point.
  const [caught] = await queryAsRoot<{ partition: string }>(db, `
    insert into app_private.location_tracking (recorded_at, delivery_id, user_id, point, accuracy_m)
    values (date_trunc('month', now()) + interval '5 months 3 days', $1, $2, 'SRID=4326;POINT(2.35 48.86)', 10)
    returning tableoid::regclass::text as partition`, [d.id, d.traveler]);
  t.is(caught!.partition, "app_private.location_tracking_default");

  const previous = await setSetting(db, "tracking.partitions_ahead", 5);
  t.is((await queryAsRoot<{ n: number }>(db, "select app_private.create_location_tracking_partitions() as n"))[0]!.n, 2);
  t.is((await queryAsRoot<{ n: number }>(db, "select app_private.create_location_tracking_partitions() as n"))[0]!.n, 0,
    "idempotent");
  await setSetting(db, "tracking.partitions_ahead", previous);
  const [moved] = await queryAsRoot<{ partition: string }>(db,
    "select tableoid::regclass::text as partition from app_private.location_tracking where delivery_id = $1", [d.id]);
  t.is(moved!.partition, `app_private.${await monthName("5 months")}`);
  // The new partition is closed like the others and carries the client messages.
  const [info] = await queryAsRoot<{ forced: boolean; message: string }>(db, `
    select c.relforcerowsecurity as forced,
           obj_description((select oid from pg_constraint where conrelid = c.oid and conname = 'location_tracking_speed_kmh_check'), 'pg_constraint') as message
      from pg_class c where c.oid = ('app_private.' || $1)::regclass`, [await monthName("5 months")]);
  t.deepEqual(info, { forced: true, message: "speed_kmh must be between 0 and 500" });
});

test.serial("retention: 90 days unless disputed, delete_after_delivery after 24 h, empty old partitions dropped", async (t) => {
  // Old months: one empty, one holding an old point of an ordinary delivery and one of a disputed delivery.
  await queryAsRoot(db, "select app_private.create_location_tracking_partition((now() - interval '300 days')::date)");
  await queryAsRoot(db, "select app_private.create_location_tracking_partition((now() - interval '200 days')::date)");
  const emptyOld = (await queryAsRoot<{ name: string }>(db,
    "select 'location_tracking_' || to_char(now() - interval '300 days', 'YYYY_MM') as name"))[0]!.name;
  const old = await delivery();
  const disputed = await delivery();
  const oldPartition = await pointAgo(old, "200 days");
  await pointAgo(disputed, "200 days");
  await pointAgo(old, "10 days");
  await transitionDelivery(db, disputed.id, "picked_up", "delivered", "disputed");
  // Its open dispute (the flows are tested in test/disputes): what holds the points as evidence.
  await queryAsRoot(db, `insert into app_public.disputes (delivery_id, category, description, complainant_id, respondent_id,
      currency, response_due_at, due_date)
    select id, 'item_damaged', 'The item arrived broken', customer_id, traveler_id, 'EUR', now(), now()
      from app_public.deliveries where id = $1`, [disputed.id]);

  // delete_after_delivery (the default): points go 24 h after delivery, not before; a traveler who keeps them keeps them.
  const deleting = await delivery();
  const keeping = await delivery();
  const recent = await delivery();
  await queryAsRoot(db, `update app_public.user_preferences set location = location || '{"delete_after_delivery": false}'
    where user_id = $1`, [keeping.traveler]);
  for (const d of [deleting, keeping, recent]) {
    await pointAgo(d, "2 days");
    await transitionDelivery(db, d.id, "picked_up", "delivered");
  }
  await queryAsRoot(db, "update app_public.deliveries set delivered_at = now() - interval '25 hours' where id = any($1)",
    [[deleting.id, keeping.id]]);
  await queryAsRoot(db, "update app_public.deliveries set delivered_at = now() - interval '23 hours' where id = $1", [recent.id]);

  const counts = await cleanup();
  t.true(counts.locations_deleted! >= 2);
  t.deepEqual([await count(old.id), await count(disputed.id), await count(deleting.id), await count(keeping.id),
    await count(recent.id)], [1, 1, 0, 1, 1], "the 200-day-old point and the chosen deletion go; the rest stay");
  const names = await partitions();
  t.false(names.includes(emptyOld), "an empty month past retention is dropped");
  t.true(names.includes(oldPartition.replace("app_private.", "")), "a month still holding evidence stays");
  t.true(names.includes(await monthName("0 months")), "current months stay, even empty");

  // Once the evidence is gone, the month goes too.
  await queryAsRoot(db, "delete from app_private.location_tracking where delivery_id = $1", [disputed.id]);
  await cleanup();
  t.false((await partitions()).includes(oldPartition.replace("app_private.", "")));
});

test.serial("geofence events go after tracking.retention_days", async (t) => {
  const d = await delivery();
  await queryAsRoot(db, `insert into app_public.geofence_events (geofence_id, delivery_id, user_id, event, point, recorded_at, created_at)
    select g.id, g.delivery_id, $2, 'enter', g.center, now() - e.ago, now() - e.ago
      from app_public.geofences g, (values (interval '91 days'), (interval '89 days')) as e (ago)
     where g.delivery_id = $1 and g.geofence_type = 'pickup'`, [d.id, d.traveler]);
  await cleanup();
  t.is(Number((await queryAsRoot<{ n: string }>(db, "select count(*) as n from app_public.geofence_events where delivery_id = $1", [d.id]))[0]!.n), 1);
});
