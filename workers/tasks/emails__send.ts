// Delivers one row of app_private.emails (enqueued by its insert trigger with payload { id }) and records the
// outcome in SQL, which decides between sent, queued-for-retry and failed. An email of a token kind (verification,
// password reset) gets its single-use token minted here, at sending time: only its hash is stored, and the token
// itself exists only in the message, where the body says {{token}}.
import type { Task } from "graphile-worker";
import { assertIdPayload } from "../payload.ts";
import type { TaskDeps } from "./index.ts";

interface QueuedEmail {
  recipient: string;
  subject: string;
  body: string;
  kind: "plain" | "verify_email" | "password_reset";
}

export function makeEmailsSendTask({ mailer }: Pick<TaskDeps, "mailer">): Task {
  return async (payload, helpers) => {
    const { id } = assertIdPayload("emails__send", payload);
    // At least once: a repeated job finds the email already sent (or gone) and has nothing to do.
    const email = await helpers.withPgClient(
      async (client) =>
        (
          await client.query<QueuedEmail>(
            "select recipient, subject, body, kind from app_private.emails where id = $1 and status = 'queued'",
            [id]
          )
        ).rows[0]
    );
    if (!email) {
      helpers.logger.debug("email is no longer queued; nothing to send", { emailId: id });
      return;
    }
    let text = email.body;
    if (email.kind !== "plain") {
      const token = await helpers.withPgClient(
        async (client) =>
          (await client.query<{ token: string | null }>("select app_private.issue_email_token($1) as token", [id]))
            .rows[0]!.token
      );
      if (!token) throw new Error(`no token could be issued for email ${id}`);
      text = text.replaceAll("{{token}}", token);
    }

    let failure: { error: unknown } | undefined;
    try {
      await mailer.send({ id, to: email.recipient, subject: email.subject, text });
    } catch (error) {
      failure = { error };
    }

    const finalAttempt = helpers.job.attempts >= helpers.job.max_attempts;
    const lastError = failure ? messageOf(failure.error) : null;
    await helpers.withPgClient((client) =>
      client.query("select app_private.record_email_attempt($1, $2, $3)", [id, lastError, finalAttempt])
    );
    if (failure) throw failure.error; // graphile-worker retries with backoff until max_attempts
    helpers.logger.info("email sent", { emailId: id });
  };
}

function messageOf(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).slice(0, 2000);
}
