// GET /metrics in Prometheus' text format (docs/operations.md, Metrics) through prom-client: HTTP requests counted and
// timed by method, route and status (routes are the server's few fixed paths, never raw URLs, so the series stay
// few), the database pools' connections, the job queue per task (app_private.job_queue_stats) and the process's own
// numbers. Its registry is this server's, not prom-client's global one, so that several servers in a process (the
// tests) do not mix their numbers. Protected: with METRICS_TOKEN set, a request must carry it as a bearer token;
// without it, only loopback clients (a scraper on the host) get an answer, everyone else the usual 404.
import { timingSafeEqual } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import type pg from "pg";
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from "prom-client";
import type { Logger } from "../../lib/log.ts";
import { sendError } from "../errors.ts";

export const METRICS_PATH = "/metrics";

/** The route label of a request path: one of the server's routes, or "other". */
export function routeOf(path: string): string {
  if (path === "/graphql" || path === "/healthz" || path === "/readyz" || path === METRICS_PATH) return path;
  if (path.startsWith("/files/")) return "/files/:id";
  if (path.startsWith("/exports/")) return "/exports/:id";
  if (path.startsWith("/handover/")) return "/handover/qr";
  if (path.startsWith("/webhooks/")) return path.length < 40 ? path : "other";
  if (path === "/graphiql") return path;
  return "other";
}

const LOOPBACK = new Set(["127.0.0.1", "::1", "::ffff:127.0.0.1"]);

interface QueueStats {
  task: string;
  ready: number;
  scheduled: number;
  running: number;
  failing: number;
  failed: number;
}

export function makeMetrics(deps: {
  pools: Record<string, pg.Pool>;
  ownerPool: pg.Pool;
  token: string | undefined;
  log: Logger;
}) {
  const { pools, ownerPool, token, log } = deps;
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const requests = new Counter({
    name: "http_requests_total",
    help: "HTTP requests answered, by method, route and status",
    labelNames: ["method", "route", "status"] as const,
    registers: [registry],
  });
  const latency = new Histogram({
    name: "http_request_duration_seconds",
    help: "Time to answer an HTTP request, by method and route",
    labelNames: ["method", "route"] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  new Gauge({
    name: "db_pool_connections",
    help: "Connections of the server's database pools: total, idle, and requests waiting for one",
    labelNames: ["pool", "state"] as const,
    registers: [registry],
    collect() {
      for (const [name, pool] of Object.entries(pools)) {
        this.set({ pool: name, state: "total" }, pool.totalCount);
        this.set({ pool: name, state: "idle" }, pool.idleCount);
        this.set({ pool: name, state: "waiting" }, pool.waitingCount);
      }
    },
  });
  const queue = new Gauge({
    name: "job_queue_jobs",
    help: "Jobs of the worker's queue by task and state: ready, scheduled, running, failing (attempts left), failed (none left)",
    labelNames: ["task", "state"] as const,
    registers: [registry],
    async collect() {
      queue.reset();
      try {
        const { rows } = await ownerPool.query<{ stats: QueueStats[] }>(
          "select app_private.job_queue_stats() as stats"
        );
        for (const s of rows[0]!.stats) {
          for (const state of ["ready", "scheduled", "running", "failing", "failed"] as const) {
            queue.set({ task: s.task, state }, Number(s[state]));
          }
        }
        up.set(1);
      } catch (err) {
        log.warn({ err }, "metrics: the job queue could not be read");
        up.set(0);
      }
    },
  });
  const up = new Gauge({
    name: "database_up",
    help: "1 when the last scrape could read the database, else 0",
    registers: [registry],
  });

  function allowed(req: IncomingMessage): boolean {
    if (token === undefined) return LOOPBACK.has(req.socket.remoteAddress ?? "");
    const header = req.headers.authorization ?? "";
    const given = Buffer.from(header.startsWith("Bearer ") ? header.slice(7) : "");
    const expected = Buffer.from(token);
    return given.length === expected.length && timingSafeEqual(given, expected);
  }

  return {
    /** Counts and times one answered request (called when its response finishes). */
    observe(method: string, path: string, status: number, seconds: number): void {
      const route = routeOf(path);
      requests.inc({ method, route, status: String(status) });
      latency.observe({ method, route }, seconds);
    },
    async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
      if (!allowed(req)) {
        if (token === undefined) sendError(res, 404, "Not found", "NTFND");
        else {
          res.setHeader("www-authenticate", 'Bearer realm="metrics"');
          sendError(res, 401, "The metrics need their bearer token (METRICS_TOKEN)", "TOKEN");
        }
        return;
      }
      if (req.method !== "GET" && req.method !== "HEAD") {
        res.setHeader("allow", "GET, HEAD");
        sendError(res, 405, "The metrics are read with GET", "QUERY");
        return;
      }
      const body = await registry.metrics();
      res.writeHead(200, { "content-type": registry.contentType, "cache-control": "no-store" });
      res.end(req.method === "HEAD" ? undefined : body);
    },
  };
}
