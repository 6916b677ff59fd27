// Sends one notification row (enqueued by app_hidden.notify with payload { id }): renders its
// template in the user's locale (workers/notifications/render.ts), mints the secret a security email needs (only
// its hash is stored), hands the message to its channel — in-app (the row itself), email (the mailer), SMS (the
// gateway), push (the push provider, to every active token) — and reports the outcome to SQL
// (app_private.record_notification_attempt), which decides: sent; a retry after 1, 5 and 30 minutes
// (notifications.retry_minutes, a new job) then failed; bounced for a hard email bounce. Provider failures never
// throw: the retry schedule is SQL's, not graphile-worker's backoff.
import type { Task } from "graphile-worker";
import { asHardBounce, HardBounceError } from "../mail.ts";
import { type Bodies, renderChannel, TemplateError } from "../notifications/render.ts";
import { withUnsubscribeLinks } from "../notifications/unsubscribe.ts";
import { assertIdPayload } from "../payload.ts";
import { UnregisteredTokenError } from "../push.ts";
import type { TaskDeps } from "./index.ts";

interface ToSend {
  id: string;
  channel: "push" | "email" | "sms" | "in_app";
  category: string;
  template: string;
  secret: "none" | "verify_email" | "password_reset";
  declared: string[];
  variables: Record<string, unknown>;
  bodies: Bodies;
  email: string | null;
  phone: string | null;
  push_tokens: { token: string; platform: string }[];
}

type Outcome = "sent" | "retry" | "failed" | "bounced" | "cancelled";

/** A queued row that can no longer be sent: switched off by the user meanwhile, or nothing to send it with. */
interface Skip {
  id: string;
  skip: string;
  outcome: "cancelled" | "failed";
}

export function makeNotificationsSendTask({
  mailer,
  smsSender,
  pushSender,
}: Pick<TaskDeps, "mailer" | "smsSender" | "pushSender">): Task {
  return async (payload, helpers) => {
    const { id } = assertIdPayload("notifications__send", payload);
    const query = <R>(sql: string, values: unknown[]) =>
      helpers.withPgClient(async (client) => (await client.query(sql, values)).rows as R[]);
    const record = async (outcome: Outcome, error: string | null, title?: string, body?: string) => {
      const [row] = await query<{ status: string | null }>(
        "select app_private.record_notification_attempt($1, $2, $3, $4, $5) as status",
        [id, outcome, error, title ?? null, body ?? null]
      );
      helpers.logger.info(`notification ${row?.status ?? "gone"}`, { notificationId: id, outcome });
    };

    // At least once: a repeated job finds the row sent, not yet due (a retry is scheduled) or gone.
    const [{ message: answer } = { message: null }] = await query<{ message: ToSend | Skip | null }>(
      "select app_private.notification_to_send($1) as message",
      [id]
    );
    if (!answer) {
      helpers.logger.debug("notification is not queued or not due; nothing to send", { notificationId: id });
      return;
    }
    if ("skip" in answer) return await record(answer.outcome, answer.skip);
    const message = answer;

    const variables = { ...message.variables };
    if (message.secret !== "none") {
      const [{ token } = { token: null }] = await query<{ token: string | null }>(
        "select app_private.issue_notification_token($1) as token",
        [id]
      );
      if (!token) return await record("failed", "no token could be issued");
      variables.token = token;
    }

    let rendered: ReturnType<typeof renderChannel>;
    try {
      rendered = renderChannel(message.channel, message.bodies, variables, message.declared);
    } catch (error) {
      if (error instanceof TemplateError)
        return await record("failed", `template ${message.template}: ${error.message}`);
      throw error;
    }
    if (!rendered) return await record("failed", `template ${message.template} has no ${message.channel} text`);
    // What the row keeps: never the secret (a token template's text is not stored).
    const keep = message.secret === "none" ? rendered : { title: rendered.title, text: undefined };

    try {
      switch (message.channel) {
        case "in_app":
          break;
        case "email":
          if (!message.email) return await record("failed", "the user has no email address");
          {
            // Every email outside the security category ends with its signed unsubscribe link (sent, not kept).
            const [{ link } = { link: null }] = await query<{ link: string | null }>(
              "select app_private.email_unsubscribe_link($1) as link",
              [id]
            );
            await mailer.send(
              withUnsubscribeLinks(
                { id, to: message.email, subject: rendered.title, text: rendered.text, html: rendered.html },
                link ? [{ category: message.category, link }] : []
              )
            );
          }
          break;
        case "sms":
          if (!message.phone) return await record("failed", "the user has no phone number");
          await smsSender.send({ id, to: message.phone, body: rendered.text });
          break;
        case "push": {
          const unregistered: string[] = [];
          const failures: unknown[] = [];
          let delivered = 0;
          for (const [index, device] of message.push_tokens.entries()) {
            try {
              await pushSender.send({
                id: `${id}-${index}`,
                token: device.token,
                platform: device.platform,
                title: rendered.title,
                body: rendered.text,
                data: { notificationId: id, category: message.category },
              });
              delivered += 1;
            } catch (error) {
              if (error instanceof UnregisteredTokenError) unregistered.push(device.token);
              else failures.push(error);
            }
          }
          if (unregistered.length > 0) {
            await query("select app_private.deactivate_device_tokens($1)", [unregistered]);
            helpers.logger.info("push tokens deactivated", { notificationId: id, count: unregistered.length });
          }
          if (delivered === 0 && failures.length === 0) return await record("failed", "no registered device");
          if (delivered === 0) throw failures[0];
          break;
        }
      }
    } catch (error) {
      const bounce = error instanceof HardBounceError ? error : asHardBounce(error);
      if (bounce) return await record("bounced", bounce.message);
      return await record("retry", messageOf(error));
    }
    await record("sent", null, keep.title, keep.text);
  };
}

function messageOf(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).slice(0, 2000);
}
