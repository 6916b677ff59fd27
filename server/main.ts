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
// Without STRIPE_SECRET_KEY, Stripe is the fake on loopback (lib/stripe_fake.ts), started here at the address the SDK
// is configured with, and sending its signed webhooks to this API's /webhooks/stripe.
const { startFakeStripe } = await import("../lib/stripe_fake.ts");
const fakeStripe = config.stripe.fake
  ? await startFakeStripe({
      host: config.stripe.host,
      port: config.stripe.port,
      webhookSecret: config.stripe.webhookSecret,
      webhookUrl: `http://127.0.0.1:${config.api.port}/webhooks/stripe`,
    })
  : undefined;
if (fakeStripe) {
  log.info(
    { port: fakeStripe.port },
    'STRIPE_SECRET_KEY is not set: Stripe is the fake on loopback (README "Payments")'
  );
}
const api = await serveApi(config, log);
const worker = await startWorker(config, log);
stopOnSignals(log, () => Promise.allSettled([api.close(), worker.stop(), fakeStripe?.close()]));
