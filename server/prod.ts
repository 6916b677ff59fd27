// `npm run start:prod`: production's process layout in one command. This primary process runs no request and no
// job itself: it forks API_PROCESSES API processes (server/api.ts as node:cluster workers, which share PORT; the
// primary hands out connections) and starts WORKER_PROCESSES job worker processes (`npm run worker`'s entry point),
// restarts any that dies (after a growing pause, so that a crash loop does not spin), and on SIGTERM/SIGINT stops
// them all and exits once they have. Why separate processes: jobs never take the API's event loop, and a crash of
// either is contained; more API processes use more cores where the API has them to itself (README "Scaling").
if (Number(process.versions.node.split(".")[0]) < 22) {
  throw new Error(`Node ${process.versions.node} is too old: run through npm (npm run start:prod), which uses Node 22`);
}
const cluster = (await import("node:cluster")).default;
const { spawn } = await import("node:child_process");
const { readConfig } = await import("../lib/config.ts");
const { makeLogger } = await import("../lib/log.ts");

type Stoppable = { kill(signal: NodeJS.Signals): unknown; exited: Promise<unknown> };

const config = readConfig();
const log = makeLogger(config.logLevel);
const WORKER_ENTRY = new URL("../workers/main.ts", import.meta.url).pathname;
const running = new Set<Stoppable>();
let stopping = false;

/** Keeps one process of a kind alive: start() again after it exits, unless we are stopping. */
function supervise(kind: string, start: () => Stoppable): void {
  let failures = 0;
  const launch = () => {
    const child = start();
    const startedAt = Date.now();
    running.add(child);
    void child.exited.then((code) => {
      running.delete(child);
      if (stopping) return;
      failures = Date.now() - startedAt > 60_000 ? 1 : failures + 1;
      const pause = Math.min(30_000, 500 * 2 ** (failures - 1));
      log.error({ kind, code, restartInMs: pause }, `${kind} process exited; restarting`);
      setTimeout(launch, pause).unref();
    });
  };
  launch();
}

cluster.setupPrimary({ exec: new URL("./api.ts", import.meta.url).pathname });
for (let i = 0; i < config.api.processes; i++) {
  supervise("api", () => {
    const worker = cluster.fork();
    return {
      kill: (signal) => worker.process.kill(signal),
      exited: new Promise((resolve) => worker.once("exit", (code) => resolve(code))),
    };
  });
}
for (let i = 0; i < config.worker.processes; i++) {
  supervise("worker", () => {
    const child = spawn(process.execPath, [WORKER_ENTRY], { stdio: "inherit" });
    return {
      kill: (signal) => child.kill(signal),
      exited: new Promise((resolve) => child.once("exit", (code) => resolve(code))),
    };
  });
}
log.info(
  { apiProcesses: config.api.processes, workerProcesses: config.worker.processes, port: config.api.port },
  "start:prod running"
);

async function shutdown(signal: NodeJS.Signals) {
  if (stopping) return;
  stopping = true;
  log.info({ signal }, "shutting down");
  const timer = setTimeout(() => {
    log.error("shutdown took too long; exiting");
    process.exit(1);
  }, 20_000);
  timer.unref();
  const children = [...running];
  for (const child of children) child.kill("SIGTERM");
  await Promise.all(children.map((c) => c.exited));
  log.info("stopped");
  process.exit(0);
}
process.on("SIGTERM", () => void shutdown("SIGTERM"));
process.on("SIGINT", () => void shutdown("SIGINT"));
