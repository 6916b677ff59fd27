// Outgoing text messages. With SMS_URL (required in production, see lib/config.ts) each text is POSTed to the
// gateway; without it each text becomes a .txt file in SMS_DIR, so development and tests need no provider.
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { SmsConfig } from "../lib/config.ts";

export interface OutgoingSms {
  /** Stable across retries of one message: the gateway's idempotency key and the file name. */
  id: string;
  to: string;
  body: string;
}

export interface SmsSender {
  /** Resolves once the gateway accepted the text (or the file is written); rejects otherwise. */
  send(sms: OutgoingSms): Promise<void>;
}

const TIMEOUT_MS = 10_000;

export function createSmsSender(config: SmsConfig): SmsSender {
  if (config.url) {
    const url = config.url;
    return {
      async send(sms) {
        const response = await fetch(url, {
          method: "POST",
          headers: {
            "content-type": "application/json",
            "idempotency-key": sms.id,
            ...(config.token ? { authorization: `Bearer ${config.token}` } : {}),
          },
          body: JSON.stringify({ to: sms.to, body: sms.body }),
          signal: AbortSignal.timeout(TIMEOUT_MS),
        });
        if (!response.ok) {
          throw new Error(`SMS gateway answered ${response.status}: ${(await response.text()).slice(0, 200)}`);
        }
      },
    };
  }
  return {
    async send(sms) {
      await mkdir(config.dir, { recursive: true });
      await writeFile(join(config.dir, `${new Date().toISOString()}-${sms.id}.txt`), `To: ${sms.to}\n\n${sms.body}\n`);
    },
  };
}
