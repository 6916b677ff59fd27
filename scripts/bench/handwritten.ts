// The bench's baseline: a minimal hand-written Express + pg endpoint for each case of cases.ts, doing the identity
// steps the API does — verify the JWT, check the session and count the request in one round trip on the owner pool
// (app_private.admit_api_request), then one transaction on the app_authenticator pool with the same settings
// (role, statement_timeout, request.ip, TOTP key, session id) and the same connection setting (JIT optimisation
// off) — and the same SQL. What PostGraphile adds on top
// (parsing, validation, planning, its SQL shape) is what the ratio measures.
//   node scripts/bench/handwritten.ts --port N [--processes N] [--no-admission]   (DATABASE_URL, AUTH_DATABASE_URL, …)
import cluster from "node:cluster";
import express, { type Request, type Response } from "express";
import jwt from "jsonwebtoken";
import { readApiConfig, readAuthConfig, readDatabaseConfig } from "../../lib/config.ts";
import { makePool } from "../../lib/db.ts";
import { makeLogger } from "../../lib/log.ts";
import { CASES } from "./cases.ts";

function argument(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
}

const port = argument("port", 5700);
const processes = argument("processes", 1);
/** --no-admission: skip the session check and budget round trip, to measure what it costs (bench --levers). */
const admission = !process.argv.includes("--no-admission");

if (cluster.isPrimary && processes > 1) {
  for (let i = 0; i < processes; i++) cluster.fork();
  process.on("SIGTERM", () => {
    for (const worker of Object.values(cluster.workers ?? {})) worker?.kill("SIGTERM");
    process.exit(0);
  });
} else {
  serve();
}

function serve(): void {
  const database = readDatabaseConfig();
  const { jwtSecret, totpKeys } = readAuthConfig();
  const { statementTimeout } = readApiConfig();
  const log = makeLogger("warn");
  const ownerPool = makePool(database.url, 4, log, "owner");
  const authPool = makePool(database.authUrl, 10, log, "authenticator");
  // What @dataplan/pg sets on each of its connections: no JIT optimisation (it can cost seconds on a costly plan).
  authPool.on("connect", (client) => void client.query("set jit_optimize_above_cost = -1").catch(() => {}));
  const app = express();
  app.use(express.json({ limit: "100kb" }));
  app.get("/healthz", (_req, res) => {
    res.json({ status: "ok" });
  });
  app.post("/op/:name", async (req: Request, res: Response) => {
    const operation = CASES.get(String(req.params.name));
    if (!operation) {
      res.status(404).json({ error: "no such operation" });
      return;
    }
    let sessionId: string;
    try {
      const token = /^Bearer (.+)$/.exec(req.headers.authorization ?? "")?.[1] ?? "";
      const claims = jwt.verify(token, jwtSecret, {
        algorithms: ["HS256"],
        audience: "postgraphile",
        issuer: "postgraphile",
      });
      if (typeof claims === "string" || claims.role !== "app_user" || typeof claims.session_id !== "string")
        throw new Error("claims");
      sessionId = claims.session_id;
    } catch {
      res.status(401).json({ error: "token" });
      return;
    }
    const ip = req.ip ?? req.socket.remoteAddress ?? null;
    if (admission) {
      const admitted = await ownerPool.query<{ live: boolean; retry_after: number }>(
        "select live, retry_after from app_private.admit_api_request($1, $2)",
        [sessionId, ip]
      );
      if (!admitted.rows[0]?.live || admitted.rows[0].retry_after > 0) {
        res.status(401).json({ error: "session" });
        return;
      }
    }
    const settings: Array<[string, string]> = [
      ["role", "app_user"],
      ["statement_timeout", statementTimeout],
      ["request.ip", ip ?? ""],
      ["app.totp_key", totpKeys.current],
      ["jwt.claims.session_id", sessionId],
    ];
    const client = await authPool.connect();
    try {
      await client.query("begin");
      await client.query("select set_config(el->>0, el->>1, true) from json_array_elements($1::json) el", [
        JSON.stringify(settings),
      ]);
      const { rows } = await client.query(operation.sql, operation.params(req.body?.variables ?? {}));
      await client.query("commit");
      res.json({ data: rows });
    } catch (error) {
      await client.query("rollback").catch(() => {});
      const code = (error as { code?: string }).code;
      res.status(code === "57014" ? 504 : 500).json({ error: String((error as Error).message), code });
    } finally {
      client.release();
    }
  });
  app.listen(port, "127.0.0.1");
}
