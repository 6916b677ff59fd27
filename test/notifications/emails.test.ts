// Outgoing email and session pruning, run by the real graphile-worker over the task list of workers/tasks against
// this file's database. Email goes through nodemailer's SMTP transport to an SMTP server on loopback, configured the
// way production is: SMTP_URL in the environment, read by lib/config.ts and handed to the mailer.
// Serial throughout: runOnce works off every ready job in the database, so tests must not see each other's jobs.
import test from "ava";
import { execFile } from "node:child_process";
import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { Logger, parseCrontab, type TaskList } from "graphile-worker";
import { SMTPServer } from "smtp-server";
import { readMailConfig } from "../../lib/config.ts";
import { CRONTAB_FILE } from "../../workers/index.ts";
import { createMailer } from "../../workers/mail.ts";
import { makeEmailsSendTask } from "../../workers/tasks/emails__send.ts";
import { createUser } from "../helpers/actors.ts";
import { asRoot, useTestDatabase } from "../helpers/database.ts";
import { runReadyJobs, workerTaskList } from "../helpers/worker.ts";

const DEV_MAIL = new URL("../../scripts/dev-mail.ts", import.meta.url).pathname;
const MAIL_FROM = "P2P Test <mailer@p2p.test>";
/** The fake server refuses this mailbox (550 at RCPT TO). */
const BOUNCING = "bounce@example.test";

interface Received {
  rcptTo: string[];
  headers: Map<string, string>;
  body: string;
}
const received: Received[] = [];

function parseMessage(raw: string): { headers: Map<string, string>; body: string } {
  const [head = "", ...rest] = raw.split("\r\n\r\n");
  const headers = new Map<string, string>();
  for (const line of head.replace(/\r\n[ \t]+/g, " ").split("\r\n")) {
    const colon = line.indexOf(":");
    headers.set(line.slice(0, colon).toLowerCase(), line.slice(colon + 1).trim());
  }
  return { headers, body: rest.join("\r\n\r\n").replace(/\r\n/g, "\n").trimEnd() };
}

const smtp = new SMTPServer({
  authOptional: true,
  // nodemailer would upgrade to TLS and then refuse the server's self-signed certificate.
  disabledCommands: ["STARTTLS"],
  logger: false,
  onRcptTo(address, _session, callback) {
    if (address.address === BOUNCING) {
      callback(Object.assign(new Error("mailbox unavailable"), { responseCode: 550 }));
    } else {
      callback();
    }
  },
  onData(stream, session, callback) {
    const chunks: Buffer[] = [];
    stream.on("data", (chunk: Buffer) => chunks.push(chunk));
    stream.on("end", () => {
      received.push({ rcptTo: session.envelope.rcptTo.map((a) => a.address),
        ...parseMessage(Buffer.concat(chunks).toString("utf8")) });
      callback();
    });
  },
});

interface LogEntry {
  level: string;
  message: string;
  meta: Record<string, unknown> | undefined;
}
const logs: LogEntry[] = [];
const logger = new Logger(() => (level, message, meta) => {
  logs.push({ level, message, meta });
});

const db = useTestDatabase(test);
let tmp: string;
/** The worker's own task list, its mailer configured from the environment as in production. */
let taskList: TaskList;
test.before(async () => {
  tmp = await mkdtemp(join(tmpdir(), "p2p-mail-"));
  await new Promise<void>((resolve) => smtp.listen(0, "127.0.0.1", resolve));
  taskList = workerTaskList({ SMTP_URL: `smtp://127.0.0.1:${(smtp.server.address() as AddressInfo).port}`, MAIL_FROM });
});
test.after.always(async () => {
  await new Promise<void>((resolve) => smtp.close(resolve));
  if (tmp) await rm(tmp, { recursive: true, force: true });
});

/** One pass of the real worker: every job that is due now, then it stops. */
async function runJobs(tasks: TaskList = taskList): Promise<void> {
  await runReadyJobs(db, { taskList: tasks, logger });
}

/** Inserts a queued email as SQL functions do; its trigger enqueues the emails__send job. */
async function queueEmail(recipient: string, subject: string, body: string): Promise<string> {
  const { id } = await createUser(db);
  return asRoot(db, async (c) => (await c.query<{ id: string }>(
    "insert into app_private.emails (user_id, recipient, subject, body) values ($1, $2, $3, $4) returning id",
    [id, recipient, subject, body])).rows[0]!.id);
}

interface EmailRow {
  status: string;
  attempts: number;
  last_error: string | null;
  sent_at: Date | null;
}
const emailRow = (id: string): Promise<EmailRow | undefined> => asRoot(db, async (c) => (await c.query<EmailRow>(
  "select status, attempts, last_error, sent_at from app_private.emails where id = $1", [id])).rows[0]);

interface JobRow {
  id: string;
  attempts: number;
  max_attempts: number;
  last_error: string | null;
  run_at: Date;
}
const sendJob = (emailId: string): Promise<JobRow | undefined> => asRoot(db, async (c) => (await c.query<JobRow>(
  `select id, attempts, max_attempts, last_error, run_at from graphile_worker.jobs
    where task_identifier = 'emails__send' and key = 'emails__send:' || $1`, [emailId])).rows[0]);

/** Enqueues a job as SQL does; returns the job id. */
const addJob = (task: string, payload: unknown): Promise<string> => asRoot(db, async (c) => (await c.query<{ id: string }>(
  "select (graphile_worker.add_job($1, $2::json)).id", [task, JSON.stringify(payload)])).rows[0]!.id);

test.serial("a queued email is delivered over SMTP, then recorded as sent and its job completed", async (t) => {
  const id = await queueEmail("ann@example.test", "Your delivery was accepted", "Hello Ann,\n\nBob will carry it.");
  t.truthy(await sendJob(id), "the insert trigger enqueued the job");
  const before = received.length;

  await runJobs();

  t.is(received.length - before, 1);
  const message = received.at(-1)!;
  t.deepEqual(message.rcptTo, ["ann@example.test"]);
  t.is(message.headers.get("to"), "ann@example.test");
  t.is(message.headers.get("subject"), "Your delivery was accepted");
  t.is(message.headers.get("from"), MAIL_FROM);
  t.is(message.headers.get("message-id"), `<${id}@p2p.test>`, "stable across retries");
  t.is(message.body, "Hello Ann,\n\nBob will carry it.");
  const row = await emailRow(id);
  t.like(row, { status: "sent", attempts: 1, last_error: null });
  t.true(row!.sent_at instanceof Date);
  t.is(await sendJob(id), undefined, "a completed job is deleted");
  t.true(logs.some((l) => l.message === "email sent" && l.meta?.emailId === id));
});

test.serial("a repeated job for a sent or deleted email sends nothing", async (t) => {
  const sent = await queueEmail("carl@example.test", "Sent once", "Only once.");
  await runJobs();
  const sentRow = await emailRow(sent);
  const gone = await queueEmail("dora@example.test", "Deleted before sending", "Never.");
  await asRoot(db, (c) => c.query("delete from app_private.emails where id = $1", [gone]));
  const before = received.length;

  await addJob("emails__send", { id: sent });
  await runJobs();

  t.is(received.length, before, "neither the repeat nor the deleted email reached the server");
  t.deepEqual(await emailRow(sent), sentRow, "the sent row is untouched");
  const pending = await asRoot(db, async (c) => (await c.query(
    "select count(*)::int as n from graphile_worker.jobs where task_identifier = 'emails__send'")).rows[0].n);
  t.is(pending, 0, "both jobs completed quietly");
  const skipped = logs.filter((l) => l.message === "email is no longer queued; nothing to send").map((l) => l.meta?.emailId);
  t.deepEqual(skipped.sort(), [sent, gone].sort());
});

test.serial("a rejected email stays queued for the retry, and the last attempt marks it failed", async (t) => {
  const id = await queueEmail(BOUNCING, "Will bounce", "Nobody reads this.");
  const before = received.length;

  await runJobs();

  t.is(received.length, before);
  const first = await emailRow(id);
  t.like(first, { status: "queued", attempts: 1, sent_at: null });
  t.regex(first!.last_error ?? "", /mailbox unavailable/);
  const job = await sendJob(id);
  t.like(job, { attempts: 1, max_attempts: 10 });
  t.regex(job!.last_error ?? "", /mailbox unavailable/);
  t.true(job!.run_at.getTime() > Date.now(), "graphile-worker retries it later");

  // Make the retry due now and the last one allowed.
  await asRoot(db, (c) => c.query(
    "select graphile_worker.reschedule_jobs(array[$1]::bigint[], run_at := now(), max_attempts := 2)", [job!.id]));
  await runJobs();

  t.is(received.length, before);
  const last = await emailRow(id);
  t.like(last, { status: "failed", attempts: 2, sent_at: null });
  t.regex(last!.last_error ?? "", /mailbox unavailable/);
  t.like(await sendJob(id), { attempts: 2, max_attempts: 2 }, "the exhausted job is kept for inspection");
});

test.serial("a malformed payload fails the job and touches no email", async (t) => {
  const jobId = await addJob("emails__send", { id: "not-a-uuid" });
  const before = received.length;

  await runJobs();

  t.is(received.length, before);
  const job = await asRoot(db, async (c) => (await c.query<{ attempts: number; last_error: string | null }>(
    "select attempts, last_error from graphile_worker.jobs where id = $1", [jobId])).rows[0]);
  t.is(job?.attempts, 1);
  t.regex(job?.last_error ?? "", /expects the payload \{ id: uuid \}/);
  // Kept out of the later tests' worker passes.
  await asRoot(db, (c) => c.query("select graphile_worker.permanently_fail_jobs(array[$1]::bigint[], 'test')", [jobId]));
});

test.serial("without SMTP_URL each email is written as a readable .eml file into MAIL_DIR", async (t) => {
  const mailDir = join(tmp, "task-mail"); // does not exist yet
  const mailer = createMailer(readMailConfig({ ...process.env, SMTP_URL: "", MAIL_DIR: mailDir, MAIL_FROM }));
  const id = await queueEmail("erin@example.test", "Code de vérification", "Bonjour Erin,\n\nVotre code : 123456.");

  await runJobs({ emails__send: makeEmailsSendTask({ mailer }) });

  const files = await readdir(mailDir);
  t.is(files.length, 1);
  t.regex(files[0]!, new RegExp(`^\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z-${id}\\.eml$`));
  const eml = await readFile(join(mailDir, files[0]!), "utf8");
  t.regex(eml, /^To: erin@example\.test$/m);
  t.regex(eml, /^Subject: =\?UTF-8\?Q\?Code_de_v=C3=A9rification\?=$/m, "non-ASCII subjects are encoded");
  t.regex(eml, new RegExp(`^Message-ID: <${id}@p2p\\.test>$`, "m"));
  t.false(eml.includes("\r\n"), "plain Unix line endings, for reading in an editor");
  t.like(await emailRow(id), { status: "sent", attempts: 1 });
});

test.serial("dev:mail prints the newest emails, decoded, newest first", async (t) => {
  const mailDir = join(tmp, "dev-mail");
  const mailer = createMailer(readMailConfig({ ...process.env, SMTP_URL: "", MAIL_DIR: mailDir }));
  const long = "Ligne longue avec des accents — é à ü — ".repeat(4);
  for (const [n, text] of [[1, "first"], [2, long], [3, "third"]] as const) {
    await mailer.send({ id: `00000000-0000-4000-8000-00000000000${n}`, to: `zoë${n}@example.test`,
      subject: `Message ${n} · café`, text: `Body ${n}\n${text}` });
    await new Promise((resolve) => setTimeout(resolve, 5)); // distinct timestamps in the file names
  }
  const run = (...args: string[]) => promisify(execFile)(process.execPath, [DEV_MAIL, ...args],
    { env: { PATH: process.env.PATH, MAIL_DIR: mailDir } });

  const { stdout } = await run("2");

  t.true(stdout.indexOf("Message 3 · café") < stdout.indexOf("Message 2 · café"), "newest first");
  t.false(stdout.includes("Message 1"), "only the newest two");
  t.regex(stdout, /^To: {6}zoë3@example\.test$/m, "UTF-8 address");
  t.true(stdout.includes(`Body 2\n${long.trimEnd()}`), "quoted-printable body decoded");
  t.regex(stdout, /2 of 3 email\(s\)/);
  t.true((await run("--all")).stdout.includes("Message 1 · café"));
  const empty = await promisify(execFile)(process.execPath, [DEV_MAIL], { env: { MAIL_DIR: join(tmp, "none") } });
  t.regex(empty.stdout, /^No emails in .* yet\.$/m);
});

test.serial("maintenance__cleanup_expired_data deletes only sessions that ended before the retention period", async (t) => {
  const { id: userId } = await createUser(db);
  // retention.sessions_days is 30; a session ends at the earlier of revoked_at and expires_at.
  const sessions = {
    oldRevoked: ["now() + interval '1 day'", "now() - interval '31 days'"],
    oldExpired: ["now() - interval '31 days'", "null"],
    live: ["now() + interval '1 day'", "null"],
    recentlyRevoked: ["now() + interval '1 day'", "now() - interval '29 days'"],
    recentlyExpired: ["now() - interval '29 days'", "null"],
  };
  const ids = new Map<string, string>();
  await asRoot(db, async (c) => {
    for (const [label, [expiresAt, revokedAt]] of Object.entries(sessions)) {
      const { rows } = await c.query<{ id: string }>(
        `insert into app_private.sessions (user_id, expires_at, revoked_at) values ($1, ${expiresAt}, ${revokedAt})
         returning id`, [userId]);
      ids.set(rows[0]!.id, label);
    }
  });
  await addJob("maintenance__cleanup_expired_data", {});

  await runJobs();

  const left = await asRoot(db, async (c) => (await c.query<{ id: string }>(
    "select id from app_private.sessions where user_id = $1", [userId])).rows.map((r) => ids.get(r.id)).sort());
  t.deepEqual(left, ["live", "recentlyExpired", "recentlyRevoked"]);
  const counts = logs.find((l) => l.message === "expired data cleaned up")?.meta?.counts;
  t.like(counts, { sessions_pruned: 2, account_tokens_pruned: 0, documents_expired: 0, offers_expired: 0,
    users_anonymised: 0, requests_expired: 0, trip_weather_deleted: 0 });
  const pending = await asRoot(db, async (c) => (await c.query(
    "select count(*)::int as n from graphile_worker.jobs where task_identifier = 'maintenance__cleanup_expired_data'")).rows[0].n);
  t.is(pending, 0);
});

test.serial("the crontab cleans up expired data daily at 02:00 UTC under a fixed id, with a day of backfill", async (t) => {
  const items = parseCrontab(await readFile(CRONTAB_FILE, "utf8"));
  // Other domains add their own lines (e.g. trips); this test is about the cleanup line.
  const item = items.find((i) => i.task === "maintenance__cleanup_expired_data");
  t.truthy(item);
  t.like(item, { task: "maintenance__cleanup_expired_data", identifier: "cleanup_expired_data", payload: null,
    options: { backfillPeriod: 24 * 3600 * 1000 } });
  t.true(item!.match({ min: 0, hour: 2, date: 1, month: 1, dow: 4 }));
  t.false(item!.match({ min: 0, hour: 3, date: 1, month: 1, dow: 4 }));
  t.true(Object.hasOwn(taskList, item!.task), "the task exists");
});
