import type { IncomingMessage } from "node:http";
import { type DocumentNode, getOperationAST } from "postgraphile/graphql";
import type { AuthConfig } from "../lib/config.ts";
import { clientIpOf, identityOf } from "./auth.ts";

/**
 * Turns the identity admission verified (server/auth.ts; server/websocket.ts for websockets) into the settings PostGraphile applies with
 * set_config(…, true) in each request's transaction. No identity means app_anonymous. The TOTP keys travel the same
 * way, so they exist in the database only for the length of a request's transaction (never in a table or a dump).
 */
export function makeContext(statementTimeout: string, totpKeys: AuthConfig["totpKeys"]) {
  return (
    requestContext: Partial<Grafast.RequestContext>,
    args?: { document: DocumentNode; operationName?: string | null }
  ): { pgSettings: Record<string, string> } => {
    // Over a websocket, the upgrade request carries what admission learnt at connection (server/websocket.ts).
    const req: IncomingMessage | undefined = requestContext.node?.req ?? requestContext.ws?.request;
    const identity = identityOf(req);
    const pgSettings: Record<string, string> = { role: "app_anonymous", statement_timeout: statementTimeout };
    // Only mutations read the client address (rate limits: app_hidden.current_ip()) and the TOTP keys (login and
    // two-factor: app_private.totp_key()); queries go without them, so each read's transaction sets fewer values
    // and the keys leave the process only when a mutation may need them. An unknown operation gets everything.
    if (args === undefined || getOperationAST(args.document, args.operationName)?.operation !== "query") {
      // Behind a proxy, set TRUST_PROXY so that admission resolves the address.
      const ip = clientIpOf(req);
      if (ip) pgSettings["request.ip"] = ip;
      pgSettings["app.totp_key"] = totpKeys.current;
      if (totpKeys.previous) pgSettings["app.totp_key_previous"] = totpKeys.previous;
    }
    if (identity) {
      pgSettings.role = identity.role;
      pgSettings["jwt.claims.session_id"] = identity.sessionId;
    }
    return { pgSettings };
  };
}
