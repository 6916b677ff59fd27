// One API process without the job worker: what `npm run start:prod` runs API_PROCESSES of (server/prod.ts), each a
// node:cluster worker sharing the port. Jobs run in the worker processes beside them.
if (Number(process.versions.node.split(".")[0]) < 22) {
  throw new Error(`Node ${process.versions.node} is too old: run through npm (npm run start:prod), which uses Node 22`);
}
const { readConfig } = await import("../lib/config.ts");
const { makeLogger } = await import("../lib/log.ts");
const { serveApi, stopOnSignals } = await import("./serve.ts");

const config = readConfig();
const log = makeLogger(config.logLevel);
const api = await serveApi(config, log);
stopOnSignals(log, () => api.close());
