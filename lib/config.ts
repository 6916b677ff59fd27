// The one reader of the environment. Entry points (server/main.ts, workers/main.ts, scripts) call readConfig() — or
// the reader of the one section they need — at boot, fail fast on a bad value, and pass the typed result down; no
// other module reads process.env. Each section has its own reader so that a tool needing only part of the
// configuration (e.g. scripts/dev-mail.ts, the database scripts) does not demand the rest.
//
// Adding a variable: read it in its section's reader below (unconditionally, so that test/lib/config.test.ts sees
// it), add the field to the section's interface, then document it in .env.example and README's environment table
// (that test fails until both mention it). A new section gets an interface, a reader and a field of Config.

type Source = NodeJS.ProcessEnv;

export interface DatabaseConfig {
  /** Owner connection (app_owner): migrations, session checks, and the worker unless workerUrl says otherwise. */
  url: string;
  /**
   * The worker's owner connection: direct to PostgreSQL, because graphile-worker LISTENs for new jobs, which a
   * transaction-pooling PgBouncer in front of the API (DATABASE_URL, AUTH_DATABASE_URL) cannot carry.
   */
  workerUrl: string;
  /** PostGraphile's connection (app_authenticator). */
  authUrl: string;
  /** Superuser connection, for setup (roles, database, extensions) and tests only; unset with an external server. */
  rootUrl: string | undefined;
  /** How long a request waits for a database connection (a new one, or a free one of a busy pool) before 503. */
  connectTimeoutMs: number;
}

export interface ApiConfig {
  port: number;
  /**
   * API processes `npm run start:prod` runs (node:cluster, sharing the port). 1 by default: on a machine whose cores
   * PostgreSQL shares, a second process cost more CPU per request than it gained (README "Scaling").
   */
  processes: number;
  /** statement_timeout of every GraphQL request's transaction, e.g. "5s". */
  statementTimeout: string;
  maxRequestBytes: number;
  /** Express 'trust proxy': which proxies may set X-Forwarded-For (hop count, or addresses/subnets). */
  trustProxy: number | string | false;
  /** Whether GraphQL introspection is answered: on outside production, off in production unless asked for. */
  introspection: boolean;
  /** Requests that hash passwords (login, register, …) running at once per API process: their bounded lane. */
  passwordHashConcurrency: number;
  /** Such requests waiting for the lane beyond which (or beyond the connect timeout) they get 503 + Retry-After. */
  passwordHashQueue: number;
}

export interface AuthConfig {
  /** HMAC key of access tokens. */
  jwtSecret: string;
  /**
   * Keys of the TOTP secrets at rest (pgcrypto): handed to SQL only in each request's transaction-local settings
   * (server/context.ts), never stored. `previous` is the key before the last rotation, while secrets sealed with it
   * move to the current one on their next use.
   */
  totpKeys: { current: string; previous: string | undefined };
}

export interface MailConfig {
  /** Outgoing SMTP server; unset in development: each message becomes an .eml file in `dir`. */
  smtpUrl: string | undefined;
  from: string;
  dir: string;
}

export interface SmsConfig {
  /** HTTP endpoint of the SMS gateway (POST JSON { to, body }); unset in development: texts go to `dir`. */
  url: string | undefined;
  token: string | undefined;
  dir: string;
}

export interface PushConfig {
  /** HTTP endpoint of the push provider (POST JSON { token, platform, title, body, data }); unset in development:
   * each push becomes a .json file in `dir`. */
  url: string | undefined;
  token: string | undefined;
  /** Development sink; undefined in production without PUSH_URL (push messages then fail: no provider). */
  dir: string | undefined;
}

export interface S3Config {
  bucket: string;
  region: string;
  /** An S3-compatible server's URL; unset: AWS's own endpoint for the region. */
  endpoint: string | undefined;
  /** Bucket in the path (`<endpoint>/<bucket>/<key>`) rather than in the host name: most S3-compatible servers. */
  forcePathStyle: boolean;
  /** Both or neither; neither (outside production only): the AWS SDK's default credential chain. */
  accessKeyId: string | undefined;
  secretAccessKey: string | undefined;
}

export interface FilesConfig {
  /** Where the bytes live (lib/storage.ts): local disk under `dir`, or the S3 bucket of `s3`. */
  storage: "local" | "s3";
  /** Where the local disk storage keeps the bytes (one file per storage key). */
  dir: string;
  /** The bucket, with FILES_STORAGE=s3; undefined otherwise. */
  s3: S3Config | undefined;
  /** HMAC key of the signed upload and download URLs. */
  signingKey: string;
  /** How long a signed URL stays valid. */
  urlSeconds: number;
  /** ClamAV's daemon (tcp://host:port or unix:///path) scanning every upload; unset: no malware scan. */
  clamavUrl: string | undefined;
}

export interface StripeConfig {
  /**
   * Whether Stripe is the fake on loopback (lib/stripe_fake.ts): STRIPE_SECRET_KEY is unset, outside production.
   * `npm start` then starts the fake itself; the official SDK talks to it exactly as to Stripe.
   */
  fake: boolean;
  /** Secret API key (sk_test_… or sk_live_…); a placeholder test key for the fake. */
  secretKey: string;
  /** Signing secret of the webhook endpoint (whsec_…): /webhooks/stripe verifies every event with it. */
  webhookSecret: string;
  /** Where the SDK sends API calls; unset with a real key (Stripe's own API), the fake's address without one. */
  host: string | undefined;
  port: number | undefined;
  protocol: "http" | "https" | undefined;
}

export type WeatherConfig = { provider: "offline" } | { provider: "http"; url: string; timeoutMs: number };

export interface WorkerConfig {
  /** Worker processes `npm run start:prod` runs beside the API processes. */
  processes: number;
  /** Jobs run at once (per worker process). */
  concurrency: number;
  /** How often a worker records that it is alive (and looks for dead workers' jobs). */
  heartbeatMs: number;
  /** Silence after which a worker counts as dead and its locked jobs run again elsewhere. */
  reclaimAfterMs: number;
}

export interface OperationsConfig {
  /** Where backups__create writes database dumps (pg_dump custom format), one file per backup. */
  backupDir: string;
  /** Where exports__create writes data exports (CSV or JSON), served by GET /exports/<id>. */
  exportDir: string;
  /**
   * Bearer token /metrics (Prometheus text) asks for; unset: /metrics answers only loopback clients (a scraper on the
   * same host or through a sidecar), everyone else 404.
   */
  metricsToken: string | undefined;
  /** Where pg_dump, pg_restore live (PG_BIN, as the bootstrap finds PostgreSQL's programs). */
  pgBin: string;
}

export interface Config {
  isProduction: boolean;
  /** pino level. */
  logLevel: string;
  database: DatabaseConfig;
  api: ApiConfig;
  auth: AuthConfig;
  mail: MailConfig;
  sms: SmsConfig;
  push: PushConfig;
  files: FilesConfig;
  weather: WeatherConfig;
  worker: WorkerConfig;
  stripe: StripeConfig;
  operations: OperationsConfig;
}

export function readConfig(source: Source = process.env): Config {
  return {
    isProduction: isProduction(source),
    logLevel: source.LOG_LEVEL || (source.NODE_ENV === "test" ? "silent" : "info"),
    database: readDatabaseConfig(source),
    api: readApiConfig(source),
    auth: readAuthConfig(source),
    mail: readMailConfig(source),
    sms: readSmsConfig(source),
    push: readPushConfig(source),
    files: readFilesConfig(source),
    weather: readWeatherConfig(source),
    worker: readWorkerConfig(source),
    stripe: readStripeConfig(source),
    operations: readOperationsConfig(source),
  };
}

export function readDatabaseConfig(source: Source = process.env): DatabaseConfig {
  const url = required(source, "DATABASE_URL");
  const authUrl = required(source, "AUTH_DATABASE_URL");
  return {
    url,
    workerUrl: source.WORKER_DATABASE_URL || url,
    authUrl,
    rootUrl: source.ROOT_DATABASE_URL || undefined,
    connectTimeoutMs: positiveInt(source, "DB_CONNECT_TIMEOUT_MS", 3_000),
  };
}

export function readApiConfig(source: Source = process.env): ApiConfig {
  const statementTimeout = source.STATEMENT_TIMEOUT || "5s";
  if (!/^\d+(ms|s|min)?$/.test(statementTimeout)) {
    throw new Error(`STATEMENT_TIMEOUT is not a duration: "${statementTimeout}"`);
  }
  const trustProxy = source.TRUST_PROXY;
  const introspection = source.GRAPHQL_INTROSPECTION || (isProduction(source) ? "off" : "on");
  if (introspection !== "on" && introspection !== "off") {
    throw new Error(`GRAPHQL_INTROSPECTION must be on or off, got "${introspection}"`);
  }
  return {
    port: positiveInt(source, "PORT", 5678),
    processes: positiveInt(source, "API_PROCESSES", 1),
    statementTimeout,
    maxRequestBytes: positiveInt(source, "MAX_REQUEST_BYTES", 100_000),
    trustProxy: !trustProxy ? false : /^\d+$/.test(trustProxy) ? Number(trustProxy) : trustProxy,
    introspection: introspection === "on",
    passwordHashConcurrency: positiveInt(source, "PASSWORD_HASH_CONCURRENCY", 2),
    passwordHashQueue: positiveInt(source, "PASSWORD_HASH_QUEUE", 20),
  };
}

export function readAuthConfig(source: Source = process.env): AuthConfig {
  const jwtSecret = required(source, "JWT_SECRET");
  if (jwtSecret.length < 32) throw new Error("JWT_SECRET needs at least 32 characters");
  const current = required(source, "TOTP_ENCRYPTION_KEY");
  if (current.length < 32) throw new Error("TOTP_ENCRYPTION_KEY needs at least 32 characters");
  const previous = source.TOTP_ENCRYPTION_KEY_PREVIOUS || undefined;
  if (previous !== undefined && (previous.length < 32 || previous === current)) {
    throw new Error(
      "TOTP_ENCRYPTION_KEY_PREVIOUS needs at least 32 characters and must differ from TOTP_ENCRYPTION_KEY"
    );
  }
  return { jwtSecret, totpKeys: { current, previous } };
}

export function readMailConfig(source: Source = process.env): MailConfig {
  const smtpUrl = source.SMTP_URL || undefined;
  if (isProduction(source) && !smtpUrl) throw new Error("SMTP_URL is required in production");
  return {
    smtpUrl,
    from: source.MAIL_FROM || "P2P Delivery <no-reply@p2p.localhost>",
    dir: source.MAIL_DIR || new URL("../.data/mail", import.meta.url).pathname,
  };
}

export function readSmsConfig(source: Source = process.env): SmsConfig {
  const url = source.SMS_URL || undefined;
  if (isProduction(source) && !url) throw new Error("SMS_URL is required in production");
  if (url && !/^https?:\/\//.test(url)) throw new Error(`SMS_URL is not an http(s) URL: "${url}"`);
  return {
    url,
    token: source.SMS_TOKEN || undefined,
    dir: source.SMS_DIR || new URL("../.data/sms", import.meta.url).pathname,
  };
}

export function readPushConfig(source: Source = process.env): PushConfig {
  const url = source.PUSH_URL || undefined;
  if (url && !/^https?:\/\//.test(url)) throw new Error(`PUSH_URL is not an http(s) URL: "${url}"`);
  return {
    url,
    token: source.PUSH_TOKEN || undefined,
    dir: isProduction(source) ? undefined : source.PUSH_DIR || new URL("../.data/push", import.meta.url).pathname,
  };
}

export function readFilesConfig(source: Source = process.env): FilesConfig {
  const signingKey = required(source, "FILES_SIGNING_KEY");
  if (signingKey.length < 32) throw new Error("FILES_SIGNING_KEY needs at least 32 characters");
  const urlSeconds = positiveInt(source, "FILES_URL_SECONDS", 300);
  if (urlSeconds > 3600)
    throw new Error("FILES_URL_SECONDS must be at most 3600 (a signed URL is a bearer credential)");
  const clamavUrl = source.CLAMAV_URL || undefined;
  if (clamavUrl && !/^(tcp:\/\/[^/]+|unix:\/\/\/.+)$/.test(clamavUrl)) {
    throw new Error(`CLAMAV_URL must be tcp://host:port or unix:///path, got "${clamavUrl}"`);
  }
  const storage = source.FILES_STORAGE || "local";
  if (storage !== "local" && storage !== "s3") throw new Error(`FILES_STORAGE must be local or s3, got "${storage}"`);
  const s3 = readS3Config(source);
  if (storage === "s3") {
    if (!s3.bucket) throw new Error("S3_BUCKET is required with FILES_STORAGE=s3");
    if (isProduction(source) && (!s3.accessKeyId || !s3.secretAccessKey)) {
      throw new Error("S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY are required in production with FILES_STORAGE=s3");
    }
  }
  return {
    storage,
    dir: source.FILES_DIR || new URL("../.data/files", import.meta.url).pathname,
    s3: storage === "s3" ? { ...s3, bucket: s3.bucket! } : undefined,
    signingKey,
    urlSeconds,
    clamavUrl,
  };
}

/** The S3_* variables, read whatever FILES_STORAGE says (so that a typo shows even before the switch). */
function readS3Config(source: Source): Omit<S3Config, "bucket"> & { bucket: string | undefined } {
  const endpoint = source.S3_ENDPOINT || undefined;
  if (endpoint && !/^https?:\/\/[^/]/.test(endpoint))
    throw new Error(`S3_ENDPOINT is not an http(s) URL: "${endpoint}"`);
  const pathStyle = source.S3_FORCE_PATH_STYLE || "false";
  if (pathStyle !== "true" && pathStyle !== "false") {
    throw new Error(`S3_FORCE_PATH_STYLE must be true or false, got "${pathStyle}"`);
  }
  const accessKeyId = source.S3_ACCESS_KEY_ID || undefined;
  const secretAccessKey = source.S3_SECRET_ACCESS_KEY || undefined;
  if (!accessKeyId !== !secretAccessKey) {
    throw new Error("S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY are set together or not at all");
  }
  return {
    bucket: source.S3_BUCKET || undefined,
    region: source.S3_REGION || "us-east-1",
    endpoint,
    forcePathStyle: pathStyle === "true",
    accessKeyId,
    secretAccessKey,
  };
}

export function readWeatherConfig(source: Source = process.env): WeatherConfig {
  const provider = source.WEATHER_PROVIDER || "offline";
  const url = source.WEATHER_URL;
  const timeoutMs = positiveInt(source, "WEATHER_TIMEOUT_MS", 5_000);
  if (provider === "offline") return { provider };
  if (provider !== "http") throw new Error(`WEATHER_PROVIDER must be offline or http, got "${provider}"`);
  if (!url) throw new Error("WEATHER_URL is required with WEATHER_PROVIDER=http");
  return { provider, url, timeoutMs };
}

export function readWorkerConfig(source: Source = process.env): WorkerConfig {
  const heartbeatMs = positiveInt(source, "WORKER_HEARTBEAT_MS", 15_000);
  const reclaimAfterMs = positiveInt(source, "WORKER_RECLAIM_AFTER_MS", 120_000);
  if (reclaimAfterMs < 2 * heartbeatMs) {
    throw new Error(
      "WORKER_RECLAIM_AFTER_MS must be at least twice WORKER_HEARTBEAT_MS (a live worker must never look dead)"
    );
  }
  return {
    processes: positiveInt(source, "WORKER_PROCESSES", 1),
    concurrency: positiveInt(source, "WORKER_CONCURRENCY", 5),
    heartbeatMs,
    reclaimAfterMs,
  };
}

/** The fake's signing secret when STRIPE_WEBHOOK_SECRET is unset: development and tests only, never production. */
export const FAKE_STRIPE_WEBHOOK_SECRET = "whsec_fake_development_only_not_a_secret";

export function readStripeConfig(source: Source = process.env): StripeConfig {
  const secretKey = source.STRIPE_SECRET_KEY || undefined;
  const webhookSecret = source.STRIPE_WEBHOOK_SECRET || undefined;
  const host = source.STRIPE_API_HOST || undefined;
  const rawPort = source.STRIPE_API_PORT || undefined;
  const protocol = source.STRIPE_API_PROTOCOL || undefined;
  if (protocol !== undefined && protocol !== "http" && protocol !== "https") {
    throw new Error(`STRIPE_API_PROTOCOL must be http or https, got "${protocol}"`);
  }
  const port = rawPort === undefined ? undefined : positiveInt(source, "STRIPE_API_PORT", 0);
  if (secretKey !== undefined && !/^(sk|rk)_(test|live)_[A-Za-z0-9_]+$/.test(secretKey)) {
    throw new Error("STRIPE_SECRET_KEY must be a Stripe secret key (sk_test_… or sk_live_…)");
  }
  if (webhookSecret !== undefined && !webhookSecret.startsWith("whsec_")) {
    throw new Error("STRIPE_WEBHOOK_SECRET must be a webhook signing secret (whsec_…)");
  }
  if (!secretKey) {
    if (isProduction(source)) throw new Error("STRIPE_SECRET_KEY is required in production");
    return {
      fake: true,
      secretKey: "sk_test_fake_loopback",
      webhookSecret: webhookSecret ?? FAKE_STRIPE_WEBHOOK_SECRET,
      host: host ?? "127.0.0.1",
      port: port ?? 12111,
      protocol: protocol ?? "http",
    };
  }
  if (!webhookSecret) throw new Error("STRIPE_WEBHOOK_SECRET is required with STRIPE_SECRET_KEY");
  return { fake: false, secretKey, webhookSecret, host, port, protocol: protocol as StripeConfig["protocol"] };
}

export function readOperationsConfig(source: Source = process.env): OperationsConfig {
  const metricsToken = source.METRICS_TOKEN || undefined;
  if (metricsToken !== undefined && metricsToken.length < 32)
    throw new Error("METRICS_TOKEN needs at least 32 characters");
  return {
    backupDir: source.BACKUP_DIR || new URL("../.data/backups", import.meta.url).pathname,
    exportDir: source.EXPORT_DIR || new URL("../.data/exports", import.meta.url).pathname,
    metricsToken,
    pgBin: readPgBin(source),
  };
}

/** Where the PostgreSQL 15 programs are (pg_dump for db/schema.sql); Debian keeps them off PATH. */
export function readPgBin(source: Source = process.env): string {
  return source.PG_BIN || "/usr/lib/postgresql/15/bin";
}

function isProduction(source: Source): boolean {
  return source.NODE_ENV === "production";
}

function required(source: Source, name: string): string {
  const value = source[name];
  if (!value) throw new Error(`Missing environment variable ${name} (run through npm, or see .env.example)`);
  return value;
}

function positiveInt(source: Source, name: string, fallback: number): number {
  const raw = source[name];
  if (raw === undefined || raw === "") return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value <= 0) throw new Error(`${name} must be a positive integer, got "${raw}"`);
  return value;
}
