// The IDE in a real browser (Debian's chromium, driven by playwright-core; scripts/lib/bootstrap.sh installs it on
// first `npm test`): in development /graphiql loads, its documentation explorer shows the descriptions written as
// SQL comments, and it runs a query; in production nothing is served there.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import test from "ava";
import { type BrowserContext, chromium } from "playwright-core";
import { createTestDatabase, type TestDatabase } from "../helpers/database.ts";
import { startTestServer, type TestServer } from "../helpers/server.ts";

/** Flags that let Debian's chromium run headless as root in a container, offline. */
const CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
  "--disable-background-networking", "--disable-component-update", "--disable-sync"];

let db: TestDatabase;
let dev: TestServer;
let prod: TestServer;
let profile: string;
let browser: BrowserContext;
test.before(async () => {
  db = await createTestDatabase();
  [dev, prod] = await Promise.all([startTestServer(db),
    startTestServer(db, { NODE_ENV: "production", SMTP_URL: "smtp://127.0.0.1:1", SMS_URL: "http://127.0.0.1:1/sms",
      STRIPE_SECRET_KEY: "sk_test_production_mode", STRIPE_WEBHOOK_SECRET: "whsec_production_mode" })]);
  profile = await mkdtemp(join(tmpdir(), "p2p-chromium-"));
  browser = await chromium.launchPersistentContext(profile, { executablePath: "/usr/bin/chromium", args: CHROMIUM_ARGS,
    headless: true });
});
test.after.always(async () => {
  await browser?.close();
  if (profile) await rm(profile, { recursive: true, force: true });
  await Promise.all([dev?.close(), prod?.close()]);
  await db?.drop();
});

test.serial("development: /graphiql loads, documents the schema from the SQL comments and runs a query", async (t) => {
  const page = await browser.newPage();
  try {
    await page.goto(`${dev.url}/graphiql`);
    // The documentation explorer, opened on Query: its fields carry the COMMENT ON FUNCTION texts.
    await page.getByRole("button", { name: /documentation explorer/i }).click();
    await page.getByText("Query", { exact: true }).first().click();
    await page.getByText("currentUserId", { exact: true }).first().click();
    await page.getByText("Id of the signed-in user, or null when the session is missing, expired or revoked.")
      .first().waitFor();
    // A query typed into the editor and run.
    const editor = page.locator(".graphiql-query-editor .monaco-editor").first();
    await editor.click();
    await page.keyboard.press("ControlOrMeta+A");
    await page.keyboard.press("Delete");
    await page.keyboard.type("{ currentUserId __typename");
    await page.getByRole("button", { name: /execute query/i }).click();
    await page.locator(".graphiql-response").getByText(/"__typename":\s+"Query"/).waitFor();
    t.regex(await page.locator(".graphiql-response").textContent() ?? "", /"currentUserId":\s+null/, "Monaco renders spaces as no-break spaces");
  } catch (error) {
    await page.screenshot({ path: join(tmpdir(), "p2p-graphiql-failure.png") });
    throw error;
  } finally {
    await page.close();
  }
});

test.serial("production: nothing is served at /graphiql or as HTML on /graphql", async (t) => {
  const page = await browser.newPage();
  try {
    const ide = await page.goto(`${prod.url}/graphiql`);
    t.is(ide?.status(), 404);
    t.is(await page.locator("script").count(), 0);
    const graphql = await page.goto(`${prod.url}/graphql`);
    t.not(graphql?.status(), 200);
    t.false(/ruru|graphiql/i.test(await page.content()));
  } finally {
    await page.close();
  }
});
