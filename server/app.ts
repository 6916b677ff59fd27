// The HTTP server: request ids and logs, health probes, token check, then PostGraphile at /graphql.
import { randomUUID } from "node:crypto";
import { readdirSync } from "node:fs";
import { createServer, type Server } from "node:http";
import express, { type NextFunction, type Request, type Response } from "express";
import type pg from "pg";
import { postgraphile } from "postgraphile";
import { grafserv } from "postgraphile/grafserv/express/v4";
import type { Config } from "../lib/config.ts";
import { makePool } from "../lib/db.ts";
import type { Logger } from "../lib/log.ts";
import { admitRequests } from "./auth.ts";
import { sendError } from "./errors.ts";
import { makePreset } from "./graphile.config.ts";

const MIGRATIONS_DIR = new URL("../db/migrations/", import.meta.url);

/** Versions of the migration files shipped with this code: /readyz fails until all are applied. */
function shippedMigrationVersions(): string[] {
  return readdirSync(MIGRATIONS_DIR).filter((f) => f.endsWith(".sql")).map((f) => f.split("_")[0]!);
}

export interface AppServer {
  httpServer: Server;
  ownerPool: pg.Pool;
  close(): Promise<void>;
}

function requestLog(log: Logger) {
  return (req: Request, res: Response, next: NextFunction) => {
    const incoming = req.get("x-request-id");
    const reqId = incoming && /^[\w.-]{1,64}$/.test(incoming) ? incoming : randomUUID();
    const started = process.hrtime.bigint();
    res.locals.reqId = reqId;
    res.setHeader("x-request-id", reqId);
    res.on("finish", () => {
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      const level = res.statusCode >= 500 ? "error" : res.statusCode >= 400 ? "warn" : "info";
      log[level]({ reqId, method: req.method, path: req.originalUrl.split("?")[0], status: res.statusCode, ms: Math.round(ms * 10) / 10 },
        "request");
    });
    next();
  };
}

export async function createAppServer(config: Config, log: Logger): Promise<AppServer> {
  const { database } = config;
  const ownerPool = makePool(database.url, 4, log, "owner", database.connectTimeoutMs);
  const authPool = makePool(database.authUrl, 10, log, "authenticator", database.connectTimeoutMs);
  const pgl = postgraphile(makePreset(config, log, authPool));
  const app = express();
  app.disable("x-powered-by");
  app.set("trust proxy", config.api.trustProxy);
  app.use(requestLog(log));

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

  app.use("/graphql", admitRequests(ownerPool, config.auth.jwtSecret, log));
  const httpServer = createServer(app);
  await pgl.createServ(grafserv).addTo(app, httpServer);
  app.use((_req: Request, res: Response) => sendError(res, 404, "Not found", "NTFND"));

  return {
    httpServer,
    ownerPool,
    async close() {
      await new Promise<void>((resolve) => {
        httpServer.close(() => resolve());
        httpServer.closeIdleConnections();
        // Requests still running after the grace period are cut so shutdown cannot hang.
        setTimeout(() => httpServer.closeAllConnections(), 5_000).unref();
      });
      await pgl.release();
      await Promise.all([authPool.end(), ownerPool.end()]);
    },
  };
}
