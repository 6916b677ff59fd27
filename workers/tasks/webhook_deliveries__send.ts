// Posts one webhook delivery (enqueued by app_hidden.emit_webhook_event or sendTestWebhook with payload { id }) to the
// partner's endpoint: the body and its X-P2P-Signature come from SQL (app_private.webhook_delivery_to_send; the
// secrets never leave the database), the call gives up after notifications.webhook_timeout_seconds, and the outcome
// goes back to SQL (app_private.record_webhook_attempt), which decides: succeeded on a 2xx, a retry after 1 min,
// 5 min, 30 min, 2 h and 12 h, then abandoned (and the webhook disabled after 20 abandoned in a row). Failures never
// throw: the schedule is SQL's, not graphile-worker's backoff. Redirects are not followed (a 3xx is a failure), and
// only public addresses are called (workers/notifications/public_http.ts).
import type { Task } from "graphile-worker";
import { NotPublicError, postToPublicEndpoint } from "../notifications/public_http.ts";
import { assertIdPayload } from "../payload.ts";

interface Request {
  url: string;
  body: string;
  event_id: string;
  signature: string;
  timeout_ms: number;
  allow_loopback: boolean;
}

export function makeWebhookDeliveriesSendTask(): Task {
  return async (payload, helpers) => {
    const { id } = assertIdPayload("webhook_deliveries__send", payload);
    const [{ request } = { request: null }] = await helpers.withPgClient(
      async (client) =>
        (
          await client.query<{ request: Request | null }>(
            "select app_private.webhook_delivery_to_send($1) as request",
            [id]
          )
        ).rows
    );
    if (!request) {
      helpers.logger.debug("webhook delivery is not due; nothing to send", { deliveryId: id });
      return;
    }

    let statusCode: number | null = null;
    let error: string | null = null;
    try {
      statusCode = await postToPublicEndpoint(request.url, {
        headers: {
          "content-type": "application/json",
          "user-agent": "P2P-Delivery-Webhooks/1",
          "x-p2p-event-id": request.event_id,
          "x-p2p-signature": request.signature,
        },
        body: request.body,
        timeoutMs: request.timeout_ms,
        allowLoopback: request.allow_loopback,
      });
      if (statusCode < 200 || statusCode > 299) error = `the endpoint answered ${statusCode}`;
    } catch (cause) {
      error =
        cause instanceof NotPublicError
          ? `refused: ${cause.message}`
          : cause instanceof Error && cause.name === "TimeoutError"
            ? `no answer within ${request.timeout_ms / 1000} s`
            : `the call failed: ${cause instanceof Error ? cause.message : String(cause)}`.slice(0, 2000);
    }
    const [row] = await helpers.withPgClient(
      async (client) =>
        (
          await client.query<{ status: string | null }>(
            "select app_private.record_webhook_attempt($1, $2, $3) as status",
            [id, statusCode, error]
          )
        ).rows
    );
    helpers.logger.info(`webhook delivery ${row?.status ?? "gone"}`, { deliveryId: id, statusCode });
  };
}
