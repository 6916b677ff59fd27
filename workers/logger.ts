import { Logger as WorkerLogger } from "graphile-worker";
import type { Logger } from "../lib/log.ts";

/** Routes graphile-worker's own messages into the pino log. */
export function makeWorkerLogger(log: Logger): WorkerLogger {
  const worker = log.child({ component: "worker" });
  return new WorkerLogger(() => (level, message, meta) => {
    const method = level === "error" ? "error" : level === "warning" ? "warn" : level === "info" ? "info" : "debug";
    worker[method](meta ?? {}, message);
  });
}
