// RLS matrix of the handover tables (docs/handover.md, Who sees what): qr_codes, qr_code_scans,
// qr_emergency_overrides and custody_events for anonymous, each party, another user, a scanner who is no party, and
// admins with and without the permissions; no direct writes for anyone; nobody reads the secrets or the keys.
import test from "ava";
import { actAs, anonymous, createMember, makeAdmin, tokenFor, user } from "../helpers/actors.ts";
import { outcome, queryAsRoot } from "../helpers/database.ts";
import { handOver, issueCode, PICKUP_AT, scanCode } from "../helpers/handover.ts";
import { createAcceptedDelivery } from "../helpers/marketplace.ts";
import { useTestServer } from "../helpers/server.ts";

const { db, server } = useTestServer(test);

const TABLES = ["qr_codes", "qr_code_scans", "qr_emergency_overrides", "custody_events"] as const;

test("select, insert, update and delete of every handover table, by every kind of caller", async (t) => {
  const d = await createAcceptedDelivery(db, server);
  const stranger = await createMember(db, "traveler");
  // The stranger scans the delivery code: their own attempt is theirs to read, nothing else of the delivery.
  const code = await issueCode(server, d.customerToken, d.id, "delivery");
  await handOver(db, server, d, "pickup");
  await scanCode(server, await tokenFor(db, stranger), code.token, { at: PICKUP_AT });
  await queryAsRoot(db, `insert into app_public.qr_emergency_overrides (delivery_id, qr_type, requester_id, reason, description, expires_at)
    values ($1, 'delivery', $2, 'technical_failure', 'The screen is cracked', now() + interval '1 day')`, [d.id, d.customer]);
  const support = await createMember(db, "both");
  await makeAdmin(db, support, "support");
  const moderator = await createMember(db, "both");
  await makeAdmin(db, moderator, "moderator");
  const analyst = await createMember(db, "both");
  await makeAdmin(db, analyst, "analyst");

  const visible = async (actor: ReturnType<typeof user> | typeof anonymous) => actAs(db, actor, async (c) => {
    const counts: Record<string, number | string> = {};
    for (const table of TABLES) {
      counts[table] = await outcome(c, `select 1 from app_public.${table} where delivery_id = $1`, [d.id]);
    }
    return counts;
  });
  // 2 codes (the delivery code and the pickup one), 2 attempts (the pickup scan, the stranger's), 1 override, 1 event.
  const all = { qr_codes: 2, qr_code_scans: 2, qr_emergency_overrides: 1, custody_events: 1 };
  t.deepEqual(await visible(user(d.customer)), all, "the customer");
  t.deepEqual(await visible(user(d.traveler)), all, "the traveler");
  t.deepEqual(await visible(user(stranger)), { qr_codes: 0, qr_code_scans: 1, qr_emergency_overrides: 0, custody_events: 0 },
    "another user: their own attempt only");
  t.deepEqual(await visible(user(support)), all, "support: deliveries.read and qr.override");
  t.deepEqual(await visible(user(moderator)), all, "moderator: deliveries.read");
  t.deepEqual(await visible(user(analyst)), all, "analyst: deliveries.read");
  t.deepEqual(await visible(anonymous), { qr_codes: "42501", qr_code_scans: "42501", qr_emergency_overrides: "42501", custody_events: "42501" });

  for (const actor of [user(d.customer), user(d.traveler), user(support)]) {
    const refused = await actAs(db, actor, async (c) => ({
      insertCode: await outcome(c, `insert into app_public.qr_codes (delivery_id, qr_type, key_id, expires_at, issued_by, location_bound)
        values ($1, 'pickup', 'abcdefgh', now() + interval '1 hour', $2, false)`, [d.id, d.customer]),
      updateCode: await outcome(c, "update app_public.qr_codes set status = 'active' where delivery_id = $1", [d.id]),
      deleteScan: await outcome(c, "delete from app_public.qr_code_scans where delivery_id = $1", [d.id]),
      updateOverride: await outcome(c, "update app_public.qr_emergency_overrides set status = 'approved' where delivery_id = $1", [d.id]),
      insertCustody: await outcome(c, `insert into app_public.custody_events (delivery_id, seq, event, prev_hash, row_hash)
        values ($1, 9, 'returned', '\\x00', '\\x00')`, [d.id]),
      deleteCustody: await outcome(c, "delete from app_public.custody_events where delivery_id = $1", [d.id]),
      secrets: await outcome(c, "select * from app_private.qr_code_secrets"),
      keys: await outcome(c, "select * from app_private.qr_signing_keys"),
      origins: await outcome(c, "select * from app_private.qr_code_scan_origins"),
    }));
    t.deepEqual(Object.values(refused), Array(9).fill("42501"), JSON.stringify(refused));
  }
});
