// Notifications as tests see them: the rows app_hidden.notify wrote for a user (or an address), with their
// template's name, one per channel; and their text as the sending task renders it.
import { type Bodies, type Rendered, renderChannel } from "../../workers/notifications/render.ts";
import { asRoot, queryAsRoot, type TestDatabase } from "./database.ts";

export interface NotificationRow {
  id: string;
  template: string;
  channel: "push" | "email" | "sms" | "in_app";
  status: string;
  variables: Record<string, unknown>;
  title: string | null;
  body: string | null;
}

/** The notifications of a user (by id, or by email address), oldest first; optionally one template, one channel. */
export async function notificationsTo(db: TestDatabase, who: { userId: string } | { email: string },
                                      filter: { template?: string; channel?: string } = {}): Promise<NotificationRow[]> {
  return queryAsRoot<NotificationRow>(db, `
    select n.id, t.name as template, n.channel::text, n.status::text, n.variables, n.title, n.body
      from app_public.notifications n
      join app_public.notification_templates t on t.id = n.template_id
      join app_public.user_contacts c on c.user_id = n.user_id
     where (c.user_id = $1::uuid or c.email = $2::citext) and ($3::text is null or t.name = $3)
       and ($4::text is null or n.channel::text = $4)
     order by n.created_at, n.channel`,
    ["userId" in who ? who.userId : null, "email" in who ? who.email : null, filter.template ?? null, filter.channel ?? null]);
}

/** The rows of a template, to anyone, whose variables include the given ones (staff alerts about one case), oldest first. */
export async function notificationsOf(db: TestDatabase, template: string, variables: Record<string, unknown> = {},
                                      channel = "email"): Promise<(NotificationRow & { user_id: string })[]> {
  return queryAsRoot(db, `
    select n.id, n.user_id, t.name as template, n.channel::text, n.status::text, n.variables, n.title, n.body
      from app_public.notifications n join app_public.notification_templates t on t.id = n.template_id
     where t.name = $1 and n.variables @> $2::jsonb and n.channel::text = $3
     order by n.created_at, n.user_id`, [template, JSON.stringify(variables), channel]);
}

/**
 * A notification as the sending task renders it: app_private.notification_to_send (the template's bodies in the
 * recipient's locale, English otherwise) through the worker's renderer. With `locale`, as if the recipient had chosen
 * it. Both run in a transaction that is rolled back (the row made due again, the preference changed).
 */
export async function renderedNotification(db: TestDatabase, notificationId: string,
                                           options: { locale?: string } = {}): Promise<Rendered | undefined> {
  type Row = { n: { channel: string; bodies: Bodies; variables: Record<string, unknown>; declared: string[] } | null };
  const n = await asRoot(db, async (c) => {
    await c.query("begin");
    try {
      // A row the worker already sent renders the same: it is made due again inside the transaction.
      await c.query("update app_public.notifications set status = 'queued', scheduled_at = now() where id = $1", [notificationId]);
      if (options.locale) {
        await c.query(`update app_public.notification_preferences p set locale = $2
                          from app_public.notifications n where n.id = $1 and p.user_id = n.user_id`,
          [notificationId, options.locale]);
      }
      return (await c.query<Row>("select app_private.notification_to_send($1) as n", [notificationId])).rows[0]?.n;
    } finally {
      await c.query("rollback");
    }
  });
  return n ? renderChannel(n.channel, n.bodies, n.variables, n.declared) : undefined;
}
