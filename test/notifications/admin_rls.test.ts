// RLS matrix of the notification admin tables (docs/notifications.md "Outgoing webhooks", "Bulk sends"):
// notification_webhooks, webhook_deliveries and bulk_notifications for anonymous, a user, an admin without
// notifications.send and an admin holding it. Only holders read; they edit the url, description, events and active of
// a webhook and delete it; nobody inserts a webhook, writes a delivery or a bulk send, or reads the secrets.
import test from "ava";
import { actAs, anonymous, createMember, makeAdmin, user, type Actor } from "../helpers/actors.ts";
import { outcome, queryAsRoot, useTestDatabase } from "../helpers/database.ts";

const db = useTestDatabase(test);

test("select, insert, update and delete of the webhook tables, by every kind of caller", async (t) => {
  await queryAsRoot(db, `insert into app_public.bulk_notifications (template_id)
    select id from app_public.notification_templates where name = 'announcement'`);
  const member = await createMember(db, "both");
  const support = await createMember(db, "both");
  await makeAdmin(db, support, "support");
  const admin = await createMember(db, "both");
  await makeAdmin(db, admin, "admin");
  const [{ id: webhookId }] = await queryAsRoot(db, `insert into app_public.notification_webhooks (url, events)
    values ('https://partner.example/hook', '{user.verified}') returning id`) as [{ id: string }];
  await queryAsRoot(db, "select app_private.new_webhook_secret($1, false)", [webhookId]);
  await queryAsRoot(db, `insert into app_public.webhook_deliveries (webhook_id, event_id, event_type, payload)
    values ($1, gen_random_uuid(), 'user.verified', '{}')`, [webhookId]);

  const probe = (actor: Actor) => actAs(db, actor, async (c) => ({
    selectWebhooks: await outcome(c, "select 1 from app_public.notification_webhooks"),
    selectDeliveries: await outcome(c, "select 1 from app_public.webhook_deliveries"),
    insertWebhook: await outcome(c, "insert into app_public.notification_webhooks (url, events) values ('https://x.example/', '{user.verified}')"),
    updateWebhook: await outcome(c, "update app_public.notification_webhooks set description = 'partner', active = false"),
    updateCounter: await outcome(c, "update app_public.notification_webhooks set consecutive_failures = 0"),
    insertDelivery: await outcome(c, `insert into app_public.webhook_deliveries (webhook_id, event_id, event_type, payload)
      values ($1, gen_random_uuid(), 'user.verified', '{}')`, [webhookId]),
    updateDelivery: await outcome(c, "update app_public.webhook_deliveries set status = 'succeeded'"),
    deleteDelivery: await outcome(c, "delete from app_public.webhook_deliveries"),
    secrets: await outcome(c, "select 1 from app_private.webhook_secrets"),
    selectBulk: await outcome(c, "select 1 from app_public.bulk_notifications"),
    writeBulk: await outcome(c, "update app_public.bulk_notifications set status = 'canceled'"),
    insertBulk: await outcome(c, "insert into app_public.bulk_notifications (template_id) select id from app_public.notification_templates limit 1"),
    deleteBulk: await outcome(c, "delete from app_public.bulk_notifications"),
    deleteWebhook: await outcome(c, "delete from app_public.notification_webhooks"),
  }));
  const refusedWrites = { writeBulk: "42501", insertBulk: "42501", deleteBulk: "42501", insertWebhook: "42501", updateCounter: "42501", insertDelivery: "42501", updateDelivery: "42501",
    deleteDelivery: "42501", secrets: "42501" };
  t.deepEqual(await probe(anonymous), { ...refusedWrites, selectWebhooks: "42501", selectDeliveries: "42501", selectBulk: "42501",
    updateWebhook: "42501", deleteWebhook: "42501" });
  const hidden = { ...refusedWrites, selectWebhooks: 0, selectDeliveries: 0, selectBulk: 0, updateWebhook: 0, deleteWebhook: 0 };
  t.deepEqual(await probe(user(member)), hidden, "a user sees nothing");
  t.deepEqual(await probe(user(support)), hidden, "an admin without notifications.send sees nothing");
  t.deepEqual(await probe(user(admin)), { ...refusedWrites, selectWebhooks: 1, selectDeliveries: 1, selectBulk: 1, updateWebhook: 1,
    deleteWebhook: 1 }, "a holder reads, edits and deletes webhooks, and reads their deliveries");
});
