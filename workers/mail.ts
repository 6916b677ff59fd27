// Outgoing mail. With SMTP_URL (required in production, see lib/config.ts) messages go to that SMTP server;
// without it each message becomes an .eml file in MAIL_DIR, so development and tests need no mail server
// (`npm run -s dev:mail` shows them).
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import nodemailer from "nodemailer";
import type { MailConfig } from "../lib/config.ts";

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

export function createMailer(config: MailConfig): Mailer {
  const compose = (email: OutgoingEmail) => ({
    from: config.from,
    to: email.to,
    subject: email.subject,
    text: email.text,
    // A duplicate delivery (the task runs at least once) carries the same Message-ID, so it can be recognised.
    messageId: `<${email.id}@${domainOf(config.from)}>`,
  });

  if (config.smtpUrl) {
    const transport = nodemailer.createTransport(config.smtpUrl);
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
      await mkdir(config.dir, { recursive: true });
      // The ISO timestamp first, so that file names sort oldest to newest.
      await writeFile(join(config.dir, `${new Date().toISOString()}-${email.id}.eml`), info.message);
    },
  };
}

function domainOf(address: string): string {
  return /@([^\s@<>]+)>?\s*$/.exec(address)?.[1] ?? "localhost";
}
