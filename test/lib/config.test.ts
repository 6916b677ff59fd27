// lib/config.ts, the one reader of the environment: what it accepts, refuses and defaults, and that every variable
// it reads is documented in .env.example and README's environment table.
import { readFile } from "node:fs/promises";
import test from "ava";
import { readConfig, readMailConfig } from "../../lib/config.ts";

const MINIMAL = {
  DATABASE_URL: "postgres://app_owner:pw@db.test/p2p",
  AUTH_DATABASE_URL: "postgres://app_authenticator:pw@db.test/p2p",
  JWT_SECRET: "x".repeat(32),
  TOTP_ENCRYPTION_KEY: "k".repeat(32),
  FILES_SIGNING_KEY: "f".repeat(32),
};
const PRODUCTION = { ...MINIMAL, NODE_ENV: "production", SMTP_URL: "smtp://mail.test", SMS_URL: "https://sms.test/send",
  STRIPE_SECRET_KEY: "sk_live_production", STRIPE_WEBHOOK_SECRET: "whsec_production" };

test("defaults: development, files instead of SMTP and SMS, offline weather", (t) => {
  const config = readConfig(MINIMAL);
  t.like(config, {
    isProduction: false,
    logLevel: "info",
    database: { url: MINIMAL.DATABASE_URL, authUrl: MINIMAL.AUTH_DATABASE_URL, rootUrl: undefined, connectTimeoutMs: 3000 },
    api: { port: 5678, statementTimeout: "5s", maxRequestBytes: 100_000, trustProxy: false },
    auth: { jwtSecret: MINIMAL.JWT_SECRET, totpKeys: { current: MINIMAL.TOTP_ENCRYPTION_KEY, previous: undefined } },
    mail: { smtpUrl: undefined, from: "P2P Delivery <no-reply@p2p.localhost>" },
    sms: { url: undefined, token: undefined },
    files: { signingKey: MINIMAL.FILES_SIGNING_KEY, urlSeconds: 300, clamavUrl: undefined },
    weather: { provider: "offline" },
    worker: { concurrency: 5, heartbeatMs: 15_000, reclaimAfterMs: 120_000 },
  });
  t.like(config.api, { introspection: true, passwordHashConcurrency: 2, passwordHashQueue: 20 });
  t.false(readConfig(PRODUCTION).api.introspection, "no introspection in production unless asked for");
  t.true(readConfig({ ...PRODUCTION, GRAPHQL_INTROSPECTION: "on" }).api.introspection);
  t.regex(config.mail.dir, /\/\.data\/mail$/);
  t.regex(config.sms.dir, /\/\.data\/sms$/);
  t.regex(config.files.dir, /\/\.data\/files$/);
  t.is(readConfig({ ...MINIMAL, NODE_ENV: "test" }).logLevel, "silent");
});

test("values are parsed: numbers, the proxy setting, the http weather provider", (t) => {
  const config = readConfig({ ...MINIMAL, PORT: "8080", TRUST_PROXY: "2", WEATHER_PROVIDER: "http",
    WEATHER_URL: "https://weather.test/f", WEATHER_TIMEOUT_MS: "900", WORKER_CONCURRENCY: "2" });
  t.like(config, { api: { port: 8080, trustProxy: 2 }, worker: { concurrency: 2 },
    weather: { provider: "http", url: "https://weather.test/f", timeoutMs: 900 } });
  t.is(readConfig({ ...MINIMAL, TRUST_PROXY: "loopback, 10.0.0.0/8" }).api.trustProxy, "loopback, 10.0.0.0/8");
  t.true(readConfig(PRODUCTION).isProduction);
});

test("bad or missing values stop the boot with the variable's name", (t) => {
  const refused: Array<[Record<string, string>, RegExp]> = [
    [{ ...MINIMAL, DATABASE_URL: "" }, /DATABASE_URL/],
    [{ ...MINIMAL, AUTH_DATABASE_URL: "" }, /AUTH_DATABASE_URL/],
    [{ ...MINIMAL, JWT_SECRET: "" }, /JWT_SECRET/],
    [{ ...MINIMAL, JWT_SECRET: "too-short" }, /JWT_SECRET needs at least 32/],
    [{ ...MINIMAL, TOTP_ENCRYPTION_KEY: "" }, /TOTP_ENCRYPTION_KEY/],
    [{ ...MINIMAL, TOTP_ENCRYPTION_KEY: "too-short" }, /TOTP_ENCRYPTION_KEY needs at least 32/],
    [{ ...MINIMAL, TOTP_ENCRYPTION_KEY_PREVIOUS: MINIMAL.TOTP_ENCRYPTION_KEY }, /must differ/],
    [{ ...MINIMAL, FILES_SIGNING_KEY: "" }, /FILES_SIGNING_KEY/],
    [{ ...MINIMAL, FILES_SIGNING_KEY: "too-short" }, /FILES_SIGNING_KEY needs at least 32/],
    [{ ...MINIMAL, FILES_URL_SECONDS: "86400" }, /FILES_URL_SECONDS must be at most 3600/],
    [{ ...MINIMAL, CLAMAV_URL: "clamd.local:3310" }, /CLAMAV_URL must be tcp:\/\/host:port or unix/],
    [{ ...MINIMAL, PORT: "http" }, /PORT must be a positive integer/],
    [{ ...MINIMAL, DB_CONNECT_TIMEOUT_MS: "-5" }, /DB_CONNECT_TIMEOUT_MS/],
    [{ ...MINIMAL, STATEMENT_TIMEOUT: "5 parsecs" }, /STATEMENT_TIMEOUT/],
    [{ ...MINIMAL, SMS_URL: "ftp://sms.test" }, /SMS_URL is not an http/],
    [{ ...PRODUCTION, SMTP_URL: "" }, /SMTP_URL is required in production/],
    [{ ...PRODUCTION, SMS_URL: "" }, /SMS_URL is required in production/],
    [{ ...MINIMAL, WEATHER_PROVIDER: "http" }, /WEATHER_URL is required/],
    [{ ...MINIMAL, GRAPHQL_INTROSPECTION: "yes" }, /GRAPHQL_INTROSPECTION must be on or off/],
    [{ ...MINIMAL, WORKER_HEARTBEAT_MS: "1000", WORKER_RECLAIM_AFTER_MS: "1500" }, /at least twice/],
    [{ ...PRODUCTION, STRIPE_SECRET_KEY: "" }, /STRIPE_SECRET_KEY is required in production/],
    [{ ...MINIMAL, STRIPE_SECRET_KEY: "sk_test_x" }, /STRIPE_WEBHOOK_SECRET is required/],
    [{ ...MINIMAL, STRIPE_SECRET_KEY: "pk_test_x", STRIPE_WEBHOOK_SECRET: "whsec_x" }, /must be a Stripe secret key/],
    [{ ...MINIMAL, STRIPE_SECRET_KEY: "sk_test_x", STRIPE_WEBHOOK_SECRET: "secret" }, /whsec_/],
    [{ ...MINIMAL, STRIPE_API_PROTOCOL: "ftp" }, /STRIPE_API_PROTOCOL must be http or https/],
  ];
  for (const [source, message] of refused) t.throws(() => readConfig(source), { message }, JSON.stringify(source));
});

test("Stripe: without a key, the fake on loopback; with one, Stripe's own API unless told otherwise", (t) => {
  t.like(readConfig(MINIMAL).stripe, { fake: true, host: "127.0.0.1", port: 12111, protocol: "http" });
  t.like(readConfig({ ...MINIMAL, STRIPE_API_PORT: "4242" }).stripe, { fake: true, port: 4242 });
  t.like(readConfig({ ...MINIMAL, STRIPE_SECRET_KEY: "sk_test_abc", STRIPE_WEBHOOK_SECRET: "whsec_abc" }).stripe,
    { fake: false, secretKey: "sk_test_abc", webhookSecret: "whsec_abc", host: undefined, port: undefined, protocol: undefined });
});

test("a tool reads only its section: the mail settings need no database", (t) => {
  t.like(readMailConfig({ MAIL_DIR: "/tmp/mail" }), { dir: "/tmp/mail", smtpUrl: undefined });
});

test("every variable lib/config.ts reads is documented in .env.example and in README's table", async (t) => {
  const read = new Set<string>();
  const source = new Proxy<Record<string, string | undefined>>(
    { ...PRODUCTION, WEATHER_PROVIDER: "http", WEATHER_URL: "https://weather.test/f" },
    { get: (target, name) => {
      if (typeof name === "string") read.add(name);
      return target[name as string];
    } });
  readConfig(source);
  t.true(read.size >= 20, `only ${[...read].join(", ")}`);
  const example = await readFile(new URL("../../.env.example", import.meta.url), "utf8");
  const readme = await readFile(new URL("../../README.md", import.meta.url), "utf8");
  for (const name of read) {
    t.regex(example, new RegExp(`^#? ?${name}=`, "m"), `${name} in .env.example`);
    t.true(readme.includes(`| \`${name}\` |`), `${name} in README's environment table`);
  }
});
