// Access tokens: verified here (signature, algorithm, audience, expiry, claims), then the session they name is
// checked in the database, so a revoked or expired session stops working on the next request.
import type { IncomingMessage } from "node:http";
import type { NextFunction, Request, Response } from "express";
import jwt from "jsonwebtoken";
import type pg from "pg";
import type { Logger } from "../lib/log.ts";
import { sendError, UNAVAILABLE } from "./errors.ts";

/** Roles a token may select; a valid signature must never select app_owner. */
const TOKEN_ROLES = new Set(["app_user"]);
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface Identity {
  role: string;
  sessionId: string;
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
  if (typeof claims === "string" || !TOKEN_ROLES.has(String(claims.role)) || typeof claims.session_id !== "string" ||
      !UUID.test(claims.session_id)) {
    throw new AuthError("The access token is invalid", "TOKEN");
  }
  return { role: String(claims.role), sessionId: claims.session_id };
}

const identities = new WeakMap<IncomingMessage, Identity>();

/** The identity the authenticate middleware verified for this request; undefined means anonymous. */
export function identityOf(req: IncomingMessage | undefined): Identity | undefined {
  return req ? identities.get(req) : undefined;
}

export function authenticate(ownerPool: pg.Pool, secret: string, log: Logger) {
  return async (req: Request, res: Response, next: NextFunction): Promise<void> => {
    const header = req.headers.authorization;
    if (header === undefined) return next();
    try {
      const match = /^Bearer ([A-Za-z0-9_-]+\.[A-Za-z0-9_-]*\.[A-Za-z0-9_-]*)$/.exec(header);
      if (!match) throw new AuthError("Send the access token as 'Authorization: Bearer <token>'", "TOKEN");
      const identity = verifyAccessToken(match[1]!, secret);
      const { rows } = await ownerPool.query<{ live: boolean }>("select app_private.touch_session($1) as live",
        [identity.sessionId]);
      if (!rows[0]?.live) throw new AuthError("Your session has ended; log in again", "LOGIN");
      identities.set(req, identity);
      next();
    } catch (error) {
      if (error instanceof AuthError) {
        log.info({ reqId: res.locals.reqId, code: error.code }, error.message);
        sendError(res, 401, error.message, error.code);
      } else {
        log.error({ reqId: res.locals.reqId, err: error }, "session check failed");
        sendError(res, 503, UNAVAILABLE.message, UNAVAILABLE.code);
      }
    }
  };
}
