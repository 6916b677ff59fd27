// Crash recovery (issue 9, finding 7). graphile-worker 0.18 has no heartbeat of its own: a worker killed mid-job
// (SIGKILL, OOM, a lost machine) leaves the job locked until its 4-hour lock expiry. What it offers is
// WorkerUtils.forceUnlockWorkers(ids), which releases every job and queue locked by the given worker ids (the pool
// ids that jobs record as locked_by). This module supplies the ids: each worker process records a heartbeat under
// its pool id every `heartbeatMs`, and on the same beat claims the heartbeats silent for more than `reclaimAfterMs`
// (app_private.beat_and_claim_dead_workers) and unlocks their jobs, which then run again at once, on any worker.
import { makeWorkerUtils, type WorkerUtils } from "graphile-worker";
import type { Logger } from "../lib/log.ts";

export interface Heartbeat {
  stop(): Promise<void>;
}

export interface HeartbeatOptions {
  connectionString: string;
  /** The worker pool's id: graphile-worker writes it into jobs.locked_by. */
  workerId: string;
  heartbeatMs: number;
  reclaimAfterMs: number;
  log: Logger;
}

export async function startHeartbeat(options: HeartbeatOptions): Promise<Heartbeat> {
  const { workerId, log } = options;
  const utils: WorkerUtils = await makeWorkerUtils({ connectionString: options.connectionString });
  const staleAfter = `${options.reclaimAfterMs} milliseconds`;
  const beat = async () => {
    const { rows } = await utils.withPgClient((client) =>
      client.query<{ dead: string[] }>("select app_private.beat_and_claim_dead_workers($1, $2::interval) as dead", [
        workerId,
        staleAfter,
      ])
    );
    const dead = rows[0]?.dead ?? [];
    if (dead.length > 0) {
      await utils.forceUnlockWorkers(dead);
      log.warn({ workerId, deadWorkers: dead }, "unlocked the jobs of workers that stopped reporting");
    }
  };
  let running: Promise<void> = beat();
  await running;
  const timer = setInterval(() => {
    running = beat().catch((err: unknown) => log.warn({ err, workerId }, "worker heartbeat failed"));
  }, options.heartbeatMs);
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      await running.catch(() => undefined);
      // Stopped cleanly, its jobs were released by graphile-worker: nothing for others to reclaim.
      await utils
        .withPgClient((client) => client.query("select app_private.forget_worker($1)", [workerId]))
        .catch((err: unknown) => log.warn({ err, workerId }, "could not remove the worker's heartbeat"));
      await utils.release();
    },
  };
}
