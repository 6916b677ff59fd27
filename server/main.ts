// `npm start`: the API server and the job worker in one process. SIGTERM/SIGINT stop both cleanly.
if (Number(process.versions.node.split(".")[0]) < 22) {
  throw new Error(`Node ${process.versions.node} is too old: run through npm (npm start), which uses Node 22`);
}
const { readConfig } = await import("../lib/config.ts");
const { makeLogger } = await import("../lib/log.ts");
const { createAppServer } = await import("./app.ts");
// The worker's one entry point: nothing else of workers/ is imported by the server.
const { startWorker } = await import("../workers/index.ts");

const config = readConfig();
const log = makeLogger(config.logLevel);
const app = await createAppServer(config, log);
const worker = await startWorker(config, log);
const { port } = config.api;
app.httpServer.listen(port, () => {
  log.info({ port }, `API on http://localhost:${port}/graphql` +
    (config.isProduction ? "" : ` — GraphiQL on http://localhost:${port}/graphiql`));
});

let stopping = false;
async function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  log.info({ signal }, "shutting down");
  const timer = setTimeout(() => {
    log.error("shutdown took too long; exiting");
    process.exit(1);
  }, 15_000);
  timer.unref();
  await Promise.allSettled([app.close(), worker.stop()]);
  log.info("stopped");
  process.exit(0);
}
process.on("SIGTERM", () => void shutdown("SIGTERM"));
process.on("SIGINT", () => void shutdown("SIGINT"));
