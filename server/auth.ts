// Access tokens: verified here (signature, algorithm, audience, expiry, claims), then the session they name is
// checked in the database, so a revoked or expired session stops working on the next request. The same round trip
// counts the request against the hourly request budget.
import type { IncomingMessage, ServerResponse } from "node:http";
import jwt from "jsonwebtoken";
import type pg from "pg";
import type { Logger } from "../lib/log.ts";
import { sendError, UNAVAILABLE } from "./errors.ts";
import { RETRY_AFTER_SECONDS } from "./limits.ts";

const RATE_LIMITED = { code: "LIMIT", message: "Too many requests this hour; try again after Retry-After seconds" };

/** Roles a token may select; a valid signature must never select app_owner. */
const TOKEN_ROLES = new Set(["app_user"]);
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface Identity {
  role: string;
  sessionId: string;
  /** When the token expires (seconds since the epoch): a websocket admitted with it is closed then. */
  expiresAt: number;
}

export class AuthError extends Error {
  readonly code: "TOKEN" | "LOGIN";
  constructor(message: string, code: "TOKEN" | "LOGIN") {
    super(message);
    this.code = code;
  }
}

export function verifyAccessToken(token: string, secret: string): Identity {
  let claims: string | jwt.JwtPayload;
  try {
    claims = jwt.verify(token, secret, { algorithms: ["HS256"], audience: "postgraphile", issuer: "postgraphile" });
  } catch (error) {
    if (error instanceof jwt.TokenExpiredError) throw new AuthError("Your session has expired; log in again", "LOGIN");
    throw new AuthError("The access token is invalid", "TOKEN");
  }
  // exp is required: a token without one would stay valid forever once leaked (jsonwebtoken only checks it if set).
  if (
    typeof claims === "string" ||
    !TOKEN_ROLES.has(String(claims.role)) ||
    typeof claims.session_id !== "string" ||
    !UUID.test(claims.session_id) ||
    typeof claims.exp !== "number"
  ) {
    throw new AuthError("The access token is invalid", "TOKEN");
  }
  return { role: String(claims.role), sessionId: claims.session_id, expiresAt: claims.exp };
}

/** What admission learnt about a request: its verified identity (none: anonymous) and its client address. */
interface Admission {
  identity: Identity | undefined;
  ip: string | undefined;
}

const admissions = new WeakMap<IncomingMessage, Admission>();

/** The identity admission verified for this request; undefined means anonymous. */
export function identityOf(req: IncomingMessage | undefined): Identity | undefined {
  return req ? admissions.get(req)?.identity : undefined;
}

/** The client address of an admitted request (behind TRUST_PROXY, the one X-Forwarded-For names). */
export function clientIpOf(req: IncomingMessage | undefined): string | undefined {
  return req ? (admissions.get(req)?.ip ?? req.socket.remoteAddress) : undefined;
}

/** The hourly request budget is used up: retry after retryAfter seconds. */
export class RateLimited extends Error {
  readonly code = RATE_LIMITED.code;
  readonly retryAfter: number;
  constructor(retryAfter: number) {
    super(RATE_LIMITED.message);
    this.retryAfter = retryAfter;
  }
}

/**
 * The check every admitted request and websocket passes: verifies the bearer token if there is one, then one round
 * trip (app_private.admit_api_request) checks its session live and counts the request against the hourly budget of
 * its user, or of its client address when anonymous. Resolves to the identity (undefined: anonymous); throws
 * AuthError (TOKEN, LOGIN), RateLimited, or the database's error when it is unreachable.
 */
export function makeAdmissionCheck(ownerPool: pg.Pool, secret: string) {
  return async (authorization: string | undefined, ip: string | undefined): Promise<Identity | undefined> => {
    let identity: Identity | undefined;
    if (authorization !== undefined) {
      const match = /^Bearer ([A-Za-z0-9_-]+\.[A-Za-z0-9_-]*\.[A-Za-z0-9_-]*)$/.exec(authorization);
      if (!match) throw new AuthError("Send the access token as 'Authorization: Bearer <token>'", "TOKEN");
      identity = verifyAccessToken(match[1]!, secret);
    }
    const { rows } = await ownerPool.query<{ live: boolean | null; retry_after: number }>(
      "select live, retry_after from app_private.admit_api_request($1, $2)",
      [identity?.sessionId ?? null, ip ?? null]
    );
    const { live, retry_after: retryAfter } = rows[0]!;
    if (identity && !live) throw new AuthError("Your session has ended; log in again", "LOGIN");
    if (retryAfter > 0) throw new RateLimited(retryAfter);
    return identity;
  };
}

/** Records what admission learnt about a request (or a websocket's upgrade request) for the context to read. */
export function recordAdmission(req: IncomingMessage, identity: Identity | undefined, ip: string | undefined): void {
  admissions.set(req, { identity, ip });
}

/**
 * Every /graphql request, before grafserv sees it: the admission check (makeAdmissionCheck). Resolves true when the
 * request may go on; otherwise it has answered: 401 TOKEN or LOGIN, 429 LIMIT with Retry-After over budget, 503
 * UNAVL with Retry-After when the database is unreachable. Plain node:http, so that GraphQL requests need no Express
 * (server/app.ts).
 */
export function makeAdmission(
  ownerPool: pg.Pool,
  secret: string,
  log: Logger,
  clientIp: (req: IncomingMessage) => string | undefined
) {
  const check = makeAdmissionCheck(ownerPool, secret);
  return async (req: IncomingMessage, res: ServerResponse, reqId: string): Promise<boolean> => {
    const ip = clientIp(req);
    try {
      const identity = await check(req.headers.authorization, ip);
      recordAdmission(req, identity, ip);
      return true;
    } catch (error) {
      if (error instanceof AuthError) {
        log.info({ reqId, code: error.code }, error.message);
        sendError(res, 401, error.message, error.code);
      } else if (error instanceof RateLimited) {
        log.info({ reqId, retryAfter: error.retryAfter }, "hourly request budget used up");
        res.setHeader("retry-after", String(error.retryAfter));
        sendError(res, 429, error.message, error.code);
      } else {
        log.error({ reqId, err: error }, "request admission failed");
        res.setHeader("retry-after", String(RETRY_AFTER_SECONDS));
        sendError(res, 503, UNAVAILABLE.message, UNAVAILABLE.code);
      }
      return false;
    }
  };
}
