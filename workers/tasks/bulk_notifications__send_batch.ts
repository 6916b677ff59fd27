// One batch of a bulk send (enqueued by sendBulkNotification and by the previous batch, payload { id }): SQL notifies
// the next batch of targeted users, counts them and enqueues the next batch (app_private.send_bulk_notification_batch).
// Each batch is its own short job, so other jobs run between the batches of even the largest send.
import type { Task } from "graphile-worker";
import { assertIdPayload } from "../payload.ts";

export function makeBulkNotificationsSendBatchTask(): Task {
  return async (payload, helpers) => {
    const { id } = assertIdPayload("bulk_notifications__send_batch", payload);
    const [row] = await helpers.withPgClient(
      async (client) =>
        (
          await client.query<{ status: string | null }>(
            "select app_private.send_bulk_notification_batch($1) as status",
            [id]
          )
        ).rows
    );
    helpers.logger.info(`bulk notification ${row?.status ?? "not due"}`, { bulkNotificationId: id });
  };
}
