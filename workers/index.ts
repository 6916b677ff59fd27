// The worker's one entry point: `npm start` (server/main.ts) and `npm run worker` (workers/main.ts) both start it
// here. The tasks' dependencies are created once, from the configuration, and handed to the task factories.
import { EventEmitter } from "node:events";
import { readFileSync } from "node:fs";
import { type ParsedCronItem, parseCrontab, type Runner, run, type TaskList, type WorkerEvents } from "graphile-worker";
import type { Config } from "../lib/config.ts";
import { ClamdScanner } from "../lib/files/malware.ts";
import { storageFromConfig } from "../lib/storage.ts";
import { createStripeClient } from "../lib/stripe.ts";
import type { Logger } from "../lib/log.ts";
import { startHeartbeat } from "./heartbeat.ts";
import { makeWorkerLogger } from "./logger.ts";
import { createMailer } from "./mail.ts";
import { createPushSender } from "./push.ts";
import { createSmsSender } from "./sms.ts";
import { makeTaskList, type TaskDeps } from "./tasks/index.ts";
import { createWeatherProvider } from "./weather/index.ts";

export const CRONTAB_FILE = new URL("crontab", import.meta.url);

/** The real mailer, SMS and push senders, weather provider, file storage, malware scanner, Stripe client and operations directories of this configuration. */
export function makeTaskDeps(
  config: Pick<Config, "mail" | "sms" | "push" | "weather" | "files" | "stripe" | "operations" | "database">
): TaskDeps {
  return {
    operations: {
      backupDir: config.operations.backupDir,
      exportDir: config.operations.exportDir,
      pgBin: config.operations.pgBin,
      databaseUrl: config.database.workerUrl,
      rootUrl: config.database.rootUrl,
    },
    stripe: createStripeClient(config.stripe),
    mailer: createMailer(config.mail),
    smsSender: createSmsSender(config.sms),
    pushSender: createPushSender(config.push),
    weather: createWeatherProvider(config.weather),
    storage: storageFromConfig(config.files),
    scanner: config.files.clamavUrl ? new ClamdScanner(config.files.clamavUrl) : undefined,
  };
}

/**
 * The schedule of workers/crontab. A line naming a task the list does not have would enqueue jobs nobody runs,
 * so it stops the worker at boot instead.
 */
export function readSchedule(taskList: TaskList, crontab = readFileSync(CRONTAB_FILE, "utf8")): ParsedCronItem[] {
  const items = parseCrontab(crontab);
  const unknown = items.filter((item) => !Object.hasOwn(taskList, item.task)).map((item) => item.task);
  if (unknown.length > 0) throw new Error(`workers/crontab schedules unknown tasks: ${unknown.join(", ")}`);
  return items;
}

/**
 * graphile-worker with the tasks of workers/tasks and the schedule of workers/crontab, and the heartbeat that lets
 * other workers run this one's jobs again should it die mid-job (workers/heartbeat.ts). stop() stops both.
 */
export async function startWorker(config: Config, log: Logger): Promise<Runner> {
  const taskList = makeTaskList(makeTaskDeps(config));
  // Given to run() so that the pool's creation, which names its id, is seen.
  const events: WorkerEvents = new EventEmitter();
  let workerId: string | undefined;
  events.on("pool:create", ({ workerPool }) => {
    workerId = workerPool.id;
  });
  const runner = await run({
    connectionString: config.database.workerUrl,
    concurrency: config.worker.concurrency,
    noHandleSignals: true,
    logger: makeWorkerLogger(log),
    taskList,
    parsedCronItems: readSchedule(taskList),
    events,
    // Job outcomes go through graphile-worker's batchers (a delay of 0: one write per tick), which stop() flushes.
    // With its default (-1) an outcome is a query nobody awaits: a job finished just before a deploy stops the
    // worker could stay locked and run again once reclaimed.
    preset: { worker: { completeJobBatchDelay: 0, failJobBatchDelay: 0 } },
  });
  runner.events.on("job:error", ({ job, error }) => {
    log.warn({ task: job.task_identifier, jobId: job.id, attempts: job.attempts, err: error }, "job failed");
  });
  if (!workerId) {
    await runner.stop();
    throw new Error("graphile-worker created no worker pool");
  }
  const heartbeat = await startHeartbeat({
    connectionString: config.database.workerUrl,
    workerId,
    log,
    heartbeatMs: config.worker.heartbeatMs,
    reclaimAfterMs: config.worker.reclaimAfterMs,
  });
  const stopRunner = runner.stop.bind(runner);
  runner.stop = async (reason?: string) => {
    await stopRunner(reason);
    await heartbeat.stop();
  };
  return runner;
}
