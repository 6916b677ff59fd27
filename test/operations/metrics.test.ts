// Metrics and monitoring (docs/operations.md, Metrics): daily_metrics upserted for a UTC day by metrics__daily,
// popular_routes rebuilt over 30 days with at least 5 requests, PostgreSQL's statistics behind admin*() functions
// (system.read), and /metrics in Prometheus' text format, protected. Serial: jobs run one pass at a time.
import test from "ava";
import { createMember, makeAdmin, tokenFor } from "../helpers/actors.ts";
import { queryAsRoot } from "../helpers/database.ts";
import { errorCode } from "../helpers/errors.ts";
import { createDeliveryRecord, createRequest, createTrip } from "../helpers/marketplace.ts";
import { startTestServer, useTestServer } from "../helpers/server.ts";
import { runReadyJobs, runTask } from "../helpers/worker.ts";
import { yesterday } from "../../workers/tasks/metrics__daily.ts";
import { routeOf } from "../../server/operations/metrics.ts";

const { db, server } = useTestServer(test);
const DAY = "2026-03-14";
let adminToken: string;
let analystToken: string;
let memberToken: string;

test.serial.before(async () => {
  const admin = await createMember(db, "both");
  await makeAdmin(db, admin, "admin");
  adminToken = await tokenFor(db, admin, { mfaVerified: true });
  const analyst = await createMember(db, "both");
  await makeAdmin(db, analyst, "analyst");
  analystToken = await tokenFor(db, analyst, { mfaVerified: true });
  memberToken = await tokenFor(db, await createMember(db, "both"));
});

const metricsOf = () => queryAsRoot(db, `select metric_type, currency, new_users, deleted_users, requests, matches,
    completions, cancellations, revenue::int, fees::int, refunds::int, success_rate::text
    from app_public.daily_metrics where metric_date = $1 order by metric_type, currency`, [DAY]);
const computeDay = async (day = DAY) => {
  await queryAsRoot(db, "select graphile_worker.add_job('metrics__daily', json_build_object('day', $1::text), max_attempts => 1)", [day]);
  await runReadyJobs(db);
};

test.serial("daily metrics: a day's users, requests, matches and captured money, upserted (a re-run replaces them)", async (t) => {
  const customer = await createMember(db, "customer", "email_verified");
  const traveler = await createMember(db, "traveler");
  const users = [customer, traveler];
  const delivery = await createDeliveryRecord(db, await createTrip(db, traveler), { customerId: customer });
  const [{ p }] = (await queryAsRoot(db, "select app_private.prepare_payment_intent($1) as p", [delivery])) as [{ p: any }];
  await queryAsRoot(db, "update app_public.users set created_at = $2::date + time '10:00' where id = any($1)", [users, DAY]);
  await queryAsRoot(db, "update app_public.delivery_requests set created_at = $2::date + time '11:00' where customer_id = $1", [customer, DAY]);
  await queryAsRoot(db, "update app_public.deliveries set accepted_at = $2::date + time '23:59:59' where id = $1", [delivery, DAY]);
  await queryAsRoot(db, `update app_public.payment_intents set status = 'succeeded', captured_amount = amount,
      captured_at = ($2::date + time '12:00') at time zone 'UTC' where id = $1`, [p.payment_intent_id, DAY]);
  // The day after does not count.
  await createRequest(db, customer);
  const [payment] = await queryAsRoot(db, "select amount::int, platform_fee::int, currency from app_public.payment_intents where id = $1", [p.payment_intent_id]);

  await computeDay();
  const expected = [
    { metric_type: "activity", currency: null, new_users: 2, deleted_users: 0, requests: 1, matches: 1, completions: 0,
      cancellations: 0, revenue: 0, fees: 0, refunds: 0, success_rate: null },
    { metric_type: "money", currency: payment!.currency, new_users: 0, deleted_users: 0, requests: 0, matches: 0,
      completions: 0, cancellations: 0, revenue: payment!.amount, fees: payment!.platform_fee, refunds: 0, success_rate: null },
  ];
  t.deepEqual(await metricsOf(), expected);
  await computeDay();
  t.deepEqual(await metricsOf(), expected, "idempotent: the same rows, not new ones");
  // A payment moved to another day is taken out of this one on the next run.
  await queryAsRoot(db, "update app_public.payment_intents set captured_at = captured_at + interval '2 days' where id = $1", [p.payment_intent_id]);
  await computeDay();
  t.like((await metricsOf())[1], { revenue: 0, fees: 0 });
  // Only analytics.read reads them.
  const list = "{ dailyMetrics { totalCount } }";
  t.true((await server.gql(list, { token: analystToken })).data!.dailyMetrics.totalCount >= 2);
  t.is((await server.gql(list, { token: memberToken })).data!.dailyMetrics.totalCount, 0);
});

test.serial("the daily job computes the day before by default", async (t) => {
  t.is(yesterday(new Date("2026-03-01T00:30:00Z")), "2026-02-28");
  await runTask(db, "metrics__daily");
  const [row] = await queryAsRoot(db, "select count(*)::int as n from app_public.daily_metrics where metric_date = $1 and metric_type = 'activity'", [yesterday()]);
  t.is(row!.n, 1);
});

test.serial("popular routes: city pairs with at least 5 requests in 30 days, with their deliveries", async (t) => {
  const customer = await createMember(db, "customer", "email_verified");
  const requests = [];
  for (let i = 0; i < 9; i++) requests.push(await createRequest(db, customer));
  // Four go to Lyon instead of Berlin: too few for a route of their own; one of the rest is older than 30 days.
  await queryAsRoot(db, "update app_public.delivery_requests set delivery_city = 'Lyon', delivery_country = 'FR' where id = any($1)", [requests.slice(0, 4)]);
  await queryAsRoot(db, "update app_public.delivery_requests set created_at = now() - interval '31 days' where id = $1", [requests[4]]);
  await runTask(db, "metrics__popular_routes");
  const routes = await queryAsRoot(db, `select origin_city, destination_city, destination_country, request_count, completion_count
    from app_public.popular_routes order by request_count desc`);
  const [recent] = await queryAsRoot(db, `select pickup_city, delivery_city, count(*)::int as n from app_public.delivery_requests
    where created_at > now() - interval '30 days' and delivery_city <> 'Lyon' group by 1, 2`);
  t.true(recent!.n >= 5);
  t.deepEqual(routes, [{ origin_city: recent!.pickup_city, destination_city: recent!.delivery_city,
    destination_country: routes[0]?.destination_country, request_count: recent!.n, completion_count: 0 }],
    "one route: Lyon has 4 requests, below the threshold");
  await runTask(db, "metrics__popular_routes");
  t.is((await queryAsRoot(db, "select count(*)::int as n from app_public.popular_routes"))[0]!.n, 1, "rebuilt, not added to");
});

test.serial("database statistics: admins with system.read only, as JSON arrays naming our tables", async (t) => {
  for (const fn of ["adminDatabasePerformance", "adminIndexUsage", "adminTableSizes"]) {
    t.is(errorCode(await server.gql(`{ ${fn} }`, { token: memberToken })), "DNIED", fn);
    t.is(errorCode(await server.gql(`{ ${fn} }`, { token: analystToken })), "DNIED", `${fn}: analysts have no system.read`);
    const rows = (await server.gql(`{ ${fn} }`, { token: adminToken })).data![fn] as Array<Record<string, unknown>>;
    t.true(Array.isArray(rows) && rows.length > 10, fn);
  }
  const sizes = (await server.gql("{ adminTableSizes }", { token: adminToken })).data!.adminTableSizes as any[];
  const users = sizes.find((r) => r.table_name === "app_public.users");
  t.true(users.total_bytes >= users.table_bytes + users.index_bytes);
  const indexes = (await server.gql("{ adminIndexUsage }", { token: adminToken })).data!.adminIndexUsage as any[];
  t.truthy(indexes.find((r) => r.indexrelname === "users_pkey" && r.relname === "users" && typeof r.size_bytes === "number"));
  const tables = (await server.gql("{ adminDatabasePerformance }", { token: adminToken })).data!.adminDatabasePerformance as any[];
  t.truthy(tables.find((r) => r.table_name === "app_public.deliveries" && "seq_scan" in r && "n_dead_tup" in r));
});

test.serial("/metrics: Prometheus text with request counts, latency, pools and the job queue, to loopback without a token", async (t) => {
  await server.gql("{ __typename }");
  await queryAsRoot(db, "select graphile_worker.add_job('offers__expire', '{}'::json, run_at => now() + interval '1 hour')");
  const res = await fetch(`${server.url}/metrics`);
  t.is(res.status, 200);
  t.regex(res.headers.get("content-type")!, /^text\/plain; version=0\.0\.4/);
  const text = await res.text();
  t.regex(text, /http_requests_total\{method="POST",route="\/graphql",status="200"\} [1-9]/);
  t.regex(text, /http_request_duration_seconds_bucket\{le="0\.5",method="POST",route="\/graphql"\} [1-9]/);
  t.regex(text, /db_pool_connections\{pool="authenticator",state="total"\} \d+/);
  t.regex(text, /job_queue_jobs\{task="offers__expire",state="scheduled"\} [1-9]/);
  t.regex(text, /database_up 1/);
  t.regex(text, /process_cpu_seconds_total/);
  t.is((await fetch(`${server.url}/metrics`, { method: "POST" })).status, 405);
});

test.serial("/metrics with METRICS_TOKEN: only with the bearer token", async (t) => {
  const token = "m".repeat(40);
  const guarded = await startTestServer(db, { METRICS_TOKEN: token });
  try {
    t.is((await fetch(`${guarded.url}/metrics`)).status, 401);
    t.is((await fetch(`${guarded.url}/metrics`, { headers: { authorization: `Bearer ${"x".repeat(40)}` } })).status, 401);
    const res = await fetch(`${guarded.url}/metrics`, { headers: { authorization: `Bearer ${token}` } });
    t.is(res.status, 200);
    t.regex(await res.text(), /http_requests_total/);
  } finally {
    await guarded.close();
  }
});

test("routes are labelled by the server's fixed paths, never by raw URLs", (t) => {
  t.is(routeOf("/graphql"), "/graphql");
  t.is(routeOf("/files/0b8f3c6e-0000-4000-8000-000000000000"), "/files/:id");
  t.is(routeOf("/exports/0b8f3c6e-0000-4000-8000-000000000000"), "/exports/:id");
  t.is(routeOf("/wp-admin/anything"), "other");
});
