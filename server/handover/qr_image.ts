// The customer's handover code as a picture: GET /handover/qr.png?token=<token> (or qr.svg), with the customer's
// bearer token, draws a token issueQrCode gave them, so that the app can show it full screen for the traveler to
// scan. Only the delivery's customer gets an image, and only of a live code (app_hidden.qr_image_code, asked with the
// caller's own role and session as GraphQL asks). The token exists only in this request: nothing here stores it, the
// request log records the path without the query (server/app.ts), and no cache may keep the answer.
import type { IncomingMessage, ServerResponse } from "node:http";
import type pg from "pg";
import QRCode from "qrcode";
import type { Logger } from "../../lib/log.ts";
import { identityOf } from "../auth.ts";
import { sendError, sendRouteFailure } from "../errors.ts";
import { RETRY_AFTER_SECONDS } from "../limits.ts";

export const QR_IMAGE_PATHS = { "/handover/qr.png": "png", "/handover/qr.svg": "svg" } as const;
export type QrImagePath = keyof typeof QR_IMAGE_PATHS;

export function isQrImagePath(path: string): path is QrImagePath {
  return Object.hasOwn(QR_IMAGE_PATHS, path);
}

/** A token is far shorter than this; anything longer is not one, and is not sent to the database. */
const MAX_TOKEN_LENGTH = 1_000;

const REFUSALS = {
  invalid: [400, "INVAL", "token: this is not a handover code (or it is damaged)"],
  not_found: [404, "NTFND", "No handover code of yours has this token"],
  inactive: [409, "BADST", "This code was used, revoked or has expired; issue a new one"],
} as const;

export function makeQrImageRoute(deps: { authPool: pg.Pool; statementTimeout: string; log: Logger }) {
  const { authPool, statementTimeout, log } = deps;

  /** The verdict of app_hidden.qr_image_code for the signed-in caller, in their own role and session. */
  async function verdictFor(req: IncomingMessage, token: string): Promise<keyof typeof REFUSALS | "ok"> {
    const identity = identityOf(req)!;
    const client = await authPool.connect();
    try {
      await client.query("begin");
      await client.query(
        "select set_config('role', $1, true), set_config('jwt.claims.session_id', $2, true), set_config('statement_timeout', $3, true)",
        [identity.role, identity.sessionId, statementTimeout]
      );
      const { rows } = await client.query<{ verdict: keyof typeof REFUSALS | "ok" }>(
        "select verdict from app_hidden.qr_image_code($1)",
        [token]
      );
      await client.query("commit");
      return rows[0]!.verdict;
    } catch (error) {
      await client.query("rollback").catch(() => {});
      throw error;
    } finally {
      client.release();
    }
  }

  /** Answers a request admission let through (server/auth.ts: the bearer token and its live session). */
  return async (req: IncomingMessage, res: ServerResponse, path: QrImagePath, reqId: string): Promise<void> => {
    try {
      if (req.method !== "GET" && req.method !== "HEAD") {
        res.setHeader("allow", "GET, HEAD");
        sendError(res, 405, "The code's image is read with GET", "QUERY");
        return;
      }
      if (!identityOf(req)) {
        sendError(res, 401, "Sign in as the delivery's customer to show its code", "LOGIN");
        return;
      }
      const token = new URL(req.url ?? "/", "http://localhost").searchParams.get("token") ?? "";
      const verdict = token.length > 0 && token.length <= MAX_TOKEN_LENGTH ? await verdictFor(req, token) : "invalid";
      if (verdict !== "ok") {
        const [status, code, message] = REFUSALS[verdict];
        sendError(res, status, message, code);
        return;
      }
      const format = QR_IMAGE_PATHS[path];
      // Error correction M: the code stays readable with a cracked screen or glare, at a size a phone shows whole.
      const options = { errorCorrectionLevel: "M", margin: 2 } as const;
      const body =
        format === "png"
          ? await QRCode.toBuffer(token, { ...options, type: "png", width: 512 })
          : Buffer.from(await QRCode.toString(token, { ...options, type: "svg" }));
      res.writeHead(200, {
        "content-type": format === "png" ? "image/png" : "image/svg+xml",
        "content-length": String(body.length),
        // The image is the code: no cache, proxy or browser history may keep it.
        "cache-control": "no-store",
        pragma: "no-cache",
        "referrer-policy": "no-referrer",
        "x-content-type-options": "nosniff",
        "content-security-policy": "default-src 'none'; style-src 'unsafe-inline'; sandbox",
      });
      res.end(req.method === "HEAD" ? undefined : body);
    } catch (error) {
      sendRouteFailure(res, log, reqId, error, "QR image request", RETRY_AFTER_SECONDS);
    }
  };
}
