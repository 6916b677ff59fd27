// `npm run start:prod` (server/prod.ts): API_PROCESSES API processes sharing one port and WORKER_PROCESSES job
// workers, supervised: both API processes answer GraphQL, a job enqueued by SQL runs in a worker process, an API
// process that dies is replaced, and SIGTERM stops everything with exit code 0.
import { spawn } from "node:child_process";
import { mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import test from "ava";
import { queryAsRoot, useTestDatabase } from "../helpers/database.ts";

const db = useTestDatabase(test);

async function waitFor<T>(probe: () => Promise<T | undefined>, what: string, ms = 60_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await probe().catch(() => undefined);
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

test("start:prod runs two API processes and a worker process, replaces a dead one and stops on SIGTERM", async (t) => {
  const mailDir = await mkdtemp(join(tmpdir(), "p2p-prod-mail-"));
  const port = 20_000 + Math.floor(Math.random() * 20_000);
  const child = spawn(process.execPath, ["server/prod.ts"], {
    env: { ...process.env, NODE_ENV: "development", LOG_LEVEL: "info", PORT: String(port), MAIL_DIR: mailDir, SMTP_URL: "",
      DATABASE_URL: db.ownerUrl, AUTH_DATABASE_URL: db.authUrl, API_PROCESSES: "2", WORKER_PROCESSES: "1" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout.on("data", (chunk) => { output += chunk; });
  child.stderr.on("data", (chunk) => { output += chunk; });
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  try {
    const base = `http://127.0.0.1:${port}`;
    const apiPids = () => [...output.matchAll(/"pid":(\d+)[^\n]*API on/g)].map((m) => Number(m[1]));
    await waitFor(async () => (apiPids().length >= 2 && (await fetch(`${base}/readyz`)).ok ? true : undefined),
      "two API processes");
    await waitFor(async () => (output.includes('"msg":"worker running"') ? true : undefined), "the worker process");
    const answers = await Promise.all(Array.from({ length: 20 }, async () => {
      const res = await fetch(`${base}/graphql`, { method: "POST", headers: { "content-type": "application/json" },
        body: JSON.stringify({ query: "{ currentUserId }" }) });
      return res.status;
    }));
    t.deepEqual(new Set(answers), new Set([200]));

    // A job enqueued in SQL runs in the worker process: a queued email is written to MAIL_DIR.
    await queryAsRoot(db, `
      with u as (insert into app_public.users (first_name, display_name, status) values ('Pat', 'Pat', 'active') returning id)
      insert into app_private.emails (user_id, recipient, subject, body) select id, 'pat@example.com', 'Hello', 'Hi' from u`);
    await waitFor(async () => ((await readdir(mailDir)).some((f) => f.endsWith(".eml")) ? true : undefined), "the email");

    // An API process that dies is replaced.
    const [first] = apiPids();
    process.kill(first!, "SIGKILL");
    await waitFor(async () => (apiPids().length >= 3 && output.includes("api process exited; restarting") ? true : undefined),
      "a new API process");
    t.is((await fetch(`${base}/readyz`)).status, 200);
  } finally {
    child.kill("SIGTERM");
    await rm(mailDir, { recursive: true, force: true }).catch(() => {});
  }
  t.is(await exited, 0, output.slice(-2000));
  t.regex(output, /"msg":"stopped"/);
});
