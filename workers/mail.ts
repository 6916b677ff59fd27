// Outgoing mail. With SMTP_URL (required in production, see server/env.ts) messages go to that SMTP server;
// without it each message becomes an .eml file in MAIL_DIR, so development and tests need no mail server
// (`npm run -s dev:mail` shows them).
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import nodemailer from "nodemailer";
import { readEnv, type Env } from "../server/env.ts";

export interface OutgoingEmail {
  /** app_private.emails.id: names the .eml file and makes the Message-ID stable across retries. */
  id: string;
  to: string;
  subject: string;
  text: string;
}

export interface Mailer {
  /** Resolves once the message is accepted (SMTP) or written (file); rejects otherwise. */
  send(email: OutgoingEmail): Promise<void>;
}

export type MailEnv = Pick<Env, "smtpUrl" | "mailFrom" | "mailDir">;

export function createMailer(env: MailEnv): Mailer {
  const compose = (email: OutgoingEmail) => ({
    from: env.mailFrom,
    to: email.to,
    subject: email.subject,
    text: email.text,
    // A duplicate delivery (the task runs at least once) carries the same Message-ID, so it can be recognised.
    messageId: `<${email.id}@${domainOf(env.mailFrom)}>`,
  });

  if (env.smtpUrl) {
    const transport = nodemailer.createTransport(env.smtpUrl);
    return {
      async send(email) {
        const info = await transport.sendMail(compose(email));
        // nodemailer resolves when at least one recipient was accepted; with one recipient, any rejection is a failure.
        if (info.rejected.length > 0) throw new Error(`SMTP server rejected the recipient: ${info.response}`);
      },
    };
  }

  const transport = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: "unix" });
  return {
    async send(email) {
      const info = await transport.sendMail(compose(email));
      if (!Buffer.isBuffer(info.message)) throw new Error("nodemailer did not buffer the message");
      // Recreated on every send: the directory may have been cleared while the worker kept running.
      await mkdir(env.mailDir, { recursive: true });
      // The ISO timestamp first, so that file names sort oldest to newest.
      await writeFile(join(env.mailDir, `${new Date().toISOString()}-${email.id}.eml`), info.message);
    },
  };
}

function domainOf(address: string): string {
  return /@([^\s@<>]+)>?\s*$/.exec(address)?.[1] ?? "localhost";
}

let shared: Mailer | undefined;

/**
 * The mailer of this process, built from the environment on first use. graphile-worker imports task files itself,
 * so tasks cannot be handed the Env that workers/main.ts validated at boot; reading it again here yields the same
 * values, and doing so lazily lets tests set SMTP_URL / MAIL_DIR before the first job runs.
 */
export function sharedMailer(): Mailer {
  shared ??= createMailer(readEnv());
  return shared;
}
