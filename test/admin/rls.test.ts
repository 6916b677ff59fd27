// RLS matrix of the admin tables (docs/admin.md): admin_activity_log and system_configuration_history for admins with
// system.read, moderation_flags for admins with users.suspend; the subject of a row (the flagged user, the admin who
// acted) reads nothing by being it; no direct write for anyone; the role tables in app_private out of reach.
import test from "ava";
import { actAs, anonymous, createMember, makeAdmin, user } from "../helpers/actors.ts";
import { outcome, queryAsRoot, useTestDatabase } from "../helpers/database.ts";

const db = useTestDatabase(test);

const TABLES = ["admin_activity_log", "system_configuration_history", "moderation_flags"] as const;

test("select, insert, update and delete of every admin table, by every kind of caller", async (t) => {
  const flagged = await createMember(db, "traveler");
  const admin = await createMember(db, "both");
  await makeAdmin(db, admin, "admin");
  const moderator = await createMember(db, "both");
  await makeAdmin(db, moderator, "moderator");
  const analyst = await createMember(db, "both");
  await makeAdmin(db, analyst, "analyst");
  const member = await createMember(db, "both");
  await queryAsRoot(db, "insert into app_public.moderation_flags (user_id, reason) values ($1, 'frequent_cancellations')", [flagged]);
  await queryAsRoot(db, `insert into app_public.admin_activity_log (admin_id, action, resource_type, resource_id, severity)
    values ($1, 'rls_probe', 'user', $2, 'low')`, [moderator, flagged]);
  await queryAsRoot(db, "update app_public.system_configuration set value = '11' where category = 'matching' and key = 'max_results'");

  const visible = (actor: ReturnType<typeof user> | typeof anonymous) => actAs(db, actor, async (c) => ({
    admin_activity_log: await outcome(c, "select 1 from app_public.admin_activity_log where action = 'rls_probe'"),
    system_configuration_history: await outcome(c, "select 1 from app_public.system_configuration_history where key = 'max_results'"),
    moderation_flags: await outcome(c, "select 1 from app_public.moderation_flags where user_id = $1", [flagged]),
  }));
  t.deepEqual(await visible(anonymous),
    { admin_activity_log: "42501", system_configuration_history: "42501", moderation_flags: "42501" });
  t.deepEqual(await visible(user(member)), { admin_activity_log: 0, system_configuration_history: 0, moderation_flags: 0 });
  t.deepEqual(await visible(user(flagged)), { admin_activity_log: 0, system_configuration_history: 0, moderation_flags: 0 },
    "the flagged user, who is the subject of the log entry too");
  t.deepEqual(await visible(user(admin)), { admin_activity_log: 1, system_configuration_history: 1, moderation_flags: 1 },
    "admin: system.read and users.suspend");
  t.deepEqual(await visible(user(moderator)), { admin_activity_log: 0, system_configuration_history: 0, moderation_flags: 1 },
    "moderator: the queue, not the audit, even of their own acts");
  t.deepEqual(await visible(user(analyst)), { admin_activity_log: 0, system_configuration_history: 0, moderation_flags: 0 });
  t.deepEqual(await actAs(db, user(admin), async (c) => ({
    log: await outcome(c, "select 1 from app_public.admin_activity_log where action = 'rls_probe'"),
  }), { mfaVerified: false }), { log: 0 }, "without the second factor an admin reads what a user reads");

  for (const actor of [user(member), user(flagged), user(admin), user(moderator)]) {
    const refused = await actAs(db, actor, async (c) => {
      const result: Record<string, string | number> = {};
      for (const table of TABLES) {
        result[`update ${table}`] = await outcome(c, `update app_public.${table} set created_at = now()`);
        result[`delete ${table}`] = await outcome(c, `delete from app_public.${table}`);
      }
      result["insert admin_activity_log"] = await outcome(c,
        "insert into app_public.admin_activity_log (action, resource_type, severity) values ('forged', 'user', 'low')");
      result["insert moderation_flags"] = await outcome(c,
        "insert into app_public.moderation_flags (user_id, reason) values ($1, 'frequent_cancellations')", [member]);
      result["insert system_configuration_history"] = await outcome(c, `insert into app_public.system_configuration_history
        (setting_id, category, key, old_value, new_value) select id, category, key, value, value from app_public.system_configuration limit 1`);
      result.admin_users = await outcome(c, "select 1 from app_private.admin_users");
      result.admin_role_permissions = await outcome(c, "select 1 from app_private.admin_role_permissions");
      result.log_admin_action = await outcome(c, "select app_hidden.log_admin_action('forged', 'user', null, 'low')");
      return result;
    });
    t.true(Object.values(refused).every((v) => v === "42501"), `${JSON.stringify(actor)}: ${JSON.stringify(refused)}`);
  }
});
