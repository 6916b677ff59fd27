// The job worker end to end: N plain emails queued in one statement (their trigger enqueues one emails__send job
// each, as every email of the platform is sent), then the worker process(es) (`npm run worker`'s entry point,
// writing .eml files to a scratch folder) run them; jobs/s from the enqueueing commit to the last email marked sent.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { type BenchDatabase, discardJobs } from "../database.ts";
import { progressBar } from "../../lib/progress.ts";
import { startWorkerProcess } from "../processes.ts";

export interface WorkerFigures {
  processes: number;
  concurrency: number;
  jobs: number;
  seconds: number;
  perSecond: number;
}

const SUBJECT = "Bench worker";

export async function benchWorker(
  db: BenchDatabase,
  jobs: number,
  processes: number,
  concurrency: number
): Promise<WorkerFigures> {
  const mailDir = await mkdtemp(join(tmpdir(), "p2p-bench-mail-"));
  const owner = new pg.Client({ connectionString: db.ownerUrl });
  await owner.connect();
  const workers: Array<{ stop(): Promise<void> }> = [];
  try {
    // Earlier runs' leftovers: their emails are marked sent, other queued jobs (matching of bench writes) removed.
    await owner.query(
      "update app_private.emails set status = 'sent', sent_at = now() where subject = $1 and status <> 'sent'",
      [SUBJECT]
    );
    await discardJobs(owner, ["matching__record_candidates", "emails__send"]);
    const env = {
      DATABASE_URL: db.ownerUrl,
      AUTH_DATABASE_URL: db.authUrl,
      MAIL_DIR: mailDir,
      SMTP_URL: "",
      WORKER_CONCURRENCY: String(concurrency),
      NODE_ENV: "development",
    };
    for (let i = 0; i < processes; i++) workers.push(await startWorkerProcess(env));
    const bar = progressBar(`worker: ${jobs} emails`, jobs);
    const started = performance.now();
    await owner.query(
      `
      insert into app_private.emails (user_id, recipient, subject, body)
      select c.user_id, c.email, $1, 'A message from the bench.'
        from app_public.user_contacts c order by c.user_id limit $2`,
      [SUBJECT, jobs]
    );
    let left = jobs;
    while (left > 0) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      const {
        rows: [row],
      } = await owner.query<{ left: number }>(
        "select count(*)::int as left from app_private.emails where subject = $1 and status = 'queued'",
        [SUBJECT]
      );
      bar.tick(left - row!.left);
      left = row!.left;
      if (performance.now() - started > 300_000)
        throw new Error(`worker bench: ${left} emails still queued after 5 minutes`);
    }
    const seconds = (performance.now() - started) / 1000;
    bar.done();
    return { processes, concurrency, jobs, seconds, perSecond: jobs / seconds };
  } finally {
    await Promise.all(workers.map((w) => w.stop()));
    await owner.end();
    await rm(mailDir, { recursive: true, force: true });
  }
}
