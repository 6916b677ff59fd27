// Issue 9, finding 7: a worker killed mid-job (SIGKILL: no cleanup at all) used to leave its job locked for
// graphile-worker's 4 hours. Here a real worker process (workers/main.ts, as `npm run worker` runs it) is killed
// while it is sending an email; a second worker process reclaims the job once the dead one's heartbeat is older than
// WORKER_RECLAIM_AFTER_MS, and the email reaches the SMTP server exactly once.
import test from "ava";
import { type ChildProcess, spawn } from "node:child_process";
import type { AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";
import { createUser } from "../helpers/actors.ts";
import { asRoot, createTestDatabase, type TestDatabase } from "../helpers/database.ts";

const WORKER_MAIN = new URL("../../workers/main.ts", import.meta.url).pathname;
const HEARTBEAT_MS = 250;
const RECLAIM_AFTER_MS = 1_500;

/** Message-IDs of the messages the SMTP server accepted in full. */
const delivered: string[] = [];
let stallNext = true;
let stalled: (() => void) | undefined;
const firstDataSeen = new Promise<void>((resolve) => {
  stalled = resolve;
});
const smtp = new SMTPServer({
  authOptional: true,
  disabledCommands: ["STARTTLS"],
  logger: false,
  onData(stream, _session, callback) {
    if (stallNext) {
      // The first delivery hangs mid-DATA, as a slow mail server would: the worker is killed during it.
      stallNext = false;
      stream.on("error", () => undefined);
      stalled?.();
      return;
    }
    const chunks: Buffer[] = [];
    stream.on("data", (chunk: Buffer) => chunks.push(chunk));
    stream.on("end", () => {
      const id = /^message-id:\s*(.+)$/im.exec(Buffer.concat(chunks).toString("utf8"))?.[1]?.trim();
      delivered.push(id ?? "?");
      callback();
    });
  },
});

let db: TestDatabase;
const workers: ChildProcess[] = [];
test.before(async () => {
  db = await createTestDatabase();
  await new Promise<void>((resolve) => smtp.listen(0, "127.0.0.1", resolve));
});
test.after.always(async () => {
  for (const worker of workers) if (worker.exitCode === null) worker.kill("SIGKILL");
  await new Promise<void>((resolve) => smtp.close(resolve));
  await db?.drop();
});

/** `node workers/main.ts` on this test's database, with Node 22 (the test's own binary, as npm runs it). */
function startWorkerProcess(): ChildProcess {
  const child = spawn(process.execPath, [WORKER_MAIN], {
    env: { ...process.env, NODE_ENV: "test", LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? "silent",
      DATABASE_URL: db.ownerUrl, AUTH_DATABASE_URL: db.authUrl,
      SMTP_URL: `smtp://127.0.0.1:${(smtp.server.address() as AddressInfo).port}`,
      WORKER_HEARTBEAT_MS: String(HEARTBEAT_MS), WORKER_RECLAIM_AFTER_MS: String(RECLAIM_AFTER_MS) },
    stdio: ["ignore", "ignore", "inherit"],
  });
  workers.push(child);
  return child;
}

async function until<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 30_000): Promise<T> {
  const started = Date.now();
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

test("a worker killed mid-job: another worker runs the job again within the reclaim time, and its effect happens once", async (t) => {
  const { id: userId } = await createUser(db);
  const emailId = await asRoot(db, async (c) => (await c.query<{ id: string }>(
    "insert into app_private.emails (user_id, recipient, subject, body) values ($1, 'ann@example.test', 'Hello', 'Hi') returning id",
    [userId])).rows[0]!.id);

  const first = startWorkerProcess();
  await firstDataSeen;
  const lockedBy = await asRoot(db, async (c) => (await c.query<{ locked_by: string | null }>(
    "select locked_by from graphile_worker.jobs where task_identifier = 'emails__send'")).rows[0]?.locked_by);
  t.truthy(lockedBy, "the job is locked by the first worker while it sends");
  first.kill("SIGKILL");
  await new Promise((resolve) => first.once("exit", resolve));
  const killedAt = Date.now();

  startWorkerProcess();
  const status = await until("the email to be sent again", async () => asRoot(db, async (c) => {
    const row = (await c.query<{ status: string }>("select status::text from app_private.emails where id = $1", [emailId])).rows[0];
    return row?.status === "sent" ? row.status : undefined;
  }));
  const recoveredMs = Date.now() - killedAt;
  t.is(status, "sent");
  t.true(recoveredMs < RECLAIM_AFTER_MS + 10_000, `reclaimed after ${recoveredMs} ms`);
  t.log(`job reclaimed and done ${recoveredMs} ms after the kill`);

  // Exactly once: the interrupted delivery was never accepted, the retry was, and nothing runs it a third time.
  await new Promise((resolve) => setTimeout(resolve, 3 * HEARTBEAT_MS));
  t.is(delivered.length, 1, `delivered: ${delivered.join(", ")}`);
  t.true(delivered[0]?.includes(emailId), "the message is this email's (its Message-ID carries the row id)");
  const jobs = await asRoot(db, async (c) => (await c.query(
    "select count(*)::int as n from graphile_worker.jobs where task_identifier = 'emails__send'")).rows[0].n);
  t.is(jobs, 0, "the job is done, not waiting for another run");
  const dead = await asRoot(db, async (c) => (await c.query(
    "select count(*)::int as n from app_private.worker_heartbeats where worker_id = $1", [lockedBy])).rows[0].n);
  t.is(dead, 0, "the dead worker left the registry");
});
