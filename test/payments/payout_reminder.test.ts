// The daily reminder to travelers without a payout account (docs/payments.md, Payouts): payouts__remind notifies each
// traveler with money held for them (held escrows, what is left of them) and no active payout account, once, with
// the amounts per currency; travelers with an active account, or nothing held, hear nothing.
import test from "ava";
import { createMember } from "../helpers/actors.ts";
import { queryAsRoot, useTestDatabase } from "../helpers/database.ts";
import { createDeliveryRecord, createTrip } from "../helpers/marketplace.ts";
import { notificationsTo } from "../helpers/notifications.ts";
import { runTask } from "../helpers/worker.ts";

const db = useTestDatabase(test);

/** A delivery of the traveler whose payment was captured and whose escrow (3000, EUR) is held. */
async function heldFor(traveler: string, refunded = 0): Promise<string> {
  const delivery = await createDeliveryRecord(db, await createTrip(db, traveler));
  const [{ p }] = await queryAsRoot(db, "select app_private.prepare_payment_intent($1) as p", [delivery]) as [{ p: any }];
  await queryAsRoot(db, `update app_public.payment_intents set status = 'succeeded', captured_amount = amount,
    captured_at = now() where id = $1`, [p.payment_intent_id]);
  await queryAsRoot(db, `update app_public.escrow_accounts set status = 'held', held_at = now(), refunded_amount = $2
    where payment_intent_id = $1`, [p.payment_intent_id, refunded]);
  return delivery;
}

test.serial("travelers with held money and no active payout account are reminded once, with their amounts", async (t) => {
  const waiting = await createMember(db, "traveler");
  await heldFor(waiting);
  await heldFor(waiting, 500);
  const restricted = await createMember(db, "traveler");
  await heldFor(restricted);
  await queryAsRoot(db, "insert into app_public.payout_accounts (user_id, status) values ($1, 'restricted')", [restricted]);
  const ready = await createMember(db, "traveler");
  await heldFor(ready);
  await queryAsRoot(db, "insert into app_public.payout_accounts (user_id, status, payouts_enabled) values ($1, 'active', true)", [ready]);
  const nothingHeld = await createMember(db, "traveler");
  await createDeliveryRecord(db, await createTrip(db, nothingHeld));

  await runTask(db, "payouts__remind");
  const mail = await notificationsTo(db, { userId: waiting }, { template: "payout_account_reminder", channel: "email" });
  t.is(mail.length, 1, "one reminder however many escrows");
  t.like(mail[0]!.variables, { amounts: "55.00 EUR" });
  t.regex(mail[0]!.body ?? "", /55\.00 EUR held for you/);
  t.is((await notificationsTo(db, { userId: restricted }, { template: "payout_account_reminder", channel: "email" })).length, 1,
    "a restricted account cannot receive transfers either");
  t.deepEqual(await notificationsTo(db, { userId: ready }, { template: "payout_account_reminder" }), []);
  t.deepEqual(await notificationsTo(db, { userId: nothingHeld }, { template: "payout_account_reminder" }), []);
});
