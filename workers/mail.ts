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
  /** The HTML alternative (notifications' templates render both). */
  html?: string;
}

/**
 * The receiving server refused the address for good (an SMTP 5xx reply to RCPT TO: no such mailbox). Retrying is
 * pointless; the notifications task counts it as a hard bounce.
 */
export class HardBounceError extends Error {
  readonly responseCode: number;
  constructor(message: string, responseCode: number) {
    super(message);
    this.name = "HardBounceError";
    this.responseCode = responseCode;
  }
}

/** A rejection of the envelope with a permanent (5xx) SMTP code is a hard bounce; anything else may be retried. */
export function asHardBounce(error: unknown): HardBounceError | undefined {
  const { responseCode, code, message } = (error ?? {}) as {
    responseCode?: unknown;
    code?: unknown;
    message?: unknown;
  };
  if (typeof responseCode === "number" && responseCode >= 500 && responseCode < 600 && code === "EENVELOPE") {
    return new HardBounceError(String(message), responseCode);
  }
  return undefined;
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
    ...(email.html === undefined ? {} : { html: email.html }),
    // A duplicate delivery (the task runs at least once) carries the same Message-ID, so it can be recognised.
    messageId: `<${email.id}@${domainOf(config.from)}>`,
  });

  if (config.smtpUrl) {
    const transport = nodemailer.createTransport(config.smtpUrl);
    return {
      async send(email) {
        const info = await transport.sendMail(compose(email)).catch((error: unknown) => {
          throw asHardBounce(error) ?? error;
        });
        // nodemailer resolves when at least one recipient was accepted; with one recipient, any rejection is a failure.
        if (info.rejected.length > 0) {
          throw new HardBounceError(`SMTP server rejected the recipient: ${info.response}`, 550);
        }
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
