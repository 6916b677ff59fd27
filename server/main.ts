// `npm start`: the API server and the job worker in one process (development, and small deployments).
// Production runs them apart: `npm run start:prod` (server/prod.ts). SIGTERM/SIGINT stop both cleanly.
if (Number(process.versions.node.split(".")[0]) < 22) {
  throw new Error(`Node ${process.versions.node} is too old: run through npm (npm start), which uses Node 22`);
}
const { readConfig } = await import("../lib/config.ts");
const { makeLogger } = await import("../lib/log.ts");
const { serveApi, stopOnSignals } = await import("./serve.ts");
// The worker's one entry point: nothing else of workers/ is imported by the server.
const { startWorker } = await import("../workers/index.ts");

const config = readConfig();
const log = makeLogger(config.logLevel);
const api = await serveApi(config, log);
const worker = await startWorker(config, log);
stopOnSignals(log, () => Promise.allSettled([api.close(), worker.stop()]));
