import { run, type Runner } from "graphile-worker";
import type { Env } from "../server/env.ts";
import type { Logger } from "../server/log.ts";
import { makeWorkerLogger } from "./logger.ts";

/** graphile-worker with the tasks of workers/tasks and the schedule of workers/crontab. */
export async function startWorker(env: Env, log: Logger): Promise<Runner> {
  const runner = await run({
    connectionString: env.databaseUrl,
    concurrency: env.workerConcurrency,
    noHandleSignals: true,
    logger: makeWorkerLogger(log),
    taskDirectory: `${import.meta.dirname}/tasks`,
    crontabFile: `${import.meta.dirname}/crontab`,
  });
  runner.events.on("job:error", ({ job, error }) => {
    log.warn({ task: job.task_identifier, jobId: job.id, attempts: job.attempts, err: error }, "job failed");
  });
  return runner;
}
