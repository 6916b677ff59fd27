import type { IncomingMessage } from "node:http";
import { identityOf } from "./auth.ts";

/**
 * Turns the identity verified by the authenticate middleware into the settings PostGraphile applies with
 * set_config(…, true) in each request's transaction. No identity means app_anonymous.
 */
export function makeContext(statementTimeout: string) {
  return (requestContext: Partial<Grafast.RequestContext>): { pgSettings: Record<string, string> } => {
    const req: IncomingMessage | undefined = requestContext.expressv4?.req ?? requestContext.node?.req;
    const identity = identityOf(req);
    const pgSettings: Record<string, string> = { role: "app_anonymous", statement_timeout: statementTimeout };
    // For rate limits in SQL (app_hidden.current_ip()). Behind a proxy, set TRUST_PROXY so Express resolves it.
    const ip = (req as { ip?: string } | undefined)?.ip ?? req?.socket.remoteAddress;
    if (ip) pgSettings["request.ip"] = ip;
    if (identity) {
      pgSettings.role = identity.role;
      pgSettings["jwt.claims.session_id"] = identity.sessionId;
    }
    return { pgSettings };
  };
}
