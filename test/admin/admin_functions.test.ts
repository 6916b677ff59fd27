// Every admin function (docs/admin.md, Audit), table-driven: it refuses a user without the permission and an admin
// whose session did not pass the second factor, and when it succeeds it writes exactly one entry of
// admin_activity_log, in its own transaction, naming the admin, the act, the object and the severity. The money
// operations (adminRefund, adminReleaseEscrow) need Stripe's fake and are checked the same way in
// test/payments/admin_money.test.ts.
import test from "ava";
import { actAs, commitAs, createMember, makeAdmin, user } from "../helpers/actors.ts";
import { queryAsRoot, useTestDatabase } from "../helpers/database.ts";
import { sqlstate } from "../helpers/errors.ts";
import { readyFile } from "../helpers/files.ts";
import { createDeliveryRecord, createTrip, transitionDelivery } from "../helpers/marketplace.ts";

const db = useTestDatabase(test);

interface Call {
  sql: string;
  params: unknown[];
}
interface AdminFunction {
  /** The function, as it names its act in the log. */
  action: string;
  /** The role of an admin allowed to call it. */
  role: string;
  severity: "low" | "medium" | "high" | "critical";
  resourceType: string;
  /** A fresh object to act on (given the admin who will act), and the call; resourceId "returned" when the call
   * creates the object (its id). */
  setup: (admin: string) => Promise<Call & { resourceId: string | null }>;
  /** What a caller without the right gets: DNIED, or NTFND where the object is hidden from them. */
  refusal?: string;
}

const userId = () => createMember(db, "both", "email_verified");
const insertReturningId = async (sql: string, params: unknown[]) =>
  (await queryAsRoot<{ id: string }>(db, sql, params))[0]!.id;
const pendingDocument = async () => {
  const owner = await userId();
  return insertReturningId(
    "insert into app_public.user_verification_documents (user_id, document_type, front_image_id) values ($1, 'utility_bill', $2) returning id",
    [owner, await readyFile(db, owner, "verification_document")]);
};
const liveDelivery = async () => createDeliveryRecord(db, await createTrip(db, await createMember(db, "traveler")),
  { reserveCapacity: true });
const pendingOverride = async () => {
  const delivery = await liveDelivery();
  const [d] = await queryAsRoot(db, "select customer_id from app_public.deliveries where id = $1", [delivery]);
  return insertReturningId(`insert into app_public.qr_emergency_overrides (delivery_id, qr_type, requester_id, reason, description, expires_at)
    values ($1, 'pickup', $2, 'technical_failure', 'The phone camera is broken', now() + interval '1 day') returning id`,
    [delivery, d!.customer_id]);
};

/** A dispute the admin takes no part in, between the parties of a live delivery. */
const dispute = async (status: "open" | "resolved" = "open") => insertReturningId(
  `insert into app_public.disputes (delivery_id, category, description, complainant_id, respondent_id, currency,
                                    response_due_at, due_date, status, resolved_at)
   select d.id, 'item_damaged', 'The handle is broken.', d.customer_id, d.traveler_id, d.currency,
          now() + interval '1 day', now() + interval '5 days', $2::app_public.dispute_status,
          case when $2::app_public.dispute_status = 'resolved' then now() end
     from app_public.deliveries d where d.id = $1 returning id`,
  [await liveDelivery(), status]);
const webhook = async () => {
  const id = await insertReturningId(`insert into app_public.notification_webhooks (url, events)
    values ('https://partner.example/hooks', array['dispute.opened']) returning id`, []);
  await queryAsRoot(db, "select app_private.new_webhook_secret($1, false)", [id]);
  return id;
};
const scheduledBulk = () => insertReturningId(`insert into app_public.bulk_notifications (template_id, variables, scheduled_at)
  select t.id, '{"title": "New routes", "message": "Trips to Iceland are open."}', now() + interval '1 day'
    from app_public.notification_templates t where t.name = 'announcement' returning id`, []);
const POLYGON = JSON.stringify({ type: "Polygon", coordinates: [[[2.3, 48.8], [2.4, 48.8], [2.4, 48.9], [2.3, 48.8]]] });

const FUNCTIONS: AdminFunction[] = [
  { action: "admin_grant_role", role: "super_admin", severity: "critical", resourceType: "user",
    setup: async () => {
      const target = await userId();
      return { sql: "select app_public.admin_grant_role($1, 'support', 'joins support')", params: [target], resourceId: target };
    } },
  { action: "admin_revoke_role", role: "super_admin", severity: "critical", resourceType: "user",
    setup: async () => {
      const target = await userId();
      await makeAdmin(db, target, "analyst");
      return { sql: "select app_public.admin_revoke_role($1, 'left the team')", params: [target], resourceId: target };
    } },
  { action: "admin_set_user_status", role: "moderator", severity: "high", resourceType: "user",
    setup: async () => {
      const target = await userId();
      return { sql: "select app_public.admin_set_user_status($1, 'suspended', 'violation_of_terms', 7, 'spam')",
        params: [target], resourceId: target };
    } },
  { action: "set_config", role: "admin", severity: "high", resourceType: "system_configuration",
    setup: async () => ({ sql: "select app_public.set_config('platform', 'max_file_upload_mb', '12', 'bigger photos')",
      params: [], resourceId: "platform.max_file_upload_mb" }) },
  { action: "resolve_moderation_flag", role: "moderator", severity: "medium", resourceType: "moderation_flag",
    setup: async () => {
      const flag = await insertReturningId(
        "insert into app_public.moderation_flags (user_id, reason) values ($1, 'frequent_cancellations') returning id", [await userId()]);
      return { sql: "select app_public.resolve_moderation_flag($1, 'Talked to them')", params: [flag], resourceId: flag };
    } },
  { action: "handle_user_report", role: "moderator", severity: "medium", resourceType: "user_report",
    setup: async () => {
      const report = await insertReturningId(`insert into app_public.user_reports (reporter_id, reported_user_id, category, description)
        values ($1, $2, 'spam', 'Sends me adverts all day') returning id`, [await userId(), await userId()]);
      return { sql: "select app_public.handle_user_report($1, 'reviewed')", params: [report], resourceId: report };
    } },
  { action: "start_document_review", role: "admin", severity: "low", resourceType: "verification_document",
    setup: async () => {
      const document = await pendingDocument();
      return { sql: "select app_public.start_document_review($1)", params: [document], resourceId: document };
    } },
  { action: "review_verification_document", role: "admin", severity: "medium", resourceType: "verification_document",
    setup: async () => {
      const document = await pendingDocument();
      return { sql: "select app_public.review_verification_document($1, true)", params: [document], resourceId: document };
    } },
  { action: "moderate_review", role: "moderator", severity: "medium", resourceType: "review",
    setup: async () => {
      const delivery = await liveDelivery();
      await transitionDelivery(db, delivery, "picked_up", "in_transit", "delivered");
      const review = await insertReturningId(`insert into app_public.reviews (delivery_id, reviewer_id, reviewee_id, reviewer_role, overall_rating)
        select id, customer_id, traveler_id, 'customer', 2 from app_public.deliveries where id = $1 returning id`, [delivery]);
      return { sql: "select app_public.moderate_review($1, 'rejected', 'insults')", params: [review], resourceId: review };
    } },
  { action: "approve_emergency_override", role: "support", severity: "high", resourceType: "qr_emergency_override",
    setup: async () => {
      const override = await pendingOverride();
      return { sql: "select app_public.approve_emergency_override($1, 'Called both parties, camera broken')",
        params: [override], resourceId: override };
    } },
  { action: "reject_emergency_override", role: "support", severity: "medium", resourceType: "qr_emergency_override",
    setup: async () => {
      const override = await pendingOverride();
      return { sql: "select app_public.reject_emergency_override($1, 'The code works, scan it again')",
        params: [override], resourceId: override };
    } },
  { action: "admin_check_qr_token", role: "support", severity: "low", resourceType: "delivery",
    setup: async () => ({ sql: "select app_public.admin_check_qr_token('P2PQR1.bm90.YSB0b2tlbg')", params: [], resourceId: null }) },
  { action: "cancel_delivery", role: "admin", severity: "high", resourceType: "delivery", refusal: "NTFND",
    setup: async () => {
      const delivery = await liveDelivery();
      return { sql: "select app_public.cancel_delivery($1, 'admin_decision', 'fraud suspected')", params: [delivery],
        resourceId: delivery };
    } },
  { action: "cancel_trip", role: "admin", severity: "high", resourceType: "trip", refusal: "DNIED",
    setup: async () => {
      const trip = await createTrip(db, await createMember(db, "traveler"));
      return { sql: "select app_public.cancel_trip($1, 'other', 'fake listing')", params: [trip], resourceId: trip };
    } },
  { action: "request_backup", role: "admin", severity: "high", resourceType: "system_backup",
    setup: async () => ({ sql: "select (app_public.request_backup()).id", params: [], resourceId: "returned" }) },
  { action: "request_restore_drill", role: "admin", severity: "medium", resourceType: "system_backup",
    setup: async () => {
      await queryAsRoot(db, `insert into app_public.system_backups (status, storage_key, byte_size, sha256, completed_at,
        expires_at) values ('completed', '2026/12/' || gen_random_uuid() || '.dump', 1, repeat('0', 64), now(), now() + interval '30 days')`);
      return { sql: "select app_public.request_restore_drill()", params: [], resourceId: null };
    } },
  { action: "request_data_export", role: "analyst", severity: "high", resourceType: "data_export",
    setup: async () => ({ sql: "select (app_public.request_data_export('users', 'csv')).id", params: [], resourceId: "returned" }) },
  { action: "assign_dispute", role: "moderator", severity: "medium", resourceType: "dispute",
    setup: async (admin) => {
      const id = await dispute();
      return { sql: "select app_public.assign_dispute($1, $2)", params: [id, admin], resourceId: id };
    } },
  { action: "close_dispute", role: "support", severity: "medium", resourceType: "dispute",
    setup: async () => {
      const id = await dispute("resolved");
      return { sql: "select app_public.close_dispute($1)", params: [id], resourceId: id };
    } },
  { action: "escalate_dispute", role: "support", severity: "medium", resourceType: "dispute", refusal: "NTFND",
    setup: async () => {
      const id = await dispute();
      return { sql: "select app_public.escalate_dispute($1, 'Fraud suspected')", params: [id], resourceId: id };
    } },
  { action: "post_dispute_message", role: "support", severity: "low", resourceType: "dispute", refusal: "NTFND",
    setup: async () => {
      const id = await dispute();
      return { sql: "select app_public.post_dispute_message($1, 'Please send a photo of the box')", params: [id], resourceId: id };
    } },
  { action: "add_dispute_note", role: "support", severity: "low", resourceType: "dispute", refusal: "NTFND",
    setup: async () => {
      const id = await dispute();
      return { sql: "select app_public.add_dispute_note($1, 'Checked the photos')", params: [id], resourceId: id };
    } },
  { action: "add_dispute_evidence", role: "support", severity: "low", resourceType: "dispute", refusal: "NTFND",
    setup: async (admin) => {
      const id = await dispute();
      return { sql: "select app_public.add_dispute_evidence($1, $2, 'photo')",
        params: [id, await readyFile(db, admin, "dispute_evidence")], resourceId: id };
    } },
  { action: "create_webhook", role: "admin", severity: "high", resourceType: "notification_webhook",
    setup: async () => ({ sql: "select (app_public.create_webhook('https://partner.example/hooks', array['dispute.opened'])).webhook_id as id",
      params: [], resourceId: "returned" }) },
  { action: "rotate_webhook_secret", role: "admin", severity: "high", resourceType: "notification_webhook",
    setup: async () => {
      const id = await webhook();
      return { sql: "select app_public.rotate_webhook_secret($1)", params: [id], resourceId: id };
    } },
  { action: "upsert_notification_template", role: "admin", severity: "medium", resourceType: "notification_template",
    setup: async () => ({ sql: `select (app_public.upsert_notification_template('tip_' || substr(md5(random()::text), 1, 8),
        'promotional', '[{"name": "city", "required": true}]', 'en', in_app_title => 'Tip', in_app_body => 'Go to {{city}}')).id`,
      params: [], resourceId: "returned" }) },
  { action: "rotate_unsubscribe_key", role: "admin", severity: "high", resourceType: "email_unsubscribe_key",
    setup: async () => ({ sql: "select app_public.rotate_unsubscribe_key()", params: [], resourceId: null }) },
  { action: "send_test_webhook", role: "admin", severity: "low", resourceType: "notification_webhook",
    setup: async () => {
      const id = await webhook();
      return { sql: "select app_public.send_test_webhook($1)", params: [id], resourceId: id };
    } },
  { action: "send_bulk_notification", role: "admin", severity: "medium", resourceType: "bulk_notification",
    setup: async () => ({ sql: `select (app_public.send_bulk_notification('announcement',
        '{"title": "New routes", "message": "Trips to Iceland are open."}', scheduled_at => now() + interval '1 day')).id`,
      params: [], resourceId: "returned" }) },
  { action: "cancel_bulk_notification", role: "admin", severity: "medium", resourceType: "bulk_notification",
    setup: async () => {
      const id = await scheduledBulk();
      return { sql: "select app_public.cancel_bulk_notification($1)", params: [id], resourceId: id };
    } },
  { action: "reschedule_bulk_notification", role: "admin", severity: "medium", resourceType: "bulk_notification",
    setup: async () => {
      const id = await scheduledBulk();
      return { sql: "select app_public.reschedule_bulk_notification($1, now() + interval '2 days')", params: [id], resourceId: id };
    } },
  { action: "create_geofence", role: "admin", severity: "medium", resourceType: "geofence",
    setup: async () => ({ sql: "select (app_public.create_geofence('restricted', $1::jsonb)).id", params: [POLYGON],
      resourceId: "returned" }) },
  { action: "update_emergency_status", role: "admin", severity: "medium", resourceType: "emergency",
    setup: async () => {
      const id = await insertReturningId(`insert into app_public.emergency_locations (delivery_id, user_id, emergency_type,
          severity, point, accuracy_m, poor_fix, emergency_number)
        select d.id, d.traveler_id, 'accident', 'high', 'SRID=4326;POINT(2.35 48.86)', 10, false, '112'
          from app_public.deliveries d where d.id = $1 returning id`, [await liveDelivery()]);
      return { sql: "select app_public.update_emergency_status($1, 'acknowledged')", params: [id], resourceId: id };
    } },
  { action: "moderate_message", role: "moderator", severity: "medium", resourceType: "conversation_message",
    setup: async () => {
      // A dispute's conversation (opened with the dispute), where any message may need moderating.
      const conversation = (await queryAsRoot<{ id: string }>(db,
        "select id from app_public.conversations where dispute_id = $1", [await dispute()]))[0]!.id;
      const message = await insertReturningId(`insert into app_public.conversation_messages (conversation_id, author_id, body)
        select c.id, c.customer_id, 'Pay me outside the platform' from app_public.conversations c where c.id = $1 returning id`,
        [conversation]);
      return { sql: "select app_public.moderate_message($1, true)", params: [message], resourceId: message };
    } },
];

const entries = (admin: string) => queryAsRoot(db, `select action, resource_type, resource_id, severity, old_values, new_values
  from app_public.admin_activity_log where admin_id = $1`, [admin]);

for (const fn of FUNCTIONS) {
  test(`${fn.action}: refused without the permission and without the second factor; one ${fn.severity} entry on success`, async (t) => {
    const plain = await userId();
    const admin = await userId();
    await makeAdmin(db, admin, fn.role);
    const withoutRight = await fn.setup(admin);
    const refusal = fn.refusal ?? "DNIED";
    t.is(await actAs(db, user(plain), (c) => sqlstate(c.query(withoutRight.sql, withoutRight.params))), refusal,
      "a user who is no admin");
    if (fn.role === "super_admin") {
      const admin2 = await userId();
      await makeAdmin(db, admin2, "admin");
      t.is(await actAs(db, user(admin2), (c) => sqlstate(c.query(withoutRight.sql, withoutRight.params))), "DNIED",
        "an admin of another role");
    }
    t.is(await actAs(db, user(admin), (c) => sqlstate(c.query(withoutRight.sql, withoutRight.params)), { mfaVerified: false }),
      refusal, "the right admin in a session without the second factor");
    t.deepEqual(await entries(admin), [], "refusals leave no entry");

    const call = await fn.setup(admin);
    const result = await commitAs(db, user(admin), (c) => c.query(call.sql, call.params));
    const resourceId = call.resourceId === "returned" ? result.rows[0].id : call.resourceId;
    const logged = await entries(admin);
    t.is(logged.length, 1, "exactly one entry");
    t.like(logged[0], { action: fn.action, resource_type: fn.resourceType, resource_id: resourceId, severity: fn.severity });
  });
}

// Mutations whose body asks for an admin permission only to widen what the caller may read, never to act as an admin.
const READS_ONLY = new Set(["duplicate_trip"]);

test("every app_public mutation that checks an admin permission is in the table above (or tested with the money)", async (t) => {
  // Any volatile function (a mutation) that calls a caller check, or asks current_user_has_permission itself: a new
  // admin act cannot be added without its row here, nor check a permission its own way and escape the audit.
  const names = (await queryAsRoot<{ name: string }>(db, `
    select p.proname as name from pg_proc p join pg_namespace n on n.oid = p.pronamespace
     where n.nspname = 'app_public' and p.provolatile = 'v'
       and (p.prosrc ~ 'require_(admin|super_admin|money_admin)\\(' or p.prosrc ~ 'lock_(override_for_decision|dispute_for)\\('
            or p.prosrc ~ 'current_user_has_permission')
     order by 1`)).map((r) => r.name);
  t.deepEqual([...READS_ONLY].filter((n) => !names.includes(n)), [], "the exemptions still exist and still ask");
  // Tested the same way next to their money: adminRefund and adminReleaseEscrow (test/payments/admin_money.test.ts),
  // adminGrantCredit (test/payments/credits.test.ts), setPricingFactor (test/payments/pricing.test.ts),
  // resolveDispute (test/disputes/flow.test.ts, handling.test.ts).
  const covered = new Set([...FUNCTIONS.map((f) => f.action), "admin_refund", "admin_release_escrow",
    "admin_grant_credit", "set_pricing_factor", "resolve_dispute"]);
  t.deepEqual(names.filter((n) => !covered.has(n) && !READS_ONLY.has(n)), []);
  t.true(names.length >= FUNCTIONS.length, "the scan finds the functions");
});

test("the log refuses to name a signed-in user who is no admin: an admin function without its caller check fails whole", async (t) => {
  const plain = await userId();
  t.is(await actAs(db, user(plain), async (c) => {
    await c.query("reset role");
    return sqlstate(c.query("select app_hidden.log_admin_action('x_act', 'user', null, 'low')"));
  }), "P0001");
});

test("editing and deleting a webhook through its table: the admin caller check, one high entry each; the worker's updates log nothing", async (t) => {
  const plain = await userId();
  const admin = await userId();
  await makeAdmin(db, admin, "admin");
  const hook = await webhook();
  const edit = "update app_public.notification_webhooks set description = 'Insurer' where id = $1";
  t.is((await actAs(db, user(plain), (c) => c.query(edit, [hook]))).rowCount, 0, "a user who is no admin does not see it");
  await queryAsRoot(db, "update app_public.notification_webhooks set consecutive_failures = 3 where id = $1", [hook]);
  t.deepEqual(await entries(admin), [], "no entry for refusals nor for the system");

  await commitAs(db, user(admin), (c) => c.query(edit, [hook]));
  await commitAs(db, user(admin), (c) => c.query("delete from app_public.notification_webhooks where id = $1", [hook]));
  const logged = await entries(admin);
  t.is(logged.length, 2);
  t.like(logged.find((e) => e.action === "update_notification_webhook"),
    { resource_type: "notification_webhook", resource_id: hook, severity: "high",
      old_values: { description: null }, new_values: { description: "Insurer" } });
  t.like(logged.find((e) => e.action === "delete_notification_webhook"),
    { resource_type: "notification_webhook", resource_id: hook, severity: "high" });
});
