// Database pools of the API and the tools. (The worker's pool is graphile-worker's own, made from the owner URL.)
import pg from "pg";
import type { Logger } from "./log.ts";

/**
 * A pool that fails fast when the database is down (instead of queueing requests) and logs broken
 * connections instead of crashing the process on their 'error' events.
 */
export function makePool(
  connectionString: string,
  max: number,
  log: Logger,
  name: string,
  connectionTimeoutMillis = 3_000
): pg.Pool {
  const pool = new pg.Pool({ connectionString, max, connectionTimeoutMillis, idleTimeoutMillis: 30_000 });
  pool.on("error", (err) => log.warn({ err, pool: name }, "idle database connection failed"));
  pool.on("connect", (client) =>
    client.on("error", (err) => log.warn({ err, pool: name }, "database connection failed"))
  );
  return pool;
}
