// Configuration by admins (docs/admin.md, Configuration): setConfig checks the value against the setting's type and
// bounds, records it in system_configuration_history with who and why, and logs it; publicConfig shows visitors the
// public settings only; the audit and the history are read by system.read admins and changed by nobody, the owner
// included; the retention rule deletes only old low and medium entries. Serial: settings are database-wide.
import test from "ava";
import { actAs, createMember, makeAdmin, tokenFor, user } from "../helpers/actors.ts";
import { asRoot, outcome, queryAsRoot } from "../helpers/database.ts";
import { withClient } from "../helpers/catalog.ts";
import { errorCode, sqlstate } from "../helpers/errors.ts";
import { useTestServer } from "../helpers/server.ts";

const { db, server } = useTestServer(test);

const SET = `mutation ($c: String!, $k: String!, $v: JSON!, $r: String!) {
  setConfig(input: { category: $c, key: $k, value: $v, reason: $r }) { systemConfiguration { category key value } } }`;
const HISTORY = `{ systemConfigurationHistories(orderBy: CREATED_AT_DESC) { nodes { category key oldValue newValue reason } } }`;
const LOG = `{ adminActivityLogs(orderBy: CREATED_AT_DESC, first: 5) { nodes { action resourceType resourceId oldValues newValues severity reason } } }`;

let adminToken: string;
let admin: string;
test.before(async () => {
  admin = await createMember(db, "both");
  await makeAdmin(db, admin, "admin");
  adminToken = await tokenFor(db, admin);
});

test.serial("setConfig: typed and bounded values, the history with who and why, a high audit entry", async (t) => {
  const set = (k: string, v: unknown, token = adminToken, r = "more room for rush hours") =>
    server.gql(SET, { token, variables: { c: "matching", k, v, r } });
  t.deepEqual((await set("max_results", 20)).data, {
    setConfig: { systemConfiguration: { category: "matching", key: "max_results", value: 20 } } });
  const wrongType = await set("max_results", "20");
  t.is(errorCode(wrongType), "INVAL");
  t.regex(wrongType.errors![0]!.message, /matching\.max_results must be a whole number/);
  t.is(errorCode(await set("max_results", 2.5)), "INVAL");
  t.regex((await set("max_results", 100000)).errors![0]!.message, /matching\.max_results must lie between/);
  t.is(errorCode(await set("no_such_key", 1)), "NTFND");
  t.is(errorCode(await set("max_results", 12, adminToken, " ")), "INVAL", "a reason is required");
  const moderator = await createMember(db, "both");
  await makeAdmin(db, moderator, "moderator");
  t.is(errorCode(await set("max_results", 12, await tokenFor(db, moderator))), "DNIED", "system.write only");
  t.is(errorCode(await set("max_results", 12, await tokenFor(db, admin, { mfaVerified: false }))), "DNIED");
  t.is((await queryAsRoot(db, "select app_hidden.config_value('matching.max_results') as v"))[0]!.v, 20, "applies at once");

  t.deepEqual((await server.gql(HISTORY, { token: adminToken })).data!.systemConfigurationHistories.nodes[0],
    { category: "matching", key: "max_results", oldValue: 10, newValue: 20, reason: "more room for rush hours" });
  t.like((await queryAsRoot(db, "select changed_by from app_public.system_configuration_history order by created_at desc limit 1"))[0],
    { changed_by: admin });
  t.deepEqual((await server.gql(LOG, { token: adminToken })).data!.adminActivityLogs.nodes[0], {
    action: "set_config", resourceType: "system_configuration", resourceId: "matching.max_results",
    oldValues: { value: 10 }, newValues: { value: 20 }, severity: "high", reason: "more room for rush hours" });

  // An operator's change in psql is in the history too, without a who or a why.
  await queryAsRoot(db, "update app_public.system_configuration set value = '10' where category = 'matching' and key = 'max_results'");
  t.like((await queryAsRoot(db, "select * from app_public.system_configuration_history order by created_at desc limit 1"))[0],
    { old_value: 20, new_value: 10, changed_by: null, reason: null });
});

test.serial("publicConfig: the public settings for visitors, never a private or sensitive one", async (t) => {
  const config = (await server.gql("{ publicConfig }")).data!.publicConfig as Record<string, unknown>;
  t.is(config["platform.maintenance_mode"], false);
  t.deepEqual(config["platform.supported_currencies"], ["USD", "EUR", "GBP"]);
  const [{ keys }] = await queryAsRoot(db, `select array_agg(category || '.' || key order by 1) as keys
    from app_public.system_configuration where is_public`);
  t.deepEqual(Object.keys(config).sort(), [...keys].sort());
  t.false("security.max_login_attempts" in config);
});

test.serial("the audit and the history: read by system.read admins only, refused to change for everyone, the owner included", async (t) => {
  const member = await createMember(db, "both");
  const memberToken = await tokenFor(db, member);
  t.deepEqual((await server.gql(LOG, { token: memberToken })).data!.adminActivityLogs.nodes, []);
  t.deepEqual((await server.gql(HISTORY, { token: memberToken })).data!.systemConfigurationHistories.nodes, []);
  t.is(errorCode(await server.gql(LOG)), "DNIED", "visitors may not read it at all");
  t.true((await server.gql(LOG, { token: adminToken })).data!.adminActivityLogs.nodes.length > 0);

  await actAs(db, user(admin), async (c) => {
    t.is(await outcome(c, "insert into app_public.admin_activity_log (action, resource_type, severity) values ('x', 'y', 'low')"), "42501");
    t.is(await outcome(c, "update app_public.admin_activity_log set reason = 'x'"), "42501");
    t.is(await outcome(c, "delete from app_public.admin_activity_log"), "42501");
    t.is(await outcome(c, "update app_public.system_configuration_history set reason = 'x'"), "42501");
  });
  await withClient(db.ownerUrl, async (c) => {
    t.is(await sqlstate(c.query("update app_public.admin_activity_log set reason = 'rewritten'")), "DNIED");
    t.is(await sqlstate(c.query("delete from app_public.admin_activity_log")), "DNIED");
    t.is(await sqlstate(c.query("truncate app_public.admin_activity_log")), "DNIED");
    t.is(await sqlstate(c.query("update app_public.system_configuration_history set reason = 'rewritten'")), "DNIED");
    t.is(await sqlstate(c.query("delete from app_public.system_configuration_history")), "DNIED");
  });
});

test.serial("retention: low and medium entries older than retention.admin_log_days go; high, critical and recent ones stay", async (t) => {
  const ids = await asRoot(db, async (c) => (await c.query<{ id: string; severity: string; age: number }>(`
    insert into app_public.admin_activity_log (action, resource_type, severity, created_at)
    select 'retention_probe', 'test', s::app_public.activity_severity, now() - make_interval(days => d)
      from unnest(array['low', 'medium', 'high', 'critical']) s, unnest(array[91, 89]) d
    returning id, severity::text, extract(day from now() - created_at)::int as age`)).rows);
  const [counts] = await queryAsRoot(db, "select app_private.cleanup_expired_data() as c");
  t.is(counts!.c.admin_activity_purged, 2);
  const left = await queryAsRoot(db, `select severity::text, extract(day from now() - created_at)::int as age
    from app_public.admin_activity_log where action = 'retention_probe' order by 2 desc, 1`);
  t.deepEqual(left.map((r) => `${r.severity}:${r.age}`),
    ["critical:91", "high:91", "critical:89", "high:89", "low:89", "medium:89"]);
  t.is(ids.length, 8);
  await withClient(db.ownerUrl, async (c) => {
    t.is(await sqlstate(c.query("delete from app_public.admin_activity_log where action = 'retention_probe' and severity = 'high'")),
      "DNIED", "old high entries stay for good");
  });
  t.is((await queryAsRoot(db, "select app_private.cleanup_expired_data() as c"))[0]!.c.admin_activity_purged, 0, "idempotent");
});
