// The money tables of the payments slice at the SQL level: the one fee formula (the worked example 2000 → 2294,
// half-up rounding, the minimum charge, the settings it reads), the CHECKs of payment_intents and escrow_accounts,
// the ledger's balance (a deferred constraint trigger) and its append-only rule, which holds for the owner too.
import test from "ava";
import { asRoot, queryAsRoot, setSetting, useTestDatabase } from "../helpers/database.ts";
import { sqlstate } from "../helpers/errors.ts";
import { createDeliveryRecord, createMember, createTrip } from "../helpers/marketplace.ts";

const db = useTestDatabase(test);

const charge = async (price: number, credits = 0) =>
  (await queryAsRoot(db, "select * from app_hidden.charge_amounts($1, $2)", [price, credits]))[0]!;

test.serial("fees: 2000 → platform fee 200 + processing fee 94 → the customer pays 2294", async (t) => {
  t.deepEqual(await charge(2000), { platform_fee: "200", processing_fee: "94", credits_applied: "0", amount: "2294" });
});

test.serial("fees: halves round up; credits never push the charge below the minimum; below it is INVAL", async (t) => {
  // 1150: fee 115 → processing 0.029 × 1265 + 30 = 66.685 → 67; 1005: fee 100.5 → 101.
  t.like(await charge(1150), { platform_fee: "115", processing_fee: "67", amount: "1332" });
  t.like(await charge(1005), { platform_fee: "101", processing_fee: "62", amount: "1168" }, "100.5 → 101");
  t.is(await sqlstate(queryAsRoot(db, "select * from app_hidden.charge_amounts(5)")), "INVAL");
  t.like(await charge(2000, 500), { credits_applied: "500", amount: "1794" });
  t.like(await charge(2000, 5000), { credits_applied: "2194", amount: "100" });
  t.is(await sqlstate(queryAsRoot(db, "select * from app_hidden.charge_amounts(0)")), "INVAL");
});

test.serial("fees: the rates come from configuration (payments.*)", async (t) => {
  const rate = await setSetting(db, "payments.platform_fee_rate", 0.05);
  const fixed = await setSetting(db, "payments.processing_fee_fixed", 0);
  try {
    t.like(await charge(2000), { platform_fee: "100", processing_fee: "61", amount: "2161" });
  } finally {
    await setSetting(db, "payments.platform_fee_rate", rate);
    await setSetting(db, "payments.processing_fee_fixed", fixed);
  }
});

async function payment(): Promise<{ delivery: string; intent: string; escrow: string }> {
  const trip = await createTrip(db, await createMember(db, "traveler"));
  const delivery = await createDeliveryRecord(db, trip);
  const [row] = await queryAsRoot(db, "select app_private.prepare_payment_intent($1) as p", [delivery]);
  const intent = row!.p.payment_intent_id as string;
  const [escrow] = await queryAsRoot(db, "select id from app_public.escrow_accounts where payment_intent_id = $1", [intent]);
  return { delivery, intent, escrow: escrow!.id };
}

test.serial("a delivery's payment is created once with the fee formula's amounts and a pending escrow", async (t) => {
  const { delivery, intent } = await payment();
  const again = await queryAsRoot(db, "select app_private.prepare_payment_intent($1) as p", [delivery]);
  t.is(again[0]!.p.payment_intent_id, intent);
  t.is(again[0]!.p.idempotency_key, `pi-create:${delivery}`);
  t.is(again[0]!.p.transfer_group, `dlv_${delivery}`);
  const [row] = await queryAsRoot(db, `select p.traveler_amount, p.platform_fee, p.processing_fee, p.amount, p.status,
      e.amount as escrow, e.status as escrow_status
    from app_public.payment_intents p join app_public.escrow_accounts e on e.payment_intent_id = p.id where p.id = $1`, [intent]);
  // createDeliveryRecord's price is 3000: fee 300, processing 0.029 × 3300 + 30 = 125.7 → 126.
  t.deepEqual(row, { traveler_amount: "3000", platform_fee: "300", processing_fee: "126", amount: "3426",
    status: "requires_payment_method", escrow: "3000", escrow_status: "pending" });
});

test.serial("CHECKs: refunded ≤ captured ≤ amount, the amount's sum, released + refunded ≤ escrow, one per delivery", async (t) => {
  const { delivery, intent, escrow } = await payment();
  const violations: Array<[string, unknown[]]> = [
    ["update app_public.payment_intents set captured_amount = amount + 1 where id = $1", [intent]],
    ["update app_public.payment_intents set captured_amount = 10, refunded_amount = 11 where id = $1", [intent]],
    ["update app_public.payment_intents set refunded_amount = -1 where id = $1", [intent]],
    ["update app_public.payment_intents set amount = amount + 1 where id = $1", [intent]],
    ["update app_public.escrow_accounts set released_amount = amount, refunded_amount = 1 where id = $1", [escrow]],
    ["update app_public.escrow_accounts set status = 'released' where id = $1", [escrow]],
  ];
  for (const [sql, params] of violations) t.is(await sqlstate(queryAsRoot(db, sql, params)), "23514", sql);
  t.is(await sqlstate(queryAsRoot(db, `insert into app_public.payment_intents (delivery_id, customer_id, traveler_id,
      traveler_amount, platform_fee, processing_fee, amount, currency, idempotency_key)
    select delivery_id, customer_id, traveler_id, 1, 0, 0, 1, 'EUR', 'pi-create:' || gen_random_uuid()
      from app_public.payment_intents where id = $1`, [intent])), "23505", "one payment per delivery");
  t.is(await sqlstate(queryAsRoot(db, `insert into app_public.escrow_accounts (payment_intent_id, delivery_id, customer_id,
      traveler_id, amount, currency) select id, delivery_id, customer_id, traveler_id, 1, 'EUR'
      from app_public.payment_intents where id = $1`, [intent])), "23505", "one escrow per payment and delivery");
  t.truthy(delivery);
});

test.serial("ledger: a balanced transaction posts once per idempotency key; an unbalanced one fails at commit", async (t) => {
  const entries = (cash: number) => JSON.stringify([
    { code: "platform_cash", amount: cash }, { code: "escrow_liability", amount: -2000 },
    { code: "platform_fee_revenue", amount: -200 }, { code: "processing_fee_revenue", amount: -94 }]);
  const post = (key: string, cash: number) => queryAsRoot(db,
    "select app_private.post_ledger_transaction('capture', $1, null, 'EUR', $2::jsonb) as id", [key, entries(cash)]);
  const [first] = await post("test:balanced", 2294);
  t.truthy(first!.id);
  const [second] = await post("test:balanced", 2294);
  t.is(second!.id, null, "the same key posts nothing");
  t.is(await sqlstate(post("test:unbalanced", 2295)), "INVAL");
  const [{ n }] = await queryAsRoot(db,
    "select count(*)::int as n from app_private.ledger_transactions where idempotency_key like 'test:%'") as [{ n: number }];
  t.is(n, 1);
  // Within one transaction the entries may be written in any order: only the commit is checked.
  const error = await sqlstate(asRoot(db, async (c) => {
    await c.query("begin");
    const { rows } = await c.query(
      "insert into app_private.ledger_transactions (kind, idempotency_key) values ('adjustment', 'test:empty') returning id");
    await c.query("commit").catch(async (e) => { await c.query("rollback"); throw e; });
    return rows;
  }));
  t.is(error, "INVAL", "a transaction without entries is refused");
});

test.serial("ledger: append-only, for the owner too (update, delete, truncate)", async (t) => {
  for (const table of ["ledger_entries", "ledger_transactions", "ledger_accounts"]) {
    t.is(await sqlstate(queryAsRoot(db, `update app_private.${table} set created_at = now()`)), "DNIED", table);
    t.is(await sqlstate(queryAsRoot(db, `delete from app_private.${table}`)), "DNIED", table);
    t.is(await sqlstate(queryAsRoot(db, `truncate app_private.${table} cascade`)), "DNIED", table);
  }
  const owner = await sqlstate(asRoot(db, async (c) => {
    await c.query("set role app_owner");
    await c.query("delete from app_private.ledger_entries");
  }));
  t.is(owner, "DNIED");
});
