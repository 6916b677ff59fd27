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
    if (identity) {
      pgSettings.role = identity.role;
      pgSettings["jwt.claims.session_id"] = identity.sessionId;
    }
    return { pgSettings };
  };
}
