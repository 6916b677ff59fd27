// Retention of the webhook inbox (docs/payments.md, Webhooks): the daily cleanup deletes processed Stripe events
// received more than retention.stripe_events_days (90) ago, in batches of retention.batch_size; an event not processed
// yet stays whatever its age.
import test from "ava";
import { queryAsRoot, setSetting, useTestDatabase } from "../helpers/database.ts";

const db = useTestDatabase(test);

const insertEvent = (id: string, daysAgo: number, processed: boolean) => queryAsRoot(db,
  `insert into app_private.stripe_events (id, type, body, received_at, processed_at)
   values ($1, 'payment_intent.succeeded', '{}', now() - make_interval(days => $2), case when $3 then now() end)`,
  [id, daysAgo, processed]);
const ids = async () => (await queryAsRoot(db, "select id from app_private.stripe_events order by id")).map((r) => r.id as string);

test.serial("processed events older than 90 days are deleted, batched; recent or unprocessed ones stay", async (t) => {
  await insertEvent("evt_old_a", 91, true);
  await insertEvent("evt_old_b", 120, true);
  await insertEvent("evt_recent", 89, true);
  await insertEvent("evt_unprocessed", 200, false);
  const previous = await setSetting(db, "retention.batch_size", 1);
  try {
    const [{ counts }] = await queryAsRoot(db, "select app_private.cleanup_expired_data() as counts") as [{ counts: any }];
    t.is(counts.stripe_events_deleted, 1, "one batch of retention.batch_size");
    t.true(counts.more);
    t.deepEqual(await ids(), ["evt_old_a", "evt_recent", "evt_unprocessed"], "the oldest went first");
  } finally {
    await setSetting(db, "retention.batch_size", previous);
  }
  const [{ counts }] = await queryAsRoot(db, "select app_private.cleanup_expired_data() as counts") as [{ counts: any }];
  t.is(counts.stripe_events_deleted, 1);
  t.deepEqual(await ids(), ["evt_recent", "evt_unprocessed"]);
  // The age is the setting's: at 30 days the 89-day-old event goes too.
  const days = await setSetting(db, "retention.stripe_events_days", 30);
  try {
    t.is((await queryAsRoot(db, "select app_private.delete_old_stripe_events() as n"))[0]!.n, 1);
    t.deepEqual(await ids(), ["evt_unprocessed"]);
  } finally {
    await setSetting(db, "retention.stripe_events_days", days);
  }
});
