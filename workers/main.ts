// `npm run worker`: the job worker alone (e.g. a separate deployment from the API).
if (Number(process.versions.node.split(".")[0]) < 22) {
  throw new Error(`Node ${process.versions.node} is too old: run through npm (npm run worker), which uses Node 22`);
}
const { readConfig } = await import("../lib/config.ts");
const { makeLogger } = await import("../lib/log.ts");
const { startWorker } = await import("./index.ts");

const config = readConfig();
const log = makeLogger(config.logLevel);
const runner = await startWorker(config, log);
log.info("worker running");
if (config.stripe.fake) {
  log.warn(
    { port: config.stripe.port },
    'STRIPE_SECRET_KEY is not set: Stripe calls go to the fake on loopback, which `npm start` runs (README "Payments")'
  );
}
const stop = (signal: string) => {
  log.info({ signal }, "stopping worker");
  runner.stop().then(
    () => process.exit(0),
    (err: unknown) => {
      log.error({ err }, "worker did not stop cleanly");
      process.exit(1);
    }
  );
};
process.once("SIGTERM", () => stop("SIGTERM"));
process.once("SIGINT", () => stop("SIGINT"));
await runner.promise;
