// Structured JSON logs (pino) for the server, the worker and the scripts. Secrets never reach them; error codes do:
// a SQLSTATE or `err.code: "ECONNREFUSED"` is what an operator needs first, so no rule hides a field named `code`.
import { type DestinationStream, type Logger, pino } from "pino";

/**
 * Fields that hold a secret wherever they appear at the top of a log entry or one object down (pino's `*.`):
 * passwords, tokens, two-factor challenges and backup codes, the otpauth:// URI (it carries the TOTP secret) and
 * the Authorization header.
 */
const SECRET_FIELDS = [
  "password",
  "currentPassword",
  "newPassword",
  "token",
  "accessToken",
  "refreshToken",
  "jwtToken",
  "secret",
  "mfaChallenge",
  "challenge",
  "backupCodes",
  "otpauthUri",
  "authorization",
];

/**
 * GraphQL variables are client input whose names the client chooses (`$c` may well hold a TOTP, backup or phone
 * code): their values are always hidden, their names kept.
 */
const VARIABLES_FIELD = "variables";

export const REDACTED = "[redacted]";

const REDACTED_PATHS = [
  ...SECRET_FIELDS.flatMap((field) => [field, `*.${field}`]),
  "req.headers.authorization",
  VARIABLES_FIELD,
  `*.${VARIABLES_FIELD}`,
];

function censor(value: unknown, path: string[]): unknown {
  if (path.at(-1) === VARIABLES_FIELD && typeof value === "object" && value !== null && !Array.isArray(value)) {
    return Object.fromEntries(Object.keys(value).map((name) => [name, REDACTED]));
  }
  return REDACTED;
}

/** The process's logger; `destination` (stdout by default) lets tests read what is written. */
export function makeLogger(level: string, destination?: DestinationStream): Logger {
  const options = { level, redact: { paths: REDACTED_PATHS, censor } };
  return destination ? pino(options, destination) : pino(options);
}

export type { Logger };
