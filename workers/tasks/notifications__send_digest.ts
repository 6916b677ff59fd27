// Sends a daily or weekly reader's digest (enqueued by app_private.enqueue_digest with payload { id: user id }, one
// job per user and send time): every due email notify held for the digest goes out as ONE email built from the
// `digest` template, in the reader's locale (docs/notifications.md, "Digests").
//
// One transaction around the whole run: app_private.digest_to_send claims the user's due rows (a per-user lock,
// then the rows), the mail is sent, and app_private.record_digest_attempt records the outcome for all of them
// before the commit. A second run at the same time waits for that commit and finds the rows sent. The outcome is
// SQL's, as for single emails: sent; a retry of the whole digest after 1, 5 and 30 minutes, then failed; one hard
// bounce.
//
// Escaping: each message is rendered with its own template as plain text (its email subject as the title, its
// in-app text as the line under it, or its email text when it has no in-app text), and these strings are handed to
// the digest template as data. The digest's HTML prints them with {{title}} and {{text}}, which Handlebars escapes
// once; no HTML rendered by one template is ever inserted into another, so there is no triple-stash and no way for
// a variable (a request title a user typed) to turn into markup.
import type { Task } from "graphile-worker";
import type { PoolClient } from "pg";
import { asHardBounce, HardBounceError } from "../mail.ts";
import { type Bodies, renderChannel, TemplateError } from "../notifications/render.ts";
import { type UnsubscribeLink, withUnsubscribeLinks } from "../notifications/unsubscribe.ts";
import { assertIdPayload } from "../payload.ts";
import type { TaskDeps } from "./index.ts";

interface DigestItem {
  id: string;
  category: string;
  template: string;
  declared: string[];
  variables: Record<string, unknown>;
  bodies: Bodies | null;
}

interface DigestToSend {
  ids: string[];
  email: string | null;
  first_name: string;
  weekly: boolean;
  digest: { declared: string[]; bodies: Bodies | null } | null;
  items: DigestItem[];
  unsubscribe: UnsubscribeLink[];
}

type Outcome = "sent" | "retry" | "failed" | "bounced";

export function makeNotificationsSendDigestTask({ mailer }: Pick<TaskDeps, "mailer">): Task {
  return async (payload, helpers) => {
    const { id: userId } = assertIdPayload("notifications__send_digest", payload);
    await helpers.withPgClient(async (client) => {
      await client.query("begin");
      try {
        await sendDigest(client, userId);
        await client.query("commit");
      } catch (error) {
        await client.query("rollback");
        throw error;
      }
    });

    async function sendDigest(client: PoolClient, user: string): Promise<void> {
      const record = async (ids: string[], outcome: Outcome, error: string | null, kept = {}) => {
        const { rows } = await client.query<{ status: string | null }>(
          "select app_private.record_digest_attempt($1, $2, $3, $4, $5) as status",
          [user, ids, outcome, error, JSON.stringify(kept)]
        );
        helpers.logger.info(`digest ${rows[0]?.status ?? "gone"}`, { userId: user, count: ids.length, outcome });
      };

      const { rows } = await client.query<{ digest: DigestToSend | null }>(
        "select app_private.digest_to_send($1) as digest",
        [user]
      );
      const digest = rows[0]?.digest;
      if (!digest) {
        helpers.logger.debug("no due digest rows (sent, not yet due, or being sent)", { userId: user });
        return;
      }
      if (!digest.email) return await record(digest.ids, "failed", "the user has no email address");
      if (!digest.digest?.bodies) return await record(digest.ids, "failed", "the digest template has no text");

      // Each message as plain text; one that does not render fails alone and is left out of the digest.
      const items: { id: string; title: string; text: string }[] = [];
      for (const item of digest.items) {
        try {
          const bodies = item.bodies ?? {};
          const email = renderChannel("email", bodies, item.variables, item.declared);
          if (!email) throw new TemplateError("it has no email text");
          const inApp = renderChannel("in_app", bodies, item.variables, item.declared);
          items.push({ id: item.id, title: email.title, text: inApp?.text ?? email.text });
        } catch (error) {
          if (!(error instanceof TemplateError)) throw error;
          await record([item.id], "failed", `template ${item.template}: ${error.message}`);
        }
      }
      if (items.length === 0) return;
      const ids = items.map((item) => item.id);

      let rendered: ReturnType<typeof renderChannel>;
      try {
        rendered = renderChannel(
          "email",
          digest.digest.bodies,
          {
            first_name: digest.first_name,
            count: items.length,
            weekly: digest.weekly,
            items: items.map(({ title, text }) => ({ title, text })),
          },
          digest.digest.declared
        );
      } catch (error) {
        if (!(error instanceof TemplateError)) throw error;
        return await record(ids, "failed", `template digest: ${error.message}`);
      }
      if (!rendered) return await record(ids, "failed", "the digest template has no email text");

      // Only the categories of the messages that made it into the email get a link.
      const categories = new Set(digest.items.filter((item) => ids.includes(item.id)).map((item) => item.category));
      try {
        await mailer.send(
          withUnsubscribeLinks(
            { id: ids[0]!, to: digest.email, subject: rendered.title, text: rendered.text, html: rendered.html },
            digest.unsubscribe.filter((link) => categories.has(link.category))
          )
        );
      } catch (error) {
        const bounce = error instanceof HardBounceError ? error : asHardBounce(error);
        if (bounce) return await record(ids, "bounced", bounce.message);
        return await record(ids, "retry", messageOf(error));
      }
      // Each row keeps its own title and line, as a single email's row keeps its subject and text.
      await record(ids, "sent", null, Object.fromEntries(items.map((i) => [i.id, { title: i.title, body: i.text }])));
    }
  };
}

function messageOf(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).slice(0, 2000);
}
