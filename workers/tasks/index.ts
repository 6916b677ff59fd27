// Every task the worker runs, under the identifier SQL enqueues it by (graphile_worker.add_job('<identifier>', …))
// and workers/crontab schedules it by. One file per task, workers/tasks/<table>__<verb>.ts, exporting a factory
// that takes the dependencies it needs; workers/index.ts creates those once and builds this list.
//
// Adding a task: write its file with `export function make<Table><Verb>Task(deps)`, add one line below (the key
// is the file name), and, when it is scheduled, a line in workers/crontab. test/workers/tasks.test.ts fails when
// a file is missing here or a crontab line names no task of this list.
import type { TaskList } from "graphile-worker";
import type { MalwareScanner } from "../../lib/files/malware.ts";
import type { FileStorage } from "../../lib/storage.ts";
import type { Stripe } from "../../lib/stripe.ts";
import type { Mailer } from "../mail.ts";
import type { PushSender } from "../push.ts";
import type { SmsSender } from "../sms.ts";
import type { WeatherProvider } from "../weather/provider.ts";
import { makeApiRequestBudgetsPruneTask } from "./api_request_budgets__prune.ts";
import { makeBackupsCreateTask } from "./backups__create.ts";
import { makeBackupsRestoreDrillTask } from "./backups__restore_drill.ts";
import { makeBulkNotificationsSendBatchTask } from "./bulk_notifications__send_batch.ts";
import { makeDeliveriesCancelUnpaidTask } from "./deliveries__cancel_unpaid.ts";
import { makeEmailsSendTask } from "./emails__send.ts";
import { makeExportsCreateTask } from "./exports__create.ts";
import { makeFilesExpireUploadsTask } from "./files__expire_uploads.ts";
import { makeFilesProcessUploadTask } from "./files__process_upload.ts";
import { makeFilesRemoveObjectsTask } from "./files__remove_objects.ts";
import { makeMaintenanceCleanupExpiredDataTask } from "./maintenance__cleanup_expired_data.ts";
import { makeMatchingRecordCandidatesTask } from "./matching__record_candidates.ts";
import { makeMetricsDailyTask } from "./metrics__daily.ts";
import { makeMetricsPopularRoutesTask } from "./metrics__popular_routes.ts";
import { makeNotificationsCreatePartitionsTask } from "./notifications__create_partitions.ts";
import { makeNotificationsRequeueStrandedTask } from "./notifications__requeue_stranded.ts";
import { makeNotificationsSendTask } from "./notifications__send.ts";
import { makeNotificationsSendDigestTask } from "./notifications__send_digest.ts";
import { makeOffersExpireTask } from "./offers__expire.ts";
import { makeOperationsRemoveFilesTask } from "./operations__remove_files.ts";
import { makePaymentsCancelTask } from "./payments__cancel.ts";
import { makePaymentsCaptureTask } from "./payments__capture.ts";
import { makePaymentsCaptureEarlyTask } from "./payments__capture_early.ts";
import { makePaymentsCreateIntentTask } from "./payments__create_intent.ts";
import { makePaymentsHoldTask } from "./payments__hold.ts";
import { makePaymentsReconcileTask } from "./payments__reconcile.ts";
import { makePaymentsRefundTask } from "./payments__refund.ts";
import { makePaymentsReleaseTask } from "./payments__release.ts";
import { makePaymentsReleaseManualTask } from "./payments__release_manual.ts";
import { makePayoutsCreateTask } from "./payouts__create.ts";
import { makePayoutsOnboardTask } from "./payouts__onboard.ts";
import { makePayoutsRemindTask } from "./payouts__remind.ts";
import { makePayoutsScheduleTask } from "./payouts__schedule.ts";
import { makeQrRotateSigningKeysTask } from "./qr__rotate_signing_keys.ts";
import { makeRoutesComputeTask } from "./routes__compute.ts";
import { makeSmsSendPhoneCodeTask } from "./sms__send_phone_code.ts";
import { makeStripeProcessEventTask } from "./stripe__process_event.ts";
import { makeTrackingCreatePartitionsTask } from "./tracking__create_partitions.ts";
import { makeTripsAutoCompleteTask } from "./trips__auto_complete.ts";
import { makeTripsMaterialiseRecurringTask } from "./trips__materialise_recurring.ts";
import { makeTripsRefreshWeatherTask } from "./trips__refresh_weather.ts";
import { makeUsersEndSuspensionsTask } from "./users__end_suspensions.ts";
import { makeWebhookDeliveriesSendTask } from "./webhook_deliveries__send.ts";

/** What tasks need from outside the database; each factory takes only its part (`Pick<TaskDeps, …>`). */
export interface TaskDeps {
  mailer: Mailer;
  smsSender: SmsSender;
  pushSender: PushSender;
  weather: WeatherProvider;
  storage: FileStorage;
  /** None when CLAMAV_URL is unset: uploads are not scanned. */
  scanner: MalwareScanner | undefined;
  /** The official Stripe SDK: Stripe's API with a key, the fake on loopback without one (lib/stripe.ts). */
  stripe: Stripe;
  /** Backups and exports (docs/operations.md): their directories, pg_dump's, and the connections they use. */
  operations: OperationsDeps;
}

export interface OperationsDeps {
  backupDir: string;
  exportDir: string;
  pgBin: string;
  /** The owner's direct connection, which pg_dump reads the database through. */
  databaseUrl: string;
  /** A role that may create databases and extensions (ROOT_DATABASE_URL): the restore drill's scratch database. */
  rootUrl: string | undefined;
}

export function makeTaskList(deps: TaskDeps): TaskList {
  return {
    api_request_budgets__prune: makeApiRequestBudgetsPruneTask(),
    backups__create: makeBackupsCreateTask(deps),
    backups__restore_drill: makeBackupsRestoreDrillTask(deps),
    bulk_notifications__send_batch: makeBulkNotificationsSendBatchTask(),
    deliveries__cancel_unpaid: makeDeliveriesCancelUnpaidTask(),
    emails__send: makeEmailsSendTask(deps),
    exports__create: makeExportsCreateTask(deps),
    files__expire_uploads: makeFilesExpireUploadsTask(deps),
    files__process_upload: makeFilesProcessUploadTask(deps),
    files__remove_objects: makeFilesRemoveObjectsTask(deps),
    maintenance__cleanup_expired_data: makeMaintenanceCleanupExpiredDataTask(),
    matching__record_candidates: makeMatchingRecordCandidatesTask(),
    metrics__daily: makeMetricsDailyTask(),
    metrics__popular_routes: makeMetricsPopularRoutesTask(),
    notifications__create_partitions: makeNotificationsCreatePartitionsTask(),
    notifications__requeue_stranded: makeNotificationsRequeueStrandedTask(),
    notifications__send: makeNotificationsSendTask(deps),
    notifications__send_digest: makeNotificationsSendDigestTask(deps),
    offers__expire: makeOffersExpireTask(),
    operations__remove_files: makeOperationsRemoveFilesTask(deps),
    payments__cancel: makePaymentsCancelTask(deps),
    payments__capture: makePaymentsCaptureTask(deps),
    payments__capture_early: makePaymentsCaptureEarlyTask(),
    payments__create_intent: makePaymentsCreateIntentTask(deps),
    payments__hold: makePaymentsHoldTask(),
    payments__reconcile: makePaymentsReconcileTask(deps),
    payments__refund: makePaymentsRefundTask(deps),
    payments__release: makePaymentsReleaseTask(deps),
    payments__release_manual: makePaymentsReleaseManualTask(deps),
    payouts__create: makePayoutsCreateTask(deps),
    payouts__onboard: makePayoutsOnboardTask(deps),
    payouts__remind: makePayoutsRemindTask(),
    payouts__schedule: makePayoutsScheduleTask(),
    qr__rotate_signing_keys: makeQrRotateSigningKeysTask(),
    routes__compute: makeRoutesComputeTask(),
    sms__send_phone_code: makeSmsSendPhoneCodeTask(deps),
    stripe__process_event: makeStripeProcessEventTask(deps),
    tracking__create_partitions: makeTrackingCreatePartitionsTask(),
    trips__auto_complete: makeTripsAutoCompleteTask(),
    trips__materialise_recurring: makeTripsMaterialiseRecurringTask(),
    trips__refresh_weather: makeTripsRefreshWeatherTask(deps),
    users__end_suspensions: makeUsersEndSuspensionsTask(),
    webhook_deliveries__send: makeWebhookDeliveriesSendTask(),
  };
}
