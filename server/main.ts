// `npm start`: the API server and the job worker in one process. SIGTERM/SIGINT stop both cleanly.
if (Number(process.versions.node.split(".")[0]) < 22) {
  throw new Error(`Node ${process.versions.node} is too old: run through npm (npm start), which uses Node 22`);
}
const { readEnv } = await import("./env.ts");
const { makeLogger } = await import("./log.ts");
const { createAppServer } = await import("./app.ts");
const { startWorker } = await import("../workers/runner.ts");

const env = readEnv();
const log = makeLogger(env.logLevel);
const app = await createAppServer(env, log);
const worker = await startWorker(env, log);
app.httpServer.listen(env.port, () => {
  log.info({ port: env.port }, `API on http://localhost:${env.port}/graphql` +
    (env.isProduction ? "" : ` — GraphiQL on http://localhost:${env.port}/graphiql`));
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
