// The HTTP server: request ids and logs, health probes (Express), token check, then PostGraphile at /graphql through
// grafserv's node adaptor (and GraphQL subscriptions over websockets at /graphql, server/websocket.ts); signed file uploads and downloads at /files/<id>; Stripe's webhooks at /webhooks/stripe;
// the customer's handover codes as images at /handover/qr.png and .svg; data export downloads at /exports/<id> and
// Prometheus metrics at /metrics (server/operations/).
import { randomUUID } from "node:crypto";
import { readdirSync } from "node:fs";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import express, { type Request, type Response } from "express";
import type pg from "pg";
import { postgraphile } from "postgraphile";
import { grafserv } from "postgraphile/grafserv/node";
import proxyAddr from "proxy-addr";
import type { Config } from "../lib/config.ts";
import { makePool } from "../lib/db.ts";
import type { Logger } from "../lib/log.ts";
import { makeAdmission } from "./auth.ts";
import { sendError } from "./errors.ts";
import { ClamdScanner } from "../lib/files/malware.ts";
import { isFilePath, makeFileRoutes } from "./files/routes.ts";
import { isQrImagePath, makeQrImageRoute } from "./handover/qr_image.ts";
import { storageFromConfig } from "../lib/storage.ts";
import { makePreset } from "./graphile.config.ts";
import { createStripeClient } from "../lib/stripe.ts";
import { makeStripeWebhook, STRIPE_WEBHOOK_PATH } from "./stripe/webhook.ts";
import { isExportPath, makeExportRoute } from "./operations/exports.ts";
import { makeMetrics, METRICS_PATH } from "./operations/metrics.ts";
import { makeWebsocketServer } from "./websocket.ts";

const MIGRATIONS_DIR = new URL("../db/migrations/", import.meta.url);

/** Versions of the migration files shipped with this code: /readyz fails until all are applied. */
function shippedMigrationVersions(): string[] {
  return readdirSync(MIGRATIONS_DIR)
    .filter((f) => f.endsWith(".sql"))
    .map((f) => f.split("_")[0]!);
}

export interface AppServer {
  httpServer: Server;
  ownerPool: pg.Pool;
  close(): Promise<void>;
}

/**
 * Request id (a well-formed incoming x-request-id, else a new one) and one JSON log line per request when it
 * finishes. Plain node:http: it runs in front of both grafserv and Express.
 */
function startRequest(
  req: IncomingMessage,
  res: ServerResponse,
  log: Logger,
  observe: (method: string, path: string, status: number, seconds: number) => void
): string {
  const incoming = req.headers["x-request-id"];
  const reqId = typeof incoming === "string" && /^[\w.-]{1,64}$/.test(incoming) ? incoming : randomUUID();
  const started = process.hrtime.bigint();
  res.setHeader("x-request-id", reqId);
  res.on("finish", () => {
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    observe(req.method ?? "GET", pathOf(req), res.statusCode, ms / 1000);
    const level = res.statusCode >= 500 ? "error" : res.statusCode >= 400 ? "warn" : "info";
    log[level](
      { reqId, method: req.method, path: pathOf(req), status: res.statusCode, ms: Math.round(ms * 10) / 10 },
      "request"
    );
  });
  return reqId;
}

function pathOf(req: IncomingMessage): string {
  return (req.url ?? "/").split("?")[0]!;
}

export async function createAppServer(config: Config, log: Logger): Promise<AppServer> {
  const { database } = config;
  const ownerPool = makePool(database.url, 4, log, "owner", database.connectTimeoutMs);
  const authPool = makePool(database.authUrl, 10, log, "authenticator", database.connectTimeoutMs);
  const preset = makePreset(config, log, authPool);
  const pgl = postgraphile(preset);
  const app = express();
  app.disable("x-powered-by");
  app.set("trust proxy", config.api.trustProxy);

  app.get("/healthz", (_req, res) => {
    res.json({ status: "ok" });
  });
  const shipped = shippedMigrationVersions();
  app.get("/readyz", async (_req, res) => {
    try {
      const { rows } = await ownerPool.query<{ version: string }>("select version from public.schema_migrations");
      const applied = new Set(rows.map((r) => r.version));
      const pending = shipped.filter((v) => !applied.has(v));
      if (pending.length > 0) {
        res.status(503).json({ status: "migrations pending", pending });
        return;
      }
      res.json({ status: "ready" });
    } catch (err) {
      log.warn({ err }, "readiness check failed");
      res.status(503).json({ status: "database unreachable" });
    }
  });

  app.use((_req: Request, res: Response) => sendError(res, 404, "Not found", "NTFND"));

  // GraphQL requests go from node:http straight to grafserv's node adaptor, after admission; everything else (health
  // probes, the 404) to Express. Express in front of grafserv cost 16-23 % of GraphQL throughput (README "Scaling").
  // Client addresses follow TRUST_PROXY exactly as Express resolves req.ip.
  const trust = app.get("trust proxy fn") as Parameters<typeof proxyAddr>[1];
  const admit = makeAdmission(ownerPool, config.auth.jwtSecret, log, (req) => proxyAddr(req, trust));
  const scanner = config.files.clamavUrl ? new ClamdScanner(config.files.clamavUrl) : undefined;
  if (!scanner) log.info("malware scanning of uploads is off (CLAMAV_URL is not set)");
  const fileRoutes = makeFileRoutes({
    ownerPool,
    storage: storageFromConfig(config.files),
    config: config.files,
    scanner,
    log,
  });
  const stripeWebhook = makeStripeWebhook({
    ownerPool,
    stripe: createStripeClient(config.stripe),
    webhookSecret: config.stripe.webhookSecret,
    log,
  });
  const qrImage = makeQrImageRoute({ authPool, statementTimeout: config.api.statementTimeout, log });
  const exportDownload = makeExportRoute({
    authPool,
    statementTimeout: config.api.statementTimeout,
    exportDir: config.operations.exportDir,
    log,
  });
  const metrics = makeMetrics({
    pools: { owner: ownerPool, authenticator: authPool },
    ownerPool,
    token: config.operations.metricsToken,
    log,
  });
  const serv = pgl.createServ(grafserv);
  const graphqlHandler = serv.createHandler();
  const graphqlPath = "/graphql";
  const httpServer = createServer((req, res) => {
    const reqId = startRequest(req, res, log, metrics.observe);
    const path = pathOf(req);
    // What grafserv does not answer goes to Express; what it fails on unexpectedly is logged and answered 500.
    const next = (err?: Error) => {
      if (!err) return app(req, res);
      log.error({ reqId, err }, "GraphQL request failed");
      if (!res.headersSent) res.writeHead(500, { "content-type": "text/plain; charset=utf-8" });
      res.end("An error occurred");
    };
    if (path === graphqlPath) {
      void admit(req, res, reqId).then((admitted) => {
        if (admitted) graphqlHandler(req, res, next);
      });
    } else if (path === "/healthz" || path === "/readyz") {
      app(req, res);
    } else if (path === STRIPE_WEBHOOK_PATH) {
      // Stripe's signature is the credential, verified on the raw body (server/stripe/webhook.ts).
      void stripeWebhook(req, res, reqId);
    } else if (isQrImagePath(path)) {
      // The customer's bearer token, admitted as for GraphQL (server/handover/qr_image.ts).
      void admit(req, res, reqId).then((admitted) => {
        if (admitted) void qrImage(req, res, path, reqId);
      });
    } else if (path === METRICS_PATH) {
      // A bearer METRICS_TOKEN, or loopback only without one (server/operations/metrics.ts).
      void metrics.handle(req, res);
    } else if (isExportPath(path)) {
      // The requesting admin's bearer token, admitted as for GraphQL (server/operations/exports.ts).
      void admit(req, res, reqId).then((admitted) => {
        if (admitted) void exportDownload(req, res, path, reqId);
      });
    } else if (isFilePath(path)) {
      // Signed URLs, not tokens: the signature is the credential (server/files/routes.ts).
      void fileRoutes(req, res, reqId);
    } else {
      // GraphiQL and its assets (outside production), or Express's 404.
      graphqlHandler(req, res, next);
    }
  });

  // Websockets at /graphql (subscriptions), admitted like requests; any other upgrade is refused.
  const websockets = makeWebsocketServer({
    serv,
    ownerPool,
    secret: config.auth.jwtSecret,
    log,
    clientIp: (req) => proxyAddr(req, trust),
  });
  httpServer.on("upgrade", (req: IncomingMessage, socket, head: Buffer) => {
    if (pathOf(req) === graphqlPath) websockets.handleUpgrade(req, socket, head);
    else socket.destroy();
  });

  // Idle keep-alive connections stay open longer than clients and load balancers keep theirs (60 s is the common
  // idle timeout of the latter), so the client always closes first: with Node's 5 s, a client that reuses a
  // connection as the server drops it gets a reset instead of an answer (seen under load, when a busy event loop
  // delays the client's own expiry of the connection).
  httpServer.keepAliveTimeout = 65_000;
  httpServer.headersTimeout = 66_000;

  return {
    httpServer,
    ownerPool,
    async close() {
      await new Promise<void>((resolve) => {
        httpServer.close(() => resolve());
        websockets.close();
        httpServer.closeIdleConnections();
        // Requests still running after the grace period are cut so shutdown cannot hang.
        setTimeout(() => httpServer.closeAllConnections(), 5_000).unref();
      });
      await pgl.release();
      // PostGraphile leaves the services of a pool it was given to their owner: this ends the LISTEN of subscriptions.
      for (const service of preset.pgServices ?? []) await service.release?.();
      await Promise.all([authPool.end(), ownerPool.end()]);
    },
  };
}
