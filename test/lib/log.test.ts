// lib/log.ts through a real pino logger writing JSON lines to a stream: error codes stay visible (they are what an
// operator needs first), secrets are redacted — passwords, tokens, the Authorization header, two-factor challenges
// and backup codes, and every value of GraphQL variables (where TOTP, backup and phone codes travel).
import { Writable } from "node:stream";
import test from "ava";
import { makeLogger, REDACTED } from "../../lib/log.ts";

/** The entries one call writes, parsed. */
function logged(write: (log: ReturnType<typeof makeLogger>) => void): Record<string, unknown> {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(chunk.toString("utf8"));
      done();
    },
  });
  // pino writes synchronously to a plain stream, so the line is there on return.
  write(makeLogger("info", stream));
  if (lines.length !== 1) throw new Error(`expected one log line, got ${lines.length}`);
  return JSON.parse(lines[0]!);
}

test("error codes stay visible: a SQLSTATE, a connection error, a token error code", (t) => {
  const sqlstate = Object.assign(new Error("Log in to do this"), { code: "LOGIN" });
  const refused = Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:5432"), { code: "ECONNREFUSED" });
  t.like(logged((log) => log.error({ err: sqlstate }, "masked GraphQL error")), { err: { code: "LOGIN" } });
  t.like(logged((log) => log.error({ err: refused }, "database unavailable")),
    { err: { code: "ECONNREFUSED", message: "connect ECONNREFUSED 127.0.0.1:5432" } });
  t.like(logged((log) => log.info({ reqId: "r1", code: "TOKEN" }, "token refused")), { code: "TOKEN", reqId: "r1" });
  t.like(logged((log) => log.warn({ pool: "owner", err: { code: "57P01" } }, "connection failed")),
    { err: { code: "57P01" }, pool: "owner" });
});

test("passwords, tokens and the Authorization header are redacted at the top and one level down", (t) => {
  const entry = logged((log) => log.info({
    password: "Sup3r-secret!",
    input: { currentPassword: "Old-secret!1", newPassword: "New-secret!1", email: "ann@example.com" },
    authResult: { accessToken: "eyJ.access.token", refreshToken: "refresh-token-value", mfaChallenge: "challenge-1" },
    twoFactor: { backupCodes: ["1111-2222"], otpauthUri: "otpauth://totp/P2P:ann?secret=ABC", secret: "ABC" },
    req: { headers: { authorization: "Bearer eyJ.access.token", "x-request-id": "r2" } },
    headers: { authorization: "Bearer eyJ.other.token" },
  }, "sign-in"));
  t.like(entry, {
    password: REDACTED,
    input: { currentPassword: REDACTED, newPassword: REDACTED, email: "ann@example.com" },
    authResult: { accessToken: REDACTED, refreshToken: REDACTED, mfaChallenge: REDACTED },
    twoFactor: { backupCodes: REDACTED, otpauthUri: REDACTED, secret: REDACTED },
    req: { headers: { authorization: REDACTED, "x-request-id": "r2" } },
    headers: { authorization: REDACTED },
  });
  const text = JSON.stringify(entry);
  for (const secret of ["Sup3r-secret!", "Old-secret", "eyJ", "refresh-token-value", "1111-2222", "otpauth://", "challenge-1"]) {
    t.false(text.includes(secret), secret);
  }
});

test("GraphQL variables keep their names and lose every value, whatever the client named them", (t) => {
  const entry = logged((log) => log.warn({
    operationName: "verify",
    variables: { code: "123456", c: "654321", input: { backupCode: "abcd-efgh", code: "111222" } },
    graphql: { variables: { phoneCode: "999888" } },
  }, "slow operation"));
  t.like(entry, {
    operationName: "verify",
    variables: { code: REDACTED, c: REDACTED, input: REDACTED },
    graphql: { variables: { phoneCode: REDACTED } },
  });
  const text = JSON.stringify(entry);
  for (const code of ["123456", "654321", "abcd-efgh", "111222", "999888"]) t.false(text.includes(code), code);
});
