// One API process listening on the configured port (server/app.ts), and its clean stop: shared by `npm start`
// (server/main.ts, which adds the worker) and by each API process of `npm run start:prod` (server/api.ts).
import type { Config } from "../lib/config.ts";
import type { Logger } from "../lib/log.ts";
import { createAppServer } from "./app.ts";

export interface RunningApi {
  close(): Promise<void>;
}

export async function serveApi(config: Config, log: Logger): Promise<RunningApi> {
  const app = await createAppServer(config, log);
  const { port } = config.api;
  await new Promise<void>((resolve) => app.httpServer.listen(port, resolve));
  log.info(
    { port, pid: process.pid },
    `API on http://localhost:${port}/graphql` +
      (config.isProduction ? "" : ` — GraphiQL on http://localhost:${port}/graphiql`)
  );
  return { close: () => app.close() };
}

/**
 * Stops what the process runs on SIGTERM/SIGINT (once), then exits: 0 when everything stopped, 1 when it failed or
 * took longer than 15 s.
 */
export function stopOnSignals(log: Logger, stop: () => Promise<unknown>): void {
  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, "shutting down");
    const timer = setTimeout(() => {
      log.error("shutdown took too long; exiting");
      process.exit(1);
    }, 15_000);
    timer.unref();
    await stop();
    log.info("stopped");
    process.exit(0);
  };
  process.on("SIGTERM", () => void shutdown("SIGTERM"));
  process.on("SIGINT", () => void shutdown("SIGINT"));
}
