// Delivers one row of app_private.emails (enqueued by its insert trigger with payload { id }) and records the
// outcome in SQL, which decides between sent, queued-for-retry and failed.
import type { Task } from "graphile-worker";
import { sharedMailer, type Mailer } from "../mail.ts";

interface Payload {
  id: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

// Jobs are enqueued from SQL, so nothing but this check stands between a malformed payload and the query.
function assertPayload(payload: unknown): asserts payload is Payload {
  if (typeof payload !== "object" || payload === null || !("id" in payload)
      || typeof payload.id !== "string" || !UUID.test(payload.id)) {
    throw new Error(`emails__send expects the payload { id: uuid }, got ${JSON.stringify(payload)}`);
  }
}

interface QueuedEmail {
  recipient: string;
  subject: string;
  body: string;
}

/** The task over a given mailer; production uses the default export, built on the process-wide mailer. */
export function makeEmailsSendTask(getMailer: () => Mailer): Task {
  return async (payload, helpers) => {
    assertPayload(payload);
    const { id } = payload;
    // At least once: a repeated job finds the email already sent (or gone) and has nothing to do.
    const email = await helpers.withPgClient(async (client) => (await client.query<QueuedEmail>(
      "select recipient, subject, body from app_private.emails where id = $1 and status = 'queued'", [id])).rows[0]);
    if (!email) {
      helpers.logger.debug("email is no longer queued; nothing to send", { emailId: id });
      return;
    }

    // Outside the try: a configuration error is not a delivery attempt of this email.
    const mailer = getMailer();
    let failure: { error: unknown } | undefined;
    try {
      await mailer.send({ id, to: email.recipient, subject: email.subject, text: email.body });
    } catch (error) {
      failure = { error };
    }

    const finalAttempt = helpers.job.attempts >= helpers.job.max_attempts;
    const lastError = failure ? messageOf(failure.error) : null;
    await helpers.withPgClient((client) =>
      client.query("select app_private.record_email_attempt($1, $2, $3)", [id, lastError, finalAttempt]));
    if (failure) throw failure.error; // graphile-worker retries with backoff until max_attempts
    helpers.logger.info("email sent", { emailId: id });
  };
}

function messageOf(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).slice(0, 2000);
}

export default makeEmailsSendTask(sharedMailer);
