// Matching at scale: matchingTrips(requestId) and matchingRequests(tripId) called in SQL the way PostGraphile calls
// them (app_authenticator → app_user with an admin session, RLS on, one transaction), timed on the client, one call
// after another, after a few untimed calls. Open future requests and upcoming trips are sampled in a stable order.
import pg from "pg";
import { signIn } from "../actors.ts";
import { progressBar } from "../../lib/progress.ts";
import type { BenchDatabase } from "../database.ts";
import { percentile } from "../stats.ts";

export interface MatchingFigures {
  size: string;
  trips: number;
  requests: number;
  calls: number;
  matchingTrips: { p50: number; p95: number; found: number };
  matchingRequests: { p50: number; p95: number; found: number };
}

/** Calls untimed before the timed ones, so that p95 measures the function on a warm cache, not the first reads of a cold one. */
const WARM_UP = 20;

async function timeCalls(client: pg.Client, label: string, sql: string, ids: string[]) {
  const ms: number[] = [];
  let found = 0;
  for (const id of ids.slice(0, WARM_UP)) await client.query(sql, [id]);
  const bar = progressBar(label, ids.length);
  for (const id of ids) {
    const started = performance.now();
    const { rowCount } = await client.query(sql, [id]);
    ms.push(performance.now() - started);
    found += rowCount ?? 0;
    bar.tick();
  }
  bar.done();
  return { p50: percentile(ms, 0.5), p95: percentile(ms, 0.95), found: found / ids.length };
}

export async function benchMatching(db: BenchDatabase, jwtSecret: string, calls: number): Promise<MatchingFigures> {
  const owner = new pg.Client({ connectionString: db.ownerUrl });
  await owner.connect();
  const api = new pg.Client({ connectionString: db.authUrl });
  try {
    const {
      rows: [admin],
    } = await owner.query<{ id: string }>(`
      select u.id from app_public.users u where u.status = 'active' order by md5(u.id::text) limit 1`);
    await owner.query(
      `insert into app_private.admin_users (user_id, role) values ($1, 'admin') on conflict do nothing`,
      [admin!.id]
    );
    const [session] = await signIn(owner, [admin!.id], jwtSecret, { mfaVerified: true });
    const sample = async (sql: string) => (await owner.query<{ id: string }>(sql, [calls])).rows.map((r) => r.id);
    const requestIds = await sample(`select id from app_public.delivery_requests
                                      where status in ('pending', 'matched') and pickup_window_start > now()
                                      order by md5(id::text) limit $1`);
    const tripIds = await sample(`select id from app_public.trips where status = 'upcoming' and departure_time > now()
                                   order by md5(id::text) limit $1`);
    const {
      rows: [counts],
    } = await owner.query<{ trips: number; requests: number }>(`
      select (select count(*) from app_public.trips)::int as trips, (select count(*) from app_public.delivery_requests)::int as requests`);
    await api.connect();
    await api.query("begin");
    await api.query("select set_config('jwt.claims.session_id', $1, true)", [session!.sessionId]);
    await api.query("set local role app_user");
    try {
      const matchingTrips = await timeCalls(
        api,
        `matchingTrips (${db.size})`,
        "select * from app_public.matching_trips($1)",
        requestIds
      );
      const matchingRequests = await timeCalls(
        api,
        `matchingRequests (${db.size})`,
        "select * from app_public.matching_requests($1)",
        tripIds
      );
      return {
        size: db.size,
        trips: counts!.trips,
        requests: counts!.requests,
        calls,
        matchingTrips,
        matchingRequests,
      };
    } finally {
      await api.query("rollback");
    }
  } finally {
    await api.end().catch(() => {});
    await owner.end();
  }
}
