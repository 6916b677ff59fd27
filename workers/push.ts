// Outgoing push notifications. A provider interface with two implementations: HTTP (PUSH_URL: each push is POSTed
// as JSON to a push gateway, e.g. one in front of APNs/FCM) and, without PUSH_URL outside production, a development
// sink writing each push as a .json file into PUSH_DIR. The provider tells apart a token it no longer knows (404 or
// 410: the device uninstalled the app), which the notifications task deactivates, from a failure worth retrying.
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { PushConfig } from "../lib/config.ts";

export interface OutgoingPush {
  /** Stable across retries of one notification and token: the provider's idempotency key and the file name. */
  id: string;
  token: string;
  platform: string;
  title: string;
  body: string;
  data: Record<string, string>;
}

/** The provider no longer knows the token: it must not be used again. */
export class UnregisteredTokenError extends Error {
  readonly token: string;
  constructor(token: string, message: string) {
    super(message);
    this.name = "UnregisteredTokenError";
    this.token = token;
  }
}

export interface PushSender {
  /** Resolves once the provider accepted the push; rejects with UnregisteredTokenError or any other error. */
  send(push: OutgoingPush): Promise<void>;
}

const TIMEOUT_MS = 10_000;

export function createPushSender(config: PushConfig): PushSender {
  if (config.url) {
    const url = config.url;
    return {
      async send(push) {
        const response = await fetch(url, {
          method: "POST",
          headers: {
            "content-type": "application/json",
            "idempotency-key": push.id,
            ...(config.token ? { authorization: `Bearer ${config.token}` } : {}),
          },
          body: JSON.stringify({
            token: push.token,
            platform: push.platform,
            title: push.title,
            body: push.body,
            data: push.data,
          }),
          signal: AbortSignal.timeout(TIMEOUT_MS),
        });
        if (response.status === 404 || response.status === 410) {
          throw new UnregisteredTokenError(push.token, `push provider answered ${response.status}: token unregistered`);
        }
        if (!response.ok) {
          throw new Error(`push provider answered ${response.status}: ${(await response.text()).slice(0, 200)}`);
        }
      },
    };
  }
  const dir = config.dir;
  return {
    async send(push) {
      if (!dir) throw new Error("no push provider is configured (PUSH_URL)");
      await mkdir(dir, { recursive: true });
      await writeFile(join(dir, `${new Date().toISOString()}-${push.id}.json`), `${JSON.stringify(push, null, 2)}\n`);
    },
  };
}
