// What a client may learn from an error. Domain errors are raised in SQL with the custom SQLSTATEs listed in
// db/ERROR_CODES.md (the single list: it is parsed here) and reach clients with their message and
// extensions.code; anything else is logged and masked.
import { createHash, randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import type { ServerResponse } from "node:http";
import { GraphQLError } from "postgraphile/graphql";
import { isSafeError } from "postgraphile/grafast";
import type { Logger } from "../lib/log.ts";

export const ERROR_CODES_FILE = new URL("../db/ERROR_CODES.md", import.meta.url);

/** Codes in the first column of the tables of db/ERROR_CODES.md, e.g. "| `LOGIN` | …". */
export function parseErrorCodes(markdown: string): Set<string> {
  return new Set([...markdown.matchAll(/^\|\s*`([0-9A-Z]{5})`\s*\|/gm)].map((m) => m[1]!));
}

export const CLIENT_ERROR_CODES = parseErrorCodes(readFileSync(ERROR_CODES_FILE, "utf8"));

export const UNAVAILABLE = { code: "UNAVL", message: "The service is temporarily unavailable; try again shortly" };

/** The database cannot be reached: refused or dropped connections, pool timeouts, server shutting down. */
function isConnectionError(error: Error & { code?: unknown }): boolean {
  const code = typeof error.code === "string" ? error.code : "";
  return ["ECONNREFUSED", "ECONNRESET", "ETIMEDOUT", "EPIPE", "ENOTFOUND", "57P01", "57P02", "57P03"].includes(code) ||
    code.startsWith("08") ||
    /Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error/i
      .test(error.message);
}

/**
 * PostgreSQL's complaints about a value itself (out of range, not a date, negative LIMIT/OFFSET from `first` or
 * `offset`, bytes text cannot hold): bad input the scalars could not see, answered INVAL without PostgreSQL's own
 * message, which may name types and functions. Other data exceptions (e.g. division by zero) stay internal.
 */
const BAD_VALUE_SQLSTATES = new Set(["22003", "22007", "22008", "2201W", "2201X", "22021", "22P05", "22009", "22015"]);

/** "Did you mean …?" suggestions name parts of the schema; production leaves them out. */
const SUGGESTION = /\s*Did you mean [^?]*\?/g;

export interface MaskOptions {
  hideSuggestions: boolean;
}

export function makeMaskError(log: Logger, options: MaskOptions = { hideSuggestions: false }) {
  return function maskError(error: GraphQLError): GraphQLError {
    const original = error.originalError as (Error & { code?: unknown }) | undefined;
    const rebuild = (message: string, extensions: Record<string, unknown>) =>
      new GraphQLError(message, { nodes: error.nodes, source: error.source, positions: error.positions,
        path: error.path, originalError: original, extensions });
    // Validation and coercion errors (unknown fields, bad variables, scalar parse errors) are meant for clients:
    // a variable that does not fit its type is INVAL.
    if (!original || original instanceof GraphQLError) {
      const message = options.hideSuggestions ? error.message.replace(SUGGESTION, "") : error.message;
      const code = error.extensions.code ?? (/^Variable "\$/.test(message) ? "INVAL" : undefined);
      return message === error.message && code === error.extensions.code ? error
        : rebuild(message, { ...error.extensions, ...(code ? { code } : {}) });
    }
    if (isSafeError(original)) return rebuild(original.message, { ...original.extensions });
    if (typeof original.code === "string" && CLIENT_ERROR_CODES.has(original.code)) {
      return rebuild(original.message, { code: original.code });
    }
    if (typeof original.code === "string" && BAD_VALUE_SQLSTATES.has(original.code)) {
      const field = error.path?.filter((p) => typeof p === "string")[0] ?? "this request";
      return rebuild(`A value given to ${field} is malformed or out of range`, { code: "INVAL" });
    }
    if (isConnectionError(original)) {
      log.error({ err: original }, "database unavailable");
      return rebuild(UNAVAILABLE.message, { code: UNAVAILABLE.code });
    }
    const hash = createHash("sha1").update(String(original)).digest("base64url").slice(0, 12);
    const errorId = randomUUID();
    log.error({ err: original, hash, errorId, path: error.path }, "masked GraphQL error");
    return rebuild(`An unexpected error occurred (reference ${errorId})`, { errorId });
  };
}

/** A GraphQL-over-HTTP shaped error for responses produced outside PostGraphile (plain node:http or Express). */
export function sendError(res: ServerResponse, status: number, message: string, code: string): void {
  const body = Buffer.from(JSON.stringify({ errors: [{ message, extensions: { code } }] }));
  res.writeHead(status, { "content-type": "application/json; charset=utf-8", "content-length": String(body.length) });
  res.end(body);
}
