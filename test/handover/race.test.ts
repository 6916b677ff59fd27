// The consumption race (docs/handover.md, step 9): 20 real connections, each the assigned traveler with a session of
// their own, scan the same valid code at the same moment. Exactly one succeeds; the 19 others are already_used;
// the delivery moves once and one custody event is written.
import test from "ava";
import pg from "pg";
import { openSession } from "../helpers/actors.ts";
import { asRoot, queryAsRoot } from "../helpers/database.ts";
import { readyFile } from "../helpers/files.ts";
import { issueCode, PICKUP_AT } from "../helpers/handover.ts";
import { createAcceptedDelivery } from "../helpers/marketplace.ts";
import { useTestServer } from "../helpers/server.ts";

const { db, server } = useTestServer(test);
const SCANNERS = 20;

test("20 concurrent scans of one code: exactly 1 success, 19 already_used, one transition, one custody event", async (t) => {
  const d = await createAcceptedDelivery(db, server);
  const code = await issueCode(server, d.customerToken, d.id, "pickup");
  const photo = await readyFile(db, d.traveler, "pickup_evidence");
  const sessions = await asRoot(db, async (c) => {
    const ids: string[] = [];
    for (let i = 0; i < SCANNERS; i++) ids.push(await openSession(c, d.traveler));
    return ids;
  });
  const clients = await Promise.all(sessions.map(async () => {
    const client = new pg.Client({ connectionString: db.authUrl });
    await client.connect();
    return client;
  }));
  try {
    // Everyone is inside a transaction as app_user before anyone scans.
    await Promise.all(clients.map(async (client, i) => {
      await client.query("begin");
      await client.query("select set_config('jwt.claims.session_id', $1, true)", [sessions[i]]);
      await client.query("set local role app_user");
    }));
    const results = await Promise.all(clients.map(async (client) => {
      const { rows } = await client.query<{ result: string }>(
        `select (app_public.scan_qr_code($1, $2, $3, 8, now(), '{"platform": "android"}', $4)).result::text as result`,
        [code.token, PICKUP_AT[1], PICKUP_AT[0], photo]);
      await client.query("commit");
      return rows[0]!.result;
    }));
    const tally: Record<string, number> = {};
    for (const result of results) tally[result] = (tally[result] ?? 0) + 1;
    t.deepEqual(tally, { success: 1, already_used: SCANNERS - 1 });
  } finally {
    await Promise.all(clients.map((c) => c.end()));
  }
  const [state] = await queryAsRoot(db, `select d.status::text,
      (select count(*)::int from app_public.delivery_status_history h where h.delivery_id = d.id and h.to_status = 'picked_up') as transitions,
      (select count(*)::int from app_public.custody_events e where e.delivery_id = d.id) as custody,
      (select count(*)::int from app_public.qr_code_scans s where s.delivery_id = d.id) as logged,
      (select failed_attempts from app_public.qr_codes q where q.id = $2) as failures
     from app_public.deliveries d where d.id = $1`, [d.id, code.qrCodeId]);
  t.deepEqual(state, { status: "picked_up", transitions: 1, custody: 1, logged: SCANNERS, failures: 0 });
});
