// Notifications as tests see them: the rows app_hidden.notify wrote for a user (or an address), with their
// template's name, one per channel; and their text as the sending task renders it.
import { type Bodies, type Rendered, renderChannel } from "../../workers/notifications/render.ts";
import { queryAsRoot, type TestDatabase } from "./database.ts";

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

/**
 * A queued notification as the sending task would render it: app_private.notification_to_send (the template's bodies in
 * the recipient's locale, English otherwise) through the worker's renderer. Undefined when the row is not due.
 */
export async function renderedNotification(db: TestDatabase, notificationId: string): Promise<Rendered | undefined> {
  const [row] = await queryAsRoot<{ n: { channel: string; bodies: Bodies; variables: Record<string, unknown>; declared: string[] } | null }>(
    db, "select app_private.notification_to_send($1) as n", [notificationId]);
  if (!row?.n) return undefined;
  return renderChannel(row.n.channel, row.n.bodies, row.n.variables, row.n.declared);
}
