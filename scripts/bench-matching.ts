// `npm run bench:matching [-- --scale 10] [--queries 200] [--keep]`: how fast matching_trips and matching_requests
// answer on a realistic marketplace, with and without the spatial (GiST) indexes. Not part of `npm test`.
//
// It works in a scratch database of its own (p2p_bench: dropped, created and migrated by this script, dropped again
// at the end unless --keep), never in the development or test databases. It seeds 100k trips and 100k open
// requests per unit of --scale between ~40 European cities (points scattered ~8 km around each centre, departures
// and pickup windows spread over 30 days), then calls the real API functions as an admin session (app_user role,
// RLS on), timing each call on the client.
import pg from "pg";
import { readDatabaseConfig } from "../lib/config.ts";
import { migrate } from "./db/migrate.ts";
import { dropDatabase, ensureDatabase, withDatabase } from "./db/setup.ts";

const BENCH_DATABASE = "p2p_bench";
const BATCH = 10_000;

function flag(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  if (i < 0) return fallback;
  const value = Number(process.argv[i + 1]);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`--${name} needs a positive number`);
  return value;
}
const scale = flag("scale", 1);
const queries = Math.round(flag("queries", 200));
const keep = process.argv.includes("--keep");
const rows = Math.round(100_000 * scale);

const { rootUrl, url: ownerUrl, authUrl } = readDatabaseConfig();
if (!rootUrl) throw new Error("Run through scripts/run.sh (npm run bench:matching): ROOT_DATABASE_URL is missing");

// [name, lng, lat]
const CITIES: Array<[string, number, number]> = [
  ["Berlin", 13.405, 52.52], ["Hamburg", 9.993, 53.551], ["Munich", 11.582, 48.135], ["Cologne", 6.96, 50.938],
  ["Frankfurt", 8.682, 50.11], ["Paris", 2.352, 48.857], ["Lyon", 4.835, 45.764], ["Marseille", 5.37, 43.296],
  ["Lille", 3.057, 50.629], ["Brussels", 4.352, 50.847], ["Amsterdam", 4.904, 52.368], ["Rotterdam", 4.479, 51.924],
  ["London", -0.128, 51.507], ["Manchester", -2.244, 53.483], ["Madrid", -3.704, 40.417], ["Barcelona", 2.173, 41.385],
  ["Valencia", -0.376, 39.47], ["Lisbon", -9.139, 38.722], ["Porto", -8.611, 41.15], ["Rome", 12.496, 41.903],
  ["Milan", 9.19, 45.464], ["Turin", 7.686, 45.07], ["Naples", 14.268, 40.852], ["Vienna", 16.373, 48.208],
  ["Zurich", 8.541, 47.377], ["Geneva", 6.143, 46.204], ["Prague", 14.438, 50.075], ["Warsaw", 21.012, 52.23],
  ["Krakow", 19.945, 50.065], ["Budapest", 19.04, 47.498], ["Copenhagen", 12.568, 55.676], ["Stockholm", 18.069, 59.329],
  ["Oslo", 10.752, 59.914], ["Dublin", -6.26, 53.35], ["Athens", 23.728, 37.984], ["Bucharest", 26.103, 44.427],
  ["Ljubljana", 14.506, 46.056], ["Zagreb", 15.982, 45.815], ["Luxembourg", 6.13, 49.611], ["Strasbourg", 7.752, 48.573],
];

function progress(label: string, done: number, total: number): void {
  const width = 30;
  const filled = Math.round((done / total) * width);
  process.stderr.write(`\r${label.padEnd(10)} [${"#".repeat(filled)}${".".repeat(width - filled)}] ${done}/${total}`);
  if (done >= total) process.stderr.write("\n");
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!;
const fmt = (ms: number) => `${ms.toFixed(2)} ms`;

async function seed(client: pg.Client): Promise<void> {
  await client.query("select setseed(0.42)");
  await client.query(`create temporary table cities (n int primary key, name text, lng float8, lat float8)`);
  await client.query(`insert into cities select c.ordinality - 1, c.value ->> 0, (c.value ->> 1)::float8, (c.value ->> 2)::float8
                        from jsonb_array_elements($1::jsonb) with ordinality c`, [JSON.stringify(CITIES)]);
  // Matching reads its own tables; the candidate-recording trigger would enqueue a job per seeded row.
  await client.query("alter table app_public.trips disable trigger _900_enqueue_matching");
  await client.query("alter table app_public.delivery_requests disable trigger _900_enqueue_matching");

  const users = Math.max(2000, Math.round(rows / 20));
  await client.query(`insert into app_public.users (first_name, display_name, status, user_type, verification_level)
                      select 'Bench', 'Bench ' || g, 'active', 'both',
                             (array['email_verified', 'phone_verified', 'id_verified', 'fully_verified'])[1 + floor(random() * 4)::int]::app_public.verification_level
                        from generate_series(1, $1) g`, [users]);
  await client.query(`update app_public.user_statistics s
                         set deliveries_as_traveler = x.done + x.cancelled, successful_as_traveler = x.done,
                             cancelled_as_traveler = x.cancelled, total_deliveries = x.done + x.cancelled,
                             total_ratings = x.ratings, average_rating = case when x.ratings > 0 then x.avg end
                        from (select user_id, (random() * 30)::int as done, (random() * 3)::int as cancelled,
                                     (random() * 20)::int as ratings, round((3 + random() * 2)::numeric, 2) as avg
                                from app_public.user_statistics) x
                       where x.user_id = s.user_id`);
  await client.query("create temporary table bench_users as select id, row_number() over (order by id) as n from app_public.users");
  await client.query("create index on bench_users (n)");

  // A point ~8 km around a city centre (uniform in a disc of 0.11° latitude).
  const jitter = (c: string) => `public.st_setsrid(public.st_makepoint(
      ${c}.lng + 0.11 * sqrt(random()) * cos(2 * pi() * random()) / cos(radians(${c}.lat)),
      ${c}.lat + 0.11 * sqrt(random()) * sin(2 * pi() * random())), 4326)::public.geography`;

  for (let done = 0; done < rows; done += BATCH) {
    const n = Math.min(BATCH, rows - done);
    await client.query(`
      with pick as (
        select (random() * ${CITIES.length - 1})::int as o, (random() * ${CITIES.length - 1})::int as d,
               1 + (random() * ($2 - 1))::int as u, now() + interval '3 hours' + random() * interval '30 days' as dep
          from generate_series(1, $1)
      ), placed as (
        select p.*, ${jitter("oc")} as origin, ${jitter("dc")} as destination, oc.name as oname, dc.name as dname
          from pick p join cities oc on oc.n = p.o join cities dc on dc.n = case when p.d = p.o then (p.d + 1) % ${CITIES.length} else p.d end
      )
      insert into app_public.trips (traveler_id, title, trip_type, origin_address, origin_point, destination_address,
        destination_point, departure_time, arrival_time, capacity_weight_kg, available_weight_kg, capacity_volume_l,
        available_volume_l, capacity_items, available_items, currency, base_price, price_per_kg, price_per_km,
        no_fragile, no_electronics, visibility)
      select bu.id, oname || ' to ' || dname, 'car', oname, origin, dname, destination, dep,
             dep + make_interval(secs => 3600 + public.st_distance(origin, destination) / 22),
             w, w, v, v, i, i, case when random() < 0.9 then 'EUR' else 'GBP' end,
             500 + (random() * 2000)::int, (random() * 300)::int, (random() * 20)::int,
             random() < 0.1, random() < 0.1, case when random() < 0.95 then 'public' else 'private' end::app_public.trip_visibility
        from placed p join bench_users bu on bu.n = p.u
        cross join lateral (select round((5 + random() * 45)::numeric, 2) as w, round((20 + random() * 200)::numeric, 2) as v,
                                   2 + (random() * 20)::int as i) cap`, [n, users]);
    progress("trips", done + n, rows);
  }
  for (let done = 0; done < rows; done += BATCH) {
    const n = Math.min(BATCH, rows - done);
    await client.query(`
      with pick as (
        select (random() * ${CITIES.length - 1})::int as o, (random() * ${CITIES.length - 1})::int as d,
               1 + (random() * ($2 - 1))::int as u, now() + interval '3 hours' + random() * interval '30 days' as ws
          from generate_series(1, $1)
      ), placed as (
        select p.*, ${jitter("oc")} as pickup, ${jitter("dc")} as dropoff, oc.name as oname, dc.name as dname
          from pick p join cities oc on oc.n = p.o join cities dc on dc.n = case when p.d = p.o then (p.d + 1) % ${CITIES.length} else p.d end
      )
      insert into app_public.delivery_requests (customer_id, title, category, item_name, quantity, weight_kg, currency,
        is_fragile, pickup_address, pickup_point, pickup_city, pickup_country, delivery_address, delivery_point,
        delivery_city, delivery_country, pickup_window_start, pickup_window_end, max_price, expires_at)
      select bu.id, 'Parcel ' || oname || ' to ' || dname,
             (array['documents', 'electronics', 'clothing', 'food', 'books', 'gifts', 'other'])[1 + (random() * 6)::int]::app_public.item_category,
             'Parcel', 1 + (random() * 2)::int, round((0.2 + random() * 5)::numeric, 3),
             case when random() < 0.9 then 'EUR' else 'GBP' end, random() < 0.15,
             oname, pickup, oname, 'EU', dname, dropoff, dname, 'EU', ws, ws + (4 + random() * 44) * interval '1 hour',
             (1000 + random() * 99000)::int, now() + interval '31 days'
        from placed p join bench_users bu on bu.n = p.u`, [n, users]);
    progress("requests", done + n, rows);
  }
  await client.query("analyze");
}

/** Times each call of `sql` with each id on the client; returns the sorted durations in ms. */
async function timeCalls(client: pg.Client, label: string, sql: string, ids: string[]): Promise<{ ms: number[]; found: number }> {
  const ms: number[] = [];
  let found = 0;
  for (const [i, id] of ids.entries()) {
    const start = process.hrtime.bigint();
    const { rowCount } = await client.query(sql, [id]);
    ms.push(Number(process.hrtime.bigint() - start) / 1e6);
    found += rowCount ?? 0;
    progress(label, i + 1, ids.length);
  }
  return { ms: ms.sort((a, b) => a - b), found };
}

const benchOwnerUrl = withDatabase(ownerUrl, BENCH_DATABASE);
const started = Date.now();
process.stderr.write(`[bench] scratch database ${BENCH_DATABASE}: ${rows} trips, ${rows} requests, ${queries} queries per function\n`);
await dropDatabase(rootUrl, BENCH_DATABASE);
await ensureDatabase(rootUrl, BENCH_DATABASE);
try {
  await migrate(benchOwnerUrl);
  const client = new pg.Client({ connectionString: benchOwnerUrl });
  await client.connect();
  try {
    await seed(client);
    const seeded = Date.now();
    // An admin session (deliveries.read): allowed to match any request and any trip, under RLS as app_user.
    const { rows: [admin] } = await client.query<{ id: string }>(
      "select id from app_public.users order by id limit 1");
    await client.query("insert into app_private.admin_users (user_id, role) values ($1, 'admin')", [admin!.id]);
    const { rows: [session] } = await client.query<{ id: string }>(
      "insert into app_private.sessions (user_id, expires_at, mfa_verified) values ($1, now() + interval '1 day', true) returning id",
      [admin!.id]);
    const sample = async (table: string) => (await client.query<{ id: string }>(
      `select id from app_public.${table} order by md5(id::text) limit $1`, [queries])).rows.map((r) => r.id);
    const requestIds = await sample("delivery_requests");
    const tripIds = await sample("trips");

    // The API's own path: app_authenticator switching to app_user with the session claim, per transaction.
    const api = new pg.Client({ connectionString: withDatabase(authUrl, BENCH_DATABASE) });
    await api.connect();
    const run = async (suffix: string) => {
      await api.query("begin");
      await api.query("select set_config('jwt.claims.session_id', $1, true)", [session!.id]);
      await api.query("set local role app_user");
      // JIT would compile the index-less plans (their estimated cost is high) for ~2 s a call and measure LLVM, not
      // the missing index; both runs go without it.
      await api.query("set local jit = off");
      const trips = await timeCalls(api, `trips${suffix}`, "select * from app_public.matching_trips($1)", requestIds);
      const requests = await timeCalls(api, `reqs${suffix}`, "select * from app_public.matching_requests($1)", tripIds);
      await api.query("rollback");
      return { trips, requests };
    };
    let indexed: Awaited<ReturnType<typeof run>>;
    let plain: Awaited<ReturnType<typeof run>>;
    try {
      indexed = await run("");
      // The same calls without the four GiST indexes (dropped for good: the scratch database goes anyway).
      await client.query(`drop index app_public.trips_origin_point_idx, app_public.trips_destination_point_idx,
                            app_public.delivery_requests_pickup_point_idx, app_public.delivery_requests_delivery_point_idx`);
      plain = await run(" (no idx)");
    } finally {
      await api.end();
    }

    const line = (name: string, a: { ms: number[]; found: number }, b: { ms: number[]; found: number }) =>
      `${name.padEnd(18)} p50 ${fmt(percentile(a.ms, 0.5)).padStart(10)}  p95 ${fmt(percentile(a.ms, 0.95)).padStart(10)}`
      + `   | no GiST p50 ${fmt(percentile(b.ms, 0.5)).padStart(10)}  p95 ${fmt(percentile(b.ms, 0.95)).padStart(10)}`
      + `   | ratio p50 ${(percentile(b.ms, 0.5) / percentile(a.ms, 0.5)).toFixed(1)}×`
      + `   | avg matches ${(a.found / a.ms.length).toFixed(2)}`;
    process.stdout.write(`\nmatching bench: ${rows} trips, ${rows} requests, ${queries} calls each `
      + `(seeded in ${((seeded - started) / 1000).toFixed(0)} s)\n`);
    process.stdout.write(`${line("matching_trips", indexed.trips, plain.trips)}\n`);
    process.stdout.write(`${line("matching_requests", indexed.requests, plain.requests)}\n`);
  } finally {
    await client.end();
  }
} finally {
  if (!keep) await dropDatabase(rootUrl, BENCH_DATABASE);
}
process.stderr.write(`[bench] done in ${((Date.now() - started) / 1000).toFixed(0)} s\n`);
