import type { IncomingMessage } from "node:http";
import type { AuthConfig } from "../lib/config.ts";
import { clientIpOf, identityOf } from "./auth.ts";

/**
 * Turns the identity admission verified (server/auth.ts) into the settings PostGraphile applies with
 * set_config(…, true) in each request's transaction. No identity means app_anonymous. The TOTP keys travel the same
 * way, so they exist in the database only for the length of a request's transaction (never in a table or a dump).
 */
export function makeContext(statementTimeout: string, totpKeys: AuthConfig["totpKeys"]) {
  return (requestContext: Partial<Grafast.RequestContext>): { pgSettings: Record<string, string> } => {
    const req: IncomingMessage | undefined = requestContext.node?.req;
    const identity = identityOf(req);
    const pgSettings: Record<string, string> = { role: "app_anonymous", statement_timeout: statementTimeout };
    // For rate limits in SQL (app_hidden.current_ip()). Behind a proxy, set TRUST_PROXY so admission resolves it.
    const ip = clientIpOf(req);
    if (ip) pgSettings["request.ip"] = ip;
    // Read by app_private.totp_key() (db/functions/identity/totp_secret.sql).
    pgSettings["app.totp_key"] = totpKeys.current;
    if (totpKeys.previous) pgSettings["app.totp_key_previous"] = totpKeys.previous;
    if (identity) {
      pgSettings.role = identity.role;
      pgSettings["jwt.claims.session_id"] = identity.sessionId;
    }
    return { pgSettings };
  };
}
