// Throw-away PostgreSQL clusters for the scale-out demonstration: a primary made by initdb and a streaming replica
// made from it by pg_basebackup, each on its own loopback port with its socket in its own folder. When the demo runs
// as root, PostgreSQL's programs (and PgBouncer) run as the postgres OS user, since they refuse to run as root.
import { execFile } from "node:child_process";
import { appendFile, chown, mkdir } from "node:fs/promises";
import { join } from "node:path";
import { promisify } from "node:util";
import pg from "pg";
import { readPgBin } from "../../lib/config.ts";

const run = promisify(execFile);
const isRoot = process.getuid?.() === 0;

/** Runs a program as the postgres OS user when we are root (from /, which that user may enter), else as ourselves. */
export async function asClusterOwner(program: string, args: string[]): Promise<string> {
  const [file, argv] = isRoot ? ["runuser", ["-u", "postgres", "--", program, ...args]] : [program, args];
  const { stdout } = await run(file, argv, { cwd: "/", maxBuffer: 16 * 1024 * 1024 });
  return stdout;
}

/** Gives a file or folder to the postgres OS user when we are root (its programs must read it), else nothing. */
export async function handOver(path: string): Promise<void> {
  if (!isRoot) return;
  const uid = Number((await run("id", ["-u", "postgres"])).stdout.trim());
  const gid = Number((await run("id", ["-g", "postgres"])).stdout.trim());
  await chown(path, uid, gid);
}

/** A folder the cluster owner may write to. */
export async function ownedFolder(path: string): Promise<string> {
  await mkdir(path, { recursive: true, mode: 0o700 });
  await handOver(path);
  return path;
}

export interface Cluster {
  dir: string;
  port: number;
  /** Superuser over TCP (scram-sha-256), for setup and checks. */
  rootUrl: string;
  stop(): Promise<void>;
}

const bin = (name: string) => join(readPgBin(), name);

async function start(dir: string, port: number, superuserPassword: string): Promise<Cluster> {
  await asClusterOwner(bin("pg_ctl"), ["-D", dir, "-l", join(dir, "server.log"), "-w", "-t", "60", "start"]);
  return {
    dir,
    port,
    rootUrl: `postgres://postgres:${superuserPassword}@127.0.0.1:${port}/postgres?sslmode=disable`,
    stop: async () => {
      await asClusterOwner(bin("pg_ctl"), ["-D", dir, "-m", "fast", "-w", "stop"]).catch(() => {});
    },
  };
}

/** initdb, loopback-only settings fit for streaming replication, start, superuser password set over the socket. */
export async function createPrimary(dir: string, port: number, superuserPassword: string): Promise<Cluster> {
  await ownedFolder(dir);
  await asClusterOwner(bin("initdb"), [
    "-D",
    dir,
    "-U",
    "postgres",
    "--auth-local=trust",
    "--auth-host=scram-sha-256",
    "-E",
    "UTF8",
    "--locale=C.UTF-8",
  ]);
  await appendTo(
    dir,
    "postgresql.conf",
    `
port = ${port}
listen_addresses = '127.0.0.1'
unix_socket_directories = '${dir}'
wal_level = replica
max_wal_senders = 4
hot_standby = on
fsync = off
synchronous_commit = off
max_connections = 100
`
  );
  // Only the socket (in a mode-700 folder) may replicate, and without a password: nothing but this demo reaches it.
  await appendTo(dir, "pg_hba.conf", "local replication postgres trust\n");
  const cluster = await start(dir, port, superuserPassword);
  await asClusterOwner(bin("psql"), [
    "-h",
    dir,
    "-p",
    String(port),
    "-U",
    "postgres",
    "-d",
    "postgres",
    "-qAt",
    "-c",
    `alter role postgres password '${superuserPassword}'`,
  ]);
  return cluster;
}

/** pg_basebackup of the primary with -R (standby.signal, primary_conninfo), on its own port and socket; started. */
export async function createReplica(
  primary: Cluster,
  dir: string,
  port: number,
  superuserPassword: string
): Promise<Cluster> {
  await ownedFolder(dir);
  await asClusterOwner(bin("pg_basebackup"), [
    "-h",
    primary.dir,
    "-p",
    String(primary.port),
    "-U",
    "postgres",
    "-D",
    dir,
    "-R",
    "-X",
    "stream",
    "--checkpoint=fast",
  ]);
  await appendTo(
    dir,
    "postgresql.conf",
    `
# the replica's own address (the lines above were copied from the primary)
port = ${port}
unix_socket_directories = '${dir}'
`
  );
  return start(dir, port, superuserPassword);
}

/** Appends to a cluster's file (root may write the postgres user's files; appending keeps owner and mode). */
async function appendTo(dir: string, file: string, text: string): Promise<void> {
  await appendFile(join(dir, file), text);
}

/** Waits until a query answers on the URL (a just-started replica accepts connections a moment later). */
export async function waitForQuery<T extends pg.QueryResultRow>(
  url: string,
  sql: string,
  until: (row: T) => boolean,
  ms = 30_000
): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const client = new pg.Client({ connectionString: url });
    try {
      await client.connect();
      const { rows } = await client.query<T>(sql);
      if (rows[0] && until(rows[0])) return rows[0];
    } catch (error) {
      if (Date.now() > deadline) throw error;
    } finally {
      await client.end().catch(() => {});
    }
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${sql} on ${new URL(url).port}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}
