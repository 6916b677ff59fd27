// Outgoing text messages. With SMS_URL (required in production, see server/env.ts) each text is POSTed to the
// gateway; without it each text becomes a .txt file in SMS_DIR, so development and tests need no provider.
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { readEnv, type Env } from "../server/env.ts";

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

export type SmsEnv = Pick<Env, "smsUrl" | "smsToken" | "smsDir">;

const TIMEOUT_MS = 10_000;

export function createSmsSender(env: SmsEnv): SmsSender {
  if (env.smsUrl) {
    const url = env.smsUrl;
    return {
      async send(sms) {
        const response = await fetch(url, {
          method: "POST",
          headers: {
            "content-type": "application/json",
            "idempotency-key": sms.id,
            ...(env.smsToken ? { authorization: `Bearer ${env.smsToken}` } : {}),
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
      await mkdir(env.smsDir, { recursive: true });
      await writeFile(join(env.smsDir, `${new Date().toISOString()}-${sms.id}.txt`), `To: ${sms.to}\n\n${sms.body}\n`);
    },
  };
}

let shared: SmsSender | undefined;
/** The process-wide sender, built from the environment on first use. */
export function sharedSmsSender(): SmsSender {
  shared ??= createSmsSender(readEnv());
  return shared;
}
