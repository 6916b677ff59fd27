// The job worker in tests: the worker's own task list (workers/tasks/index.ts, the one the real worker runs) over a
// configuration the test may adjust (mail and SMS folders), and one pass over the ready jobs of a test database.
import { Logger, type RunnerOptions, runOnce, type TaskList } from "graphile-worker";
import { readConfig } from "../../lib/config.ts";
import { makeTaskDeps } from "../../workers/index.ts";
import { makeTaskList } from "../../workers/tasks/index.ts";
import { queryAsRoot, type TestDatabase } from "./database.ts";

/** The worker's task list, built from the test environment with the given variables changed. */
export function workerTaskList(overrides: Record<string, string> = {}): TaskList {
  return makeTaskList(makeTaskDeps(readConfig({ ...process.env, ...overrides })));
}

export const silentLogger = new Logger(() => () => {});

export interface RunOptions {
  /** Default: the worker's task list from the test environment. */
  taskList?: TaskList;
  logger?: Logger;
  /** Jobs run at once; default 1. */
  concurrency?: number;
}

/**
 * graphile-worker's runOnce options over a test database. Job outcomes are written before runOnce returns: with
 * graphile-worker's default (completeJobBatchDelay and failJobBatchDelay -1) a job's completion is a query nobody
 * awaits, still running after runOnce has returned, so a test could read the queue before it, and a test file whose
 * database is dropped right then fails with "terminating connection due to administrator command". A batch delay
 * of 0 makes the pool flush its completions when it shuts down.
 */
export function runOnceOptions(db: TestDatabase, options: RunOptions = {}): RunnerOptions {
  return {
    connectionString: db.ownerUrl, taskList: options.taskList ?? workerTaskList(), logger: options.logger ?? silentLogger,
    concurrency: options.concurrency ?? 1, noHandleSignals: true,
    preset: { worker: { completeJobBatchDelay: 0, failJobBatchDelay: 0 } },
  };
}

/**
 * Runs every job of the database that is ready now, one at a time, as the worker would (graphile-worker's runOnce).
 * It takes every ready job, not only the test's own: files that use it run their tests serially.
 */
export async function runReadyJobs(db: TestDatabase, options: RunOptions = {}): Promise<void> {
  await runOnce(runOnceOptions(db, options));
}

/** Enqueues one job of the task (payload {}, no retry), as its crontab line would, and runs the ready jobs. */
export async function runTask(db: TestDatabase, task: string, options: RunOptions = {}): Promise<void> {
  await queryAsRoot(db, "select graphile_worker.add_job($1, '{}'::json, max_attempts => 1)", [task]);
  await runReadyJobs(db, options);
}
