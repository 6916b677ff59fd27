// Debian's PgBouncer in transaction pooling in front of the demo's primary: clients (the API processes' pools) get a
// server connection only for the length of a transaction, so many client connections share a few server ones.
// PgBouncer 1.18 (Debian 12) keeps no prepared statements across transactions: the API behind it runs with
// DATAPLAN_PG_PREPARED_STATEMENT_CACHE_SIZE=0 (PostGraphile's own switch).
import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import pg from "pg";
import { asClusterOwner, handOver, ownedFolder } from "./cluster.ts";

export const PGBOUNCER = "/usr/sbin/pgbouncer";

export interface Bouncer {
  port: number;
  /** The bouncer's address for a role of the database (a URL that goes through it). */
  url(user: string, password: string): string;
  /** SHOW POOLS on the admin console: client and server connections of the database's pools. */
  pools(): Promise<
    Array<{
      user: string;
      clientsActive: number;
      clientsWaiting: number;
      serversActive: number;
      serversIdle: number;
      serversUsed: number;
    }>
  >;
  stop(): Promise<void>;
}

export async function startPgBouncer(
  dir: string,
  port: number,
  upstreamPort: number,
  database: string,
  users: Record<string, string>,
  poolSize = 10
): Promise<Bouncer> {
  await ownedFolder(dir);
  const userlist = Object.entries(users)
    .map(([user, password]) => `"${user}" "${password}"`)
    .join("\n");
  await writeFile(join(dir, "userlist.txt"), `${userlist}\n`, { mode: 0o600 });
  await writeFile(
    join(dir, "pgbouncer.ini"),
    `[databases]
${database} = host=127.0.0.1 port=${upstreamPort} dbname=${database}

[pgbouncer]
listen_addr = 127.0.0.1
listen_port = ${port}
unix_socket_dir =
auth_type = scram-sha-256
auth_file = ${join(dir, "userlist.txt")}
pool_mode = transaction
default_pool_size = ${poolSize}
max_client_conn = 500
admin_users = postgres
logfile = ${join(dir, "pgbouncer.log")}
pidfile = ${join(dir, "pgbouncer.pid")}
`,
    { mode: 0o600 }
  );
  for (const file of ["userlist.txt", "pgbouncer.ini"]) await handOver(join(dir, file));
  await asClusterOwner(PGBOUNCER, ["-d", join(dir, "pgbouncer.ini")]);
  const url = (user: string, password: string) =>
    `postgres://${user}:${password}@127.0.0.1:${port}/${database}?sslmode=disable`;
  return {
    port,
    url,
    async pools() {
      const admin = new pg.Client({
        connectionString: `postgres://postgres:${users.postgres}@127.0.0.1:${port}/pgbouncer?sslmode=disable`,
      });
      await admin.connect();
      try {
        const { rows } = await admin.query<Record<string, string>>("SHOW POOLS");
        return rows
          .filter((r) => r.database === database)
          .map((r) => ({
            user: r.user!,
            clientsActive: Number(r.cl_active),
            clientsWaiting: Number(r.cl_waiting),
            serversActive: Number(r.sv_active),
            serversIdle: Number(r.sv_idle),
            serversUsed: Number(r.sv_used),
          }));
      } finally {
        await admin.end();
      }
    },
    async stop() {
      const pid = Number((await readFile(join(dir, "pgbouncer.pid"), "utf8").catch(() => "")).trim());
      if (pid > 0) process.kill(pid, "SIGTERM");
    },
  };
}
