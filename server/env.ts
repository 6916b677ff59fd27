// The one place where configuration is read and validated; every entry point calls readEnv() at boot.

export interface Env {
  databaseUrl: string;
  authDatabaseUrl: string;
  jwtSecret: string;
  /** Key of the TOTP secrets at rest (pgcrypto); handed to SQL per request only (server/context.ts). */
  totpEncryptionKey: string;
  /** The key before the last rotation, while secrets still sealed with it move to the new one. */
  totpEncryptionKeyPrevious: string | undefined;
  nodeEnv: string;
  isProduction: boolean;
  port: number;
  logLevel: string;
  statementTimeout: string;
  maxRequestBytes: number;
  smtpUrl: string | undefined;
  mailFrom: string;
  mailDir: string;
  /** HTTP endpoint of the SMS gateway (POST JSON { to, body }); unset in development: texts go to smsDir. */
  smsUrl: string | undefined;
  smsToken: string | undefined;
  smsDir: string;
  workerConcurrency: number;
  /** How long a request waits for a database connection (a new one, or a free one of a busy pool) before 503. */
  dbConnectTimeoutMs: number;
  /** Express 'trust proxy': which proxies may set X-Forwarded-For (hop count, or addresses/subnets). */
  trustProxy: number | string | false;
}

function positiveInt(source: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = source[name];
  if (raw === undefined || raw === "") return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value <= 0) throw new Error(`${name} must be a positive integer, got "${raw}"`);
  return value;
}

export function readEnv(source: NodeJS.ProcessEnv = process.env): Env {
  const required = ["DATABASE_URL", "AUTH_DATABASE_URL", "JWT_SECRET", "TOTP_ENCRYPTION_KEY"] as const;
  const missing = required.filter((name) => !source[name]);
  if (missing.length > 0) {
    throw new Error(`Missing environment variables: ${missing.join(", ")} (run through npm, or see .env.example)`);
  }
  if (source.JWT_SECRET!.length < 32) throw new Error("JWT_SECRET needs at least 32 characters");
  if (source.TOTP_ENCRYPTION_KEY!.length < 32) throw new Error("TOTP_ENCRYPTION_KEY needs at least 32 characters");
  const totpPrevious = source.TOTP_ENCRYPTION_KEY_PREVIOUS || undefined;
  if (totpPrevious !== undefined && (totpPrevious.length < 32 || totpPrevious === source.TOTP_ENCRYPTION_KEY)) {
    throw new Error("TOTP_ENCRYPTION_KEY_PREVIOUS needs at least 32 characters and must differ from TOTP_ENCRYPTION_KEY");
  }
  const isProduction = source.NODE_ENV === "production";
  if (isProduction && !source.SMTP_URL) throw new Error("SMTP_URL is required in production");
  if (isProduction && !source.SMS_URL) throw new Error("SMS_URL is required in production");
  if (source.SMS_URL && !/^https?:\/\//.test(source.SMS_URL)) throw new Error(`SMS_URL is not an http(s) URL: "${source.SMS_URL}"`);
  const statementTimeout = source.STATEMENT_TIMEOUT || "5s";
  if (!/^\d+(ms|s|min)?$/.test(statementTimeout)) throw new Error(`STATEMENT_TIMEOUT is not a duration: "${statementTimeout}"`);
  return {
    databaseUrl: source.DATABASE_URL!,
    authDatabaseUrl: source.AUTH_DATABASE_URL!,
    jwtSecret: source.JWT_SECRET!,
    totpEncryptionKey: source.TOTP_ENCRYPTION_KEY!,
    totpEncryptionKeyPrevious: totpPrevious,
    nodeEnv: source.NODE_ENV || "development",
    isProduction,
    port: positiveInt(source, "PORT", 5678),
    logLevel: source.LOG_LEVEL || (source.NODE_ENV === "test" ? "silent" : "info"),
    statementTimeout,
    maxRequestBytes: positiveInt(source, "MAX_REQUEST_BYTES", 100_000),
    smtpUrl: source.SMTP_URL || undefined,
    mailFrom: source.MAIL_FROM || "P2P Delivery <no-reply@p2p.localhost>",
    mailDir: source.MAIL_DIR || new URL("../.data/mail", import.meta.url).pathname,
    smsUrl: source.SMS_URL || undefined,
    smsToken: source.SMS_TOKEN || undefined,
    smsDir: source.SMS_DIR || new URL("../.data/sms", import.meta.url).pathname,
    workerConcurrency: positiveInt(source, "WORKER_CONCURRENCY", 5),
    dbConnectTimeoutMs: positiveInt(source, "DB_CONNECT_TIMEOUT_MS", 3_000),
    trustProxy: !source.TRUST_PROXY ? false : /^\d+$/.test(source.TRUST_PROXY) ? Number(source.TRUST_PROXY) : source.TRUST_PROXY,
  };
}
