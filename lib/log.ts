import { pino, type Logger } from "pino";

/** Structured JSON logs; tokens, passwords and secrets never reach them. */
export function makeLogger(level: string): Logger {
  return pino({
    level,
    redact: {
      paths: ["req.headers.authorization", "headers.authorization", "*.password", "*.token", "*.jwtToken", "*.secret",
        "*.accessToken", "*.refreshToken", "*.mfaChallenge", "*.challenge", "*.code", "*.backupCodes", "*.otpauthUri"],
      censor: "[redacted]",
    },
  });
}
export type { Logger };
