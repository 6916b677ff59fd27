// The real entry point (server/main.ts, what `npm start` runs after migrating): API and worker in one process,
// a register → login → currentUser round trip, the verification email delivered by the worker and its link followed,
// and a clean SIGTERM.
import { spawn } from "node:child_process";
import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import test from "ava";
import { useTestDatabase } from "../helpers/database.ts";

const db = useTestDatabase(test);
let mailDir: string;
test.before(async () => {
  mailDir = await mkdtemp(join(tmpdir(), "p2p-mail-"));
});
test.after.always(async () => {
  await rm(mailDir, { recursive: true, force: true });
});

async function waitFor<T>(probe: () => Promise<T | undefined>, what: string, ms = 20_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await probe().catch(() => undefined);
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

test("npm start's process serves GraphQL, runs jobs and stops cleanly on SIGTERM", async (t) => {
  const port = 20_000 + Math.floor(Math.random() * 20_000);
  const child = spawn(process.execPath, ["server/main.ts"], {
    env: { ...process.env, NODE_ENV: "development", LOG_LEVEL: "info", PORT: String(port), MAIL_DIR: mailDir,
      SMTP_URL: "", DATABASE_URL: db.ownerUrl, AUTH_DATABASE_URL: db.authUrl },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout.on("data", (chunk) => { output += chunk; });
  child.stderr.on("data", (chunk) => { output += chunk; });
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  try {
    const base = `http://127.0.0.1:${port}`;
    // Schema build and worker start on a loaded machine; a failure shows what the process printed.
    await waitFor(async () => ((await fetch(`${base}/readyz`)).ok ? true : undefined), "the server to be ready", 60_000)
      .catch((error: Error) => { throw new Error(`${error.message}; the process printed:\n${output.slice(-4000)}`); });
    const gql = async (query: string, token?: string) => {
      const res = await fetch(`${base}/graphql`, { method: "POST", body: JSON.stringify({ query }),
        headers: { "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}) } });
      return (await res.json()) as { data: Record<string, any> };
    };
    const registered = await gql('mutation { register(input: {email: "main@example.com", password: "Sup3r-secret!", firstName: "Mia", lastName: "Ng", acceptTerms: true}) { success } }');
    t.deepEqual(registered.data, { register: { success: true } });
    const login = await gql('mutation { login(input: {email: "main@example.com", password: "Sup3r-secret!"}) { authResult { accessToken } } }');
    const token = login.data.login.authResult.accessToken;
    const me = await gql("{ currentUser { displayName status } }", token);
    t.deepEqual(me.data, { currentUser: { displayName: "Mia N.", status: "pending" } });

    // The worker mints the link's token while sending; following it activates the account.
    const file = await waitFor(async () => (await readdir(mailDir)).find((f) => f.endsWith(".eml")), "the verification email");
    const message = (await readFile(join(mailDir, file), "utf8")).replace(/=\r?\n/g, "");
    t.regex(message, /^To: main@example\.com/m);
    t.regex(message, /Confirm your email address/);
    const link = /verify-email\?token=3D([0-9a-f]{64})|verify-email\?token=([0-9a-f]{64})/.exec(message);
    t.truthy(link, "the email carries the verification link");
    const verified = await gql(`mutation { verifyEmail(input: {token: "${link![1] ?? link![2]}"}) { success } }`);
    t.deepEqual(verified.data, { verifyEmail: { success: true } });
    t.deepEqual((await gql("{ currentUser { status } }", token)).data, { currentUser: { status: "active" } });
    t.regex(output, /"msg":"request"/, "requests are logged as JSON lines");
    t.notRegex(output, /Sup3r-secret!/, "no password reaches the logs");
  } finally {
    child.kill("SIGTERM");
  }
  t.is(await exited, 0, output.slice(-2000));
  t.regex(output, /"msg":"stopped"/);
});
