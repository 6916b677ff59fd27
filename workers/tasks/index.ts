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
import { makeDeliveriesCancelUnpaidTask } from "./deliveries__cancel_unpaid.ts";
import { makeEmailsSendTask } from "./emails__send.ts";
import { makeFilesExpireUploadsTask } from "./files__expire_uploads.ts";
import { makeFilesProcessUploadTask } from "./files__process_upload.ts";
import { makeFilesRemoveObjectsTask } from "./files__remove_objects.ts";
import { makeMaintenanceCleanupExpiredDataTask } from "./maintenance__cleanup_expired_data.ts";
import { makeMatchingRecordCandidatesTask } from "./matching__record_candidates.ts";
import { makeNotificationsCreatePartitionsTask } from "./notifications__create_partitions.ts";
import { makeNotificationsSendTask } from "./notifications__send.ts";
import { makeOffersExpireTask } from "./offers__expire.ts";
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
}

export function makeTaskList(deps: TaskDeps): TaskList {
  return {
    api_request_budgets__prune: makeApiRequestBudgetsPruneTask(),
    deliveries__cancel_unpaid: makeDeliveriesCancelUnpaidTask(),
    emails__send: makeEmailsSendTask(deps),
    files__expire_uploads: makeFilesExpireUploadsTask(deps),
    files__process_upload: makeFilesProcessUploadTask(deps),
    files__remove_objects: makeFilesRemoveObjectsTask(deps),
    maintenance__cleanup_expired_data: makeMaintenanceCleanupExpiredDataTask(),
    matching__record_candidates: makeMatchingRecordCandidatesTask(),
    notifications__create_partitions: makeNotificationsCreatePartitionsTask(),
    notifications__send: makeNotificationsSendTask(deps),
    offers__expire: makeOffersExpireTask(),
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
  };
}
