// A plan test for every API read (issue 10): on a marketplace large enough for the planner to prefer indexes
// (test/helpers/scale.ts), every read the API offers runs as app_user with a real session, as PostGraphile runs it,
// and no plan may scan a large table sequentially: not the statement itself, not the statements of the functions
// and policy helpers it calls (auto_explain logs those too, nested), and neither its custom plan nor the generic plan
// a prepared statement switches to.
//
// The reads are enumerated from the catalog, so a new one is covered without anyone remembering to:
//   - every table and view of app_public that app_user may select: its connection in primary key order, ordered by
//     each column the API offers to order by, and filtered (condition) on each column it offers to filter on.
//     PostGraphile offers a table's column when a non-partial index has it as a key (PgIndexBehaviorsPlugin), unless
//     the column's comment removes it with `@behavior -orderBy` / `-filterBy`; a view's columns are all offered, and
//     its default order is its @primaryKey (none: the natural order);
//   - every stable function of app_public that app_user may execute (queries and computed fields): they need
//     arguments, which READS below provides per signature. A function without an entry fails the test, and so does an
//     entry whose function is gone;
//   - the connections' real queries (READS_OF_CONNECTIONS): the orderings clients use.
import test from "ava";
import type pg from "pg";
import { openSession } from "../helpers/actors.ts";
import { asRoot, useTestDatabase } from "../helpers/database.ts";
import { type ScaleFixture, seedMarketplaceAtScale } from "../helpers/scale.ts";

const db = useTestDatabase(test);
let fixture: ScaleFixture;
/** Tables (schema.name) with at least LARGE rows after seeding: a sequential scan of one of them is a failure. */
let largeTables: Set<string>;
const LARGE = 1000;

/** Tables of app_public that stay small whatever the platform's size, so that scanning them is fine. */
const SMALL_BY_NATURE: Record<string, string> = {
  delivery_transitions: "reference data: the allowed status changes (a few dozen rows)",
  system_configuration: "the platform's tunables (a few hundred rows, one per setting)",
  notification_templates: "one per kind of message (a few dozen rows)",
  notification_template_bodies: "a few per template, one per locale",
  system_backups: "one per backup, kept retention.backups_days (a few dozen rows)",
  backup_restore_drills: "one per monthly or requested restore drill",
  data_exports: "one per export an admin asks for, kept until retention.exports_days have passed",
  daily_metrics: "one activity row and a few money rows per day",
  popular_routes: "the routes with at least 5 requests in 30 days (hundreds at most)",
  notification_webhooks: "one per partner endpoint (a handful of rows)",
  bulk_notifications: "one per campaign an admin sends (a few a month)",
};

interface Read {
  /** What a reader of a failure needs to know: the operation as a client would name it. */
  name: string;
  sql: string;
  params?: (f: ScaleFixture) => unknown[];
  /** An index the read (or a statement nested in it) must use: the search it exists for. */
  uses?: RegExp;
  /** Run as `me` made an admin of this role for the read (rolled back with it): for admin-only functions. */
  asAdmin?: string;
}

const point = ([lng, lat]: [number, number]) => `SRID=4326;POINT(${lng} ${lat})`;

/** Arguments for every stable function of app_public, keyed by its signature (regprocedure). */
const READS: Record<string, Read[]> = {
  "app_public.current_user_id()": [{ name: "currentUserId", sql: "select app_public.current_user_id()" }],
  'app_public."current_user"()': [{ name: "currentUser", sql: 'select * from app_public."current_user"()' }],
  "app_public.current_user_permissions()": [
    { name: "currentUserPermissions", sql: "select app_public.current_user_permissions()" }],
  "app_public.my_sessions()": [{ name: "mySessions", sql: "select * from app_public.my_sessions() limit 21" }],
  "app_public.my_notifications()": [
    { name: "myNotifications, unread first", sql: "select * from app_public.my_notifications() limit 21" }],
  "app_public.unread_notification_count()": [
    { name: "unreadNotificationCount", sql: "select app_public.unread_notification_count()" }],
  "app_public.my_conversations()": [
    { name: "myConversations", sql: "select * from app_public.my_conversations() limit 21" }],
  "app_public.conversation_history(uuid,uuid)": [
    { name: "conversationHistory, newest first", sql: "select * from app_public.conversation_history($1) limit 21",
      params: (f) => [f.myConversation] },
    { name: "conversationHistory, the page before a message",
      sql: `select * from app_public.conversation_history($1, (select m.id from app_public.conversation_messages m
              where m.conversation_id = $1 order by m.created_at desc limit 1 offset 1)) limit 21`,
      params: (f) => [f.myConversation] },
    { name: "conversationHistory of a conversation (a moderator)", sql: "select * from app_public.conversation_history($1) limit 21",
      params: (f) => [f.myConversation], asAdmin: "moderator" }],
  "app_public.conversations_unread_count(app_public.conversations)": [
    { name: "Conversation.unreadCount of my conversations",
      sql: "select app_public.conversations_unread_count(c) from app_public.my_conversations() c limit 21" }],
  "app_public.conversations_latest_message(app_public.conversations)": [
    { name: "Conversation.latestMessage of my conversations",
      sql: "select (app_public.conversations_latest_message(c)).body from app_public.my_conversations() c limit 21" }],
  "app_public.conversations_closed_reason(app_public.conversations)": [
    { name: "Conversation.closedReason of my conversations",
      sql: "select app_public.conversations_closed_reason(c) from app_public.my_conversations() c limit 21" }],
  "app_public.conversation_messages_original_body(app_public.conversation_messages)": [
    { name: "ConversationMessage.originalBody (a moderator)",
      sql: "select app_public.conversation_messages_original_body(m) from app_public.conversation_history($1) m limit 21",
      params: (f) => [f.myConversation], asAdmin: "moderator" }],
  "app_public.delivery_contacts(uuid)": [
    { name: "deliveryContacts of a live delivery", sql: "select * from app_public.delivery_contacts($1)",
      params: (f) => [f.myLiveDelivery] }],
  "app_public.payment_client_secret(uuid)": [
    { name: "paymentClientSecret of my delivery (as its customer)", sql: "select app_public.payment_client_secret($1)",
      params: (f) => [f.myPaidDelivery] }],
  "app_public.current_location(uuid)": [
    { name: "currentLocation of my live delivery", sql: "select * from app_public.current_location($1)",
      params: (f) => [f.myLiveDelivery] }],
  "app_public.delivery_track(uuid,timestamp with time zone)": [
    { name: "deliveryTrack of my live delivery", sql: "select * from app_public.delivery_track($1, null)",
      params: (f) => [f.myLiveDelivery] },
    { name: "deliveryTrack since a time (an admin)", sql: "select * from app_public.delivery_track($1, now() - interval '5 minutes')",
      params: (f) => [f.myPaidDelivery], asAdmin: "support" }],
  "app_public.delivery_eta(uuid)": [
    { name: "deliveryEta of my live delivery", sql: "select * from app_public.delivery_eta($1)",
      params: (f) => [f.myLiveDelivery] }],
  "app_public.delivery_money_trail(uuid)": [
    { name: "deliveryMoneyTrail of my paid delivery (as its customer)", sql: "select * from app_public.delivery_money_trail($1)",
      params: (f) => [f.myPaidDelivery] },
    { name: "deliveryMoneyTrail of someone's delivery (finance)", sql: "select * from app_public.delivery_money_trail($1)",
      params: (f) => [f.myPaidDelivery], asAdmin: "finance" }],
  "app_public.payout_onboarding_url()": [
    { name: "payoutOnboardingUrl", sql: "select app_public.payout_onboarding_url()" }],
  "app_public.public_config()": [{ name: "publicConfig", sql: "select app_public.public_config()" }],
  "app_public.verify_custody_chain(uuid)": [
    { name: "verifyCustodyChain of my delivery", sql: "select * from app_public.verify_custody_chain($1)",
      params: (f) => [f.myDeliveredDelivery] }],
  "app_public.custody_evidence_bundle(uuid)": [
    { name: "custodyEvidenceBundle of my delivery", sql: "select app_public.custody_evidence_bundle($1)",
      params: (f) => [f.myDeliveredDelivery] }],
  "app_public.export_my_data()": [
    { name: "exportMyData", sql: "select app_public.export_my_data()" }],
  "app_public.admin_database_performance()": [
    { name: "adminDatabasePerformance (an admin)", sql: "select app_public.admin_database_performance()", asAdmin: "admin" }],
  "app_public.admin_index_usage()": [
    { name: "adminIndexUsage (an admin)", sql: "select app_public.admin_index_usage()", asAdmin: "admin" }],
  "app_public.admin_table_sizes()": [
    { name: "adminTableSizes (an admin)", sql: "select app_public.admin_table_sizes()", asAdmin: "admin" }],
  "app_public.search_users(text)": [
    { name: "searchUsers", sql: "select * from app_public.search_users($1)", params: (f) => [f.someonesName],
      uses: /^users_names_trgm_idx$/ }],
  "app_public.user_profiles_earnings(app_public.user_profiles)": [
    { name: "UserProfile.earnings",
      sql: "select e.* from app_public.user_profiles p, app_public.user_profiles_earnings(p) e where p.id = $1",
      params: (f) => [f.me] }],
  "app_public.matching_requests(uuid)": [
    { name: "matchingRequests of my trip", sql: "select * from app_public.matching_requests($1)", params: (f) => [f.myTrip],
      uses: /^delivery_requests_(open_route|pickup_point|delivery_point)_idx$/ }],
  "app_public.matching_trips(uuid)": [
    { name: "matchingTrips of my request", sql: "select * from app_public.matching_trips($1)", params: (f) => [f.myRequest],
      uses: /^trips_(live_route|origin_point|destination_point)_idx$/ }],
  "app_public.quote_price(uuid,uuid)": [
    { name: "quotePrice on a trip", sql: "select app_public.quote_price($1, $2)", params: (f) => [f.myRequest, f.myTrip] },
    { name: "quotePrice at the default rates", sql: "select app_public.quote_price($1, null)", params: (f) => [f.myRequest] }],
  "app_public.search_requests(geography,numeric,geography,app_public.item_category,timestamp with time zone,timestamp with time zone)": [
    { name: "searchRequests near a city", sql: "select * from app_public.search_requests($1::geography, 25) limit 21",
      params: (f) => [point(f.origin)], uses: /^delivery_requests_(open_route|pickup_point)_idx$/ },
    { name: "searchRequests between two cities",
      sql: "select * from app_public.search_requests($1::geography, 50, $2::geography) limit 21",
      params: (f) => [point(f.origin), point(f.destination)], uses: /^delivery_requests_(open_route|pickup_point|delivery_point)_idx$/ }],
  "app_public.user_reviews(uuid)": [
    { name: "userReviews", sql: "select * from app_public.user_reviews($1) limit 21", params: (f) => [f.reviewedUser] }],
  "app_public.search_trips(geography,geography,double precision,timestamp with time zone,timestamp with time zone,numeric,text)": [
    { name: "searchTrips from an origin to a destination",
      sql: "select * from app_public.search_trips(origin => $1::geography, destination => $2::geography) limit 21",
      params: (f) => [point(f.origin), point(f.destination)], uses: /^trips_(live_route|origin_point|destination_point)_idx$/ },
    { name: "searchTrips from an origin in a week, with room",
      sql: `select * from app_public.search_trips(origin => $1::geography, radius_km => 50, departure_to => now() + interval '7 days',
              min_weight_kg => 5) limit 21`, params: (f) => [point(f.origin)] },
    { name: "searchTrips by text", sql: "select * from app_public.search_trips(query => 'Trip 1234 ') limit 21",
      uses: /^idx_trips_text$/ },
    { name: "searchTrips without filters (upcoming, soonest first)", sql: "select * from app_public.search_trips() limit 21",
      uses: /^trips_departure_time_idx$/ }],
};

/** The connections' real queries, as PostGraphile writes them (first: 20 and hasNextPage read 21 rows). */
const READS_OF_CONNECTIONS: Read[] = [
  { name: "my notifications (notifications), newest first",
    sql: "select * from app_public.notifications order by created_at desc, id desc limit 21" },
  { name: "my device tokens (deviceTokens)", sql: "select * from app_public.device_tokens order by id limit 21" },
  { name: "upcoming trips, soonest first",
    sql: "select * from app_public.trips where departure_time > now() order by departure_time, id limit 21" },
  { name: "a traveler's trips with their rating",
    sql: `select t.*, u.display_name, s.average_rating from app_public.trips t
            left join app_public.users u on u.id = t.traveler_id
            left join app_public.user_statistics s on s.user_id = u.id
           where t.traveler_id = $1 order by t.id limit 21`, params: (f) => [f.reviewedUser] },
  { name: "trips with their traveler's profile",
    sql: `select t.id, p.display_name, p.average_rating from app_public.trips t
            left join app_public.user_profiles p on p.id = t.traveler_id
           where t.departure_time > now() order by t.departure_time, t.id limit 21` },
  { name: "my requests (deliveryRequests), newest first",
    sql: "select * from app_public.delivery_requests order by created_at desc, id desc limit 21" },
  { name: "a customer's requests (deliveryRequestsByCustomerId), newest first",
    sql: "select * from app_public.delivery_requests where customer_id = $1 order by created_at desc, id desc limit 21",
    params: (f) => [f.me] },
  { name: "my deliveries (deliveries), newest first",
    sql: "select * from app_public.deliveries order by created_at desc, id desc limit 21" },
  { name: "a user's deliveries as traveler, newest first",
    sql: "select * from app_public.deliveries where traveler_id = $1 order by created_at desc, id desc limit 21",
    params: (f) => [f.me] },
  { name: "my live deliveries (activeDeliveries)", sql: "select * from app_public.active_deliveries order by accepted_at desc limit 21" },
  { name: "offers of a request", sql: "select * from app_public.delivery_offers where request_id = $1 order by created_at desc, id desc limit 21",
    params: (f) => [f.myRequest] },
  { name: "offers on a trip with their versions",
    sql: `select o.*, v.version, v.price from app_public.delivery_offers o join app_public.offer_versions v on v.offer_id = o.id
           where o.trip_id = $1 order by o.id, v.version limit 21`, params: (f) => [f.myTrip] },
  { name: "reviews about me, newest first",
    sql: "select * from app_public.reviews where reviewee_id = $1 order by created_at desc, id desc limit 21", params: (f) => [f.me] },
  { name: "a delivery's history", sql: "select * from app_public.delivery_status_history where delivery_id = $1 order by created_at, id",
    params: (f) => [f.myLiveDelivery] },
  { name: "a trip's weather, reservations and recorded matches",
    sql: `select t.id, w.weather, (select count(*) from app_public.trip_capacity_reservations r where r.trip_id = t.id),
                 (select count(*) from app_public.request_matches m where m.trip_id = t.id)
            from app_public.trips t left join app_public.trip_weather w on w.trip_id = t.id where t.id = $1`,
    params: (f) => [f.myTrip] },
];

interface PlanNode {
  "Node Type": string;
  "Relation Name"?: string;
  Schema?: string;
  "Index Name"?: string;
  "Actual Loops"?: number;
  "Rows Removed by Filter"?: number;
  "Rows Removed by Index Recheck"?: number;
  Plans?: PlanNode[];
}

/**
 * Rows a read may read and throw away (filters, rechecks) in one node, over all its loops. An index-driven read of
 * this seed discards a few dozen; reading along an index and filtering most of a large table away (an O(table) read
 * that is no Seq Scan, like the old searchTrips testing ST_DWithin on every upcoming trip) discards thousands.
 */
const DISCARDED_LIMIT = 2000;

/** What is wrong with a plan: sequential scans of large tables, and nodes that discard too many rows. */
function planProblems(node: PlanNode, found: string[] = []): string[] {
  const relation = node.Schema && node["Relation Name"] ? `${node.Schema}.${node["Relation Name"]}` : undefined;
  if (node["Node Type"] === "Seq Scan" && relation && largeTables.has(relation)) found.push(`Seq Scan on ${relation}`);
  const discarded = ((node["Rows Removed by Filter"] ?? 0) + (node["Rows Removed by Index Recheck"] ?? 0)) *
    (node["Actual Loops"] ?? 1);
  if (discarded > DISCARDED_LIMIT && node["Node Type"] !== "Seq Scan") {
    found.push(`${node["Node Type"]}${relation ? ` on ${relation}` : ""}${node["Index Name"] ? ` using ${node["Index Name"]}` : ""} ` +
      `discards ${discarded} rows`);
  }
  for (const child of node.Plans ?? []) planProblems(child, found);
  return found;
}

/** The indexes a plan reads, for reads that must use a particular one (the searches). */
function indexesRead(node: PlanNode, found = new Set<string>()): Set<string> {
  if (node["Index Name"]) found.add(node["Index Name"]);
  for (const child of node.Plans ?? []) indexesRead(child, found);
  return found;
}

/**
 * Runs each read as `me` (app_user, a real session) twice, with custom and with generic plans, and returns every
 * statement whose plan has a problem (planProblems), the read's own or a nested one, and every read that did not use
 * the index it names.
 */
async function offendingStatements(reads: Read[]): Promise<string[]> {
  return asRoot(db, async (c: pg.Client) => {
    const logged: string[] = [];
    c.on("notice", (notice) => {
      if (notice.message?.includes("plan:")) logged.push(notice.message);
    });
    await c.query(`load 'auto_explain'`);
    await c.query(`set auto_explain.log_min_duration = 0; set auto_explain.log_nested_statements = on;
                   set auto_explain.log_format = 'json'; set auto_explain.log_verbose = on;
                   set auto_explain.log_analyze = on; set auto_explain.log_timing = off;
                   set auto_explain.log_level = 'notice'; set client_min_messages = 'notice'`);
    const offenders: string[] = [];
    for (const read of reads) {
      for (const planCacheMode of ["force_custom_plan", "force_generic_plan"]) {
        await c.query("begin");
        try {
          if (read.asAdmin) {
            await c.query("insert into app_private.admin_users (user_id, role) values ($1, $2)", [fixture.me, read.asAdmin]);
          }
          await c.query("select set_config('jwt.claims.session_id', $1, true)", [await openSession(c, fixture.me)]);
          await c.query(`set local plan_cache_mode = ${planCacheMode}`);
          await c.query("set local role app_user");
          logged.length = 0;
          await c.query(read.sql, read.params?.(fixture) ?? []);
          const indexes = new Set<string>();
          for (const message of logged) {
            const explained = JSON.parse(message.slice(message.indexOf("{"))) as { "Query Text": string; Plan: PlanNode };
            const problems = planProblems(explained.Plan);
            if (problems.length > 0) {
              offenders.push(`${read.name} (${planCacheMode}): ${[...new Set(problems)].join(", ")} in\n` +
                `    ${explained["Query Text"].trim().replace(/\s+/g, " ")}`);
            }
            for (const index of indexesRead(explained.Plan)) indexes.add(index);
          }
          if (read.uses && ![...indexes].some((index) => read.uses!.test(index))) {
            offenders.push(`${read.name} (${planCacheMode}): reads no index matching ${read.uses} (it read ${[...indexes].join(", ")})`);
          }
        } finally {
          await c.query("rollback");
        }
      }
    }
    return [...new Set(offenders)];
  });
}

interface Relation {
  name: string;
  kind: "table" | "view";
  /** The connection's default order: the primary key (or a view's @primaryKey); empty for none. */
  key: string[];
  orderable: string[];
  filterable: string[];
}

async function apiRelations(): Promise<Relation[]> {
  const { rows } = await asRoot(db, (c) => c.query<{ name: string; kind: "table" | "view"; key: string[] | null;
                                                      orderable: string[]; filterable: string[] }>(`
    with relations as (
      select c.oid, c.relname as name, case c.relkind when 'v' then 'view' else 'table' end as kind
        from pg_class c
       where c.relnamespace = 'app_public'::regnamespace and c.relkind in ('r', 'p', 'v', 'm')
         and has_table_privilege('app_user', c.oid, 'select')
    ), columns as (
      select r.oid, a.attname, a.attnum, coalesce(col_description(r.oid, a.attnum), '') as comment,
             -- PgIndexBehaviorsPlugin: a column of a table is offered when a non-partial index has it as a key
             r.kind = 'view' or exists (select 1 from pg_index i
                                         where i.indrelid = r.oid and i.indpred is null and a.attnum = any (i.indkey::int2[])) as indexed
        from relations r join pg_attribute a on a.attrelid = r.oid and a.attnum > 0 and not a.attisdropped
    )
    select r.name, r.kind,
           coalesce(
             (select array_agg(a.attname::text order by k.ord) from pg_index i
                cross join lateral unnest(i.indkey::int2[]) with ordinality k(attnum, ord)
                join pg_attribute a on a.attrelid = i.indrelid and a.attnum = k.attnum
               where i.indrelid = r.oid and i.indisprimary),
             string_to_array(substring(obj_description(r.oid, 'pg_class') from '@primaryKey ([a-z_,]+)'), ',')) as key,
           coalesce((select array_agg(c.attname::text order by c.attnum) from columns c
                      where c.oid = r.oid and c.indexed and c.comment !~ '@behavior[^\\n]*-orderBy'), '{}') as orderable,
           coalesce((select array_agg(c.attname::text order by c.attnum) from columns c
                      where c.oid = r.oid and c.indexed and c.comment !~ '@behavior[^\\n]*-filterBy'), '{}') as filterable
      from relations r
     order by 1`));
  return rows.map((row) => ({ ...row, key: row.key ?? [] }));
}

/** A value of the column that `me` can see (the value a client filtering on it would have), else any value. */
async function sampleValue(relation: Relation, column: string): Promise<unknown> {
  const table = `app_public.${relation.name}`;
  const select = `select ${column}::text as value from ${table} where ${column} is not null limit 1`;
  const visible = await asRoot(db, async (c) => {
    await c.query("begin");
    try {
      await c.query("select set_config('jwt.claims.session_id', $1, true)", [await openSession(c, fixture.me)]);
      await c.query("set local role app_user");
      return (await c.query(select)).rows[0]?.value;
    } finally {
      await c.query("rollback");
    }
  });
  return visible ?? (await asRoot(db, (c) => c.query(select))).rows[0]?.value ?? null;
}

/** The reads of a relation's connection: default order, each ordering both ways, each condition. */
async function connectionReads(relation: Relation): Promise<Read[]> {
  const table = `app_public.${relation.name}`;
  const key = relation.key.join(", ");
  const orderKey = (direction: "asc" | "desc") => relation.key.map((k) => `, ${k} ${direction}`).join("");
  const reads: Read[] = [{ name: `${relation.name} (default order)`,
                           sql: `select * from ${table}${key ? ` order by ${key}` : ""} limit 21` }];
  for (const column of relation.orderable) {
    for (const direction of ["asc", "desc"] as const) {
      reads.push({ name: `${relation.name} ordered by ${column} ${direction}`,
                   sql: `select * from ${table} order by ${column} ${direction}${orderKey(direction)} limit 21` });
    }
  }
  for (const column of relation.filterable) {
    const value = await sampleValue(relation, column);
    if (value === null) continue;
    reads.push({ name: `${relation.name} where ${column} = …`,
                 sql: `select * from ${table} where ${column} = $1::text::${await columnType(relation, column)}` +
                      `${key ? ` order by ${key}` : ""} limit 21`,
                 params: () => [value] });
  }
  return reads;
}

async function columnType(relation: Relation, column: string): Promise<string> {
  const { rows } = await asRoot(db, (c) => c.query<{ type: string }>(
    `select format_type(a.atttypid, a.atttypmod) as type from pg_attribute a
      where a.attrelid = ('app_public.' || quote_ident($1))::regclass and a.attname = $2`, [relation.name, column]));
  return rows[0]!.type;
}

test.before(async () => {
  fixture = await seedMarketplaceAtScale(db);
  // For the self-check: a statement inside a function, which only auto_explain's nested plans show.
  await asRoot(db, (c) => c.query(`
    create schema plan_probe;
    grant usage on schema plan_probe to app_user;
    create function plan_probe.trips_titled(title text) returns setof uuid language plpgsql stable as $$
      begin return query select t.id from app_public.trips t where t.title = trips_titled.title; end $$;
    grant execute on function plan_probe.trips_titled(text) to app_user;`));
  largeTables = new Set(await asRoot(db, async (c) => (await c.query<{ name: string }>(
    `select format('%s.%s', n.nspname, c.relname) as name
       from pg_class c join pg_namespace n on n.oid = c.relnamespace
      where n.nspname like 'app\\_%' and c.relkind in ('r', 'p') and c.reltuples >= $1`, [LARGE])).rows.map((r) => r.name)));
});

test("the seed makes every table the API reads large, except those small by nature", async (t) => {
  const small = (await apiRelations()).filter((r) => r.kind === "table" && !largeTables.has(`app_public.${r.name}`))
    .map((r) => r.name);
  t.deepEqual(small.filter((name) => !(name in SMALL_BY_NATURE)), [],
    "seed these in test/helpers/scale.ts, or list them in SMALL_BY_NATURE with a reason");
  t.deepEqual(Object.keys(SMALL_BY_NATURE).filter((name) => !small.includes(name)), [],
    "SMALL_BY_NATURE lists a table that is seeded large or gone");
  t.true(largeTables.has("app_private.sessions"), "sessions are large: every request looks its own up");
});

test("every stable function of app_public the API offers has reads here, and every read a function", async (t) => {
  const functions = await asRoot(db, async (c) => (await c.query<{ signature: string }>(
    `select p.oid::regprocedure::text as signature from pg_proc p
      where p.pronamespace = 'app_public'::regnamespace and p.provolatile in ('s', 'i') and p.prokind = 'f'
        and has_function_privilege('app_user', p.oid, 'execute')
      order by 1`)).rows.map((r) => r.signature));
  t.deepEqual(functions.filter((f) => !(f in READS)), [],
    "give each new query function realistic arguments in READS (test/db/plans.test.ts)");
  t.deepEqual(Object.keys(READS).filter((f) => !functions.includes(f)), [], "READS names a function that is gone");
});

test("self-check: scans of a large table, reads that discard most of one and missing indexes are reported, nested ones included", async (t) => {
  const offenders = await offendingStatements([
    { name: "a filter no index serves", sql: "select * from app_public.trips where title = 'nothing' limit 21" },
    { name: "the same inside a function", sql: "select * from plan_probe.trips_titled('nothing')" },
    { name: "an index walk filtering most rows away",
      sql: "select * from app_public.trips where departure_time > now() and title = 'nothing' order by departure_time, id limit 21" },
    { name: "a search that should use an index", sql: "select * from app_public.users where id = $1", params: (f) => [f.me],
      uses: /^users_names_trgm_idx$/ },
  ]);
  const reported = (prefix: string) => t.true(offenders.some((o) => o.startsWith(prefix)), `${prefix}…\n${offenders.join("\n")}`);
  reported("a filter no index serves (force_custom_plan): Seq Scan on app_public.trips");
  reported("the same inside a function (force_generic_plan): Seq Scan on app_public.trips");
  reported("an index walk filtering most rows away (force_custom_plan): Bitmap Heap Scan on app_public.trips discards");
  reported("a search that should use an index (force_generic_plan): reads no index matching");
});

test("the connections' real queries read through indexes", async (t) => {
  const offenders = await offendingStatements(READS_OF_CONNECTIONS);
  t.deepEqual(offenders, [], offenders.join("\n"));
});

for (const [signature, reads] of Object.entries(READS)) {
  test(`${signature} reads through indexes`, async (t) => {
    const offenders = await offendingStatements(reads);
    t.deepEqual(offenders, [], offenders.join("\n"));
  });
}

// One test per relation, found at run time: a new table or view is covered by this loop without an edit here.
test("every connection (tables and views app_user may select) reads through indexes in each order and condition", async (t) => {
  const relations = await apiRelations();
  t.true(relations.length >= 25, "the catalog query found the API's tables and views");
  const offenders: string[] = [];
  for (const relation of relations) {
    if (relation.name in SMALL_BY_NATURE) continue;
    offenders.push(...await offendingStatements(await connectionReads(relation)));
  }
  t.deepEqual(offenders, [], offenders.join("\n"));
});
