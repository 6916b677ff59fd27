// What a client may learn from an error. Domain errors are raised in SQL with the custom SQLSTATEs listed in
// db/ERROR_CODES.md (the single list: it is parsed here) and reach clients with their message and
// extensions.code; PostgreSQL's own refusals of the input (constraints, privileges, data exceptions) are translated
// into those codes with messages of ours; anything else is logged and masked.
import { createHash, randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import type { ServerResponse } from "node:http";
import { GraphQLError } from "postgraphile/graphql";
import { isSafeError } from "postgraphile/grafast";
import type { Logger } from "../lib/log.ts";
import type { ConstraintMessages, ConstraintRef } from "./constraintMessages.ts";

export const ERROR_CODES_FILE = new URL("../db/ERROR_CODES.md", import.meta.url);

/** Codes in the first column of the tables of db/ERROR_CODES.md, e.g. "| `LOGIN` | …". */
export function parseErrorCodes(markdown: string): Set<string> {
  return new Set([...markdown.matchAll(/^\|\s*`([0-9A-Z]{5})`\s*\|/gm)].map((m) => m[1]!));
}

export const CLIENT_ERROR_CODES = parseErrorCodes(readFileSync(ERROR_CODES_FILE, "utf8"));

export const UNAVAILABLE = { code: "UNAVL", message: "The service is temporarily unavailable; try again shortly" };

/** The database cannot be reached: refused or dropped connections, pool timeouts, server shutting down. */
export function isConnectionError(error: Error & { code?: unknown }): boolean {
  const code = typeof error.code === "string" ? error.code : "";
  return (
    ["ECONNREFUSED", "ECONNRESET", "ETIMEDOUT", "EPIPE", "ENOTFOUND", "57P01", "57P02", "57P03"].includes(code) ||
    code.startsWith("08") ||
    /Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error/i.test(
      error.message
    )
  );
}

/** A pg DatabaseError's fields that say what was wrong (absent on other errors). */
interface DatabaseErrorFields extends ConstraintRef {
  code?: unknown;
  message?: string;
  column?: string | undefined;
}

interface ClientError {
  code: string;
  message: string;
}

/** PostgreSQL's sentence for a foreign key that still points at a row being deleted (the key's other side). */
const STILL_REFERENCED = /^update or delete on table/;

/**
 * PostgreSQL's own refusals of what a client sent (db/ERROR_CODES.md, "Translated by the server"), in the client's
 * terms and never in PostgreSQL's, whose messages name tables, constraints, types and functions: a broken constraint
 * answers the message of that constraint (server/constraintMessages.ts) with a code for its kind; a missing required
 * value names its column; a missing privilege or a row-level security with-check is DNIED; any data exception
 * (class 22: malformed, out of range, too long) is INVAL naming the column when PostgreSQL says which, else the field
 * of the request. `field` is the GraphQL field that ran the SQL. Anything else is not the client's input: null.
 */
export function translateDatabaseError(
  error: DatabaseErrorFields,
  field: string,
  messages: ConstraintMessages | null
): ClientError | null {
  const code = typeof error.code === "string" ? error.code : "";
  const rule = () => messages?.lookup(error);
  switch (code) {
    case "23502":
      return { code: "INVAL", message: `${error.column ?? `A value given to ${field}`} is required` };
    case "23514":
      return { code: "INVAL", message: rule() ?? `A value given to ${field} breaks a rule of the data` };
    case "23505":
    case "23P01":
      return { code: "EXIST", message: rule() ?? `A value given to ${field} is already taken` };
    case "23503":
      return STILL_REFERENCED.test(error.message ?? "")
        ? { code: "BADST", message: "This is still in use and cannot be removed" }
        : { code: "NTFND", message: rule() ?? `A value given to ${field} names something that does not exist` };
    case "42501":
      return { code: "DNIED", message: "You are not allowed to do this" };
  }
  if (code.startsWith("22")) {
    return { code: "INVAL", message: `${error.column ?? `A value given to ${field}`} is malformed or out of range` };
  }
  return null;
}

/** graphql-js's coercion errors of variables: each one, and the verdict once too many of them were found. */
const VARIABLE_ERROR = /^Variable "\$|^Too many errors processing variables/;

/** @dataplan/pg's error when a delete matched no row the caller may delete. */
const NOTHING_DELETED = /^No values were deleted in collection /;

/** postgraphile-plugin-connection-filter's refusals of a filter's shape. */
const FILTER_INPUT = /^(Null literals|Empty objects) are forbidden in filter argument input\.$/;

/** "Did you mean …?" suggestions name parts of the schema; production leaves them out. */
const SUGGESTION = /\s*Did you mean [^?]*\?/g;

export interface MaskOptions {
  hideSuggestions: boolean;
  /** The constraints' messages; without them violations get generic messages naming the field. */
  constraintMessages?: ConstraintMessages;
}

export function makeMaskError(log: Logger, options: MaskOptions = { hideSuggestions: false }) {
  return function maskError(error: GraphQLError): GraphQLError {
    const original = error.originalError as (Error & { code?: unknown }) | undefined;
    const rebuild = (message: string, extensions: Record<string, unknown>) =>
      new GraphQLError(message, {
        nodes: error.nodes,
        source: error.source,
        positions: error.positions,
        path: error.path,
        originalError: original,
        extensions,
      });
    // Validation and coercion errors (unknown fields, bad variables, scalar parse errors) are meant for clients:
    // a variable that does not fit its type is INVAL, and so is graphql-js's verdict after 50 such variables.
    if (!original || original instanceof GraphQLError) {
      const message = options.hideSuggestions ? error.message.replace(SUGGESTION, "") : error.message;
      const code = error.extensions.code ?? (VARIABLE_ERROR.test(message) ? "INVAL" : undefined);
      return message === error.message && code === error.extensions.code
        ? error
        : rebuild(message, { ...error.extensions, ...(code ? { code } : {}) });
    }
    // Grafast's and PostGraphile's own refusals of a request's values (a cursor that is not one, an update with
    // nothing to set) are safe to show; without a code of their own they are INVAL.
    if (isSafeError(original)) return rebuild(original.message, { code: "INVAL", ...original.extensions });
    // PostGraphile's delete mutations (deleteUserAddress, deleteTripTemplate…) fail this way when the row does not
    // exist or RLS hides it; its message names the table.
    if (NOTHING_DELETED.test(original.message)) {
      return rebuild("Nothing was deleted: it does not exist or is not yours", { code: "NTFND" });
    }
    // The connection filter plugin refuses null and {} in a filter with plain errors (meant to be safe, upstream).
    if (FILTER_INPUT.test(original.message)) return rebuild(original.message, { code: "INVAL" });
    if (typeof original.code === "string" && CLIENT_ERROR_CODES.has(original.code)) {
      return rebuild(original.message, { code: original.code });
    }
    const field = error.path?.find((p) => typeof p === "string") ?? "this request";
    const translated = translateDatabaseError(original, field, options.constraintMessages ?? null);
    if (translated) {
      const { constraint, table } = original as DatabaseErrorFields;
      log.info(
        { sqlstate: original.code, code: translated.code, constraint, table, path: error.path },
        "database refusal translated"
      );
      return rebuild(translated.message, { code: translated.code });
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

/**
 * The failure of a plain HTTP route (outside PostGraphile; the QR image, an export download) once its own checks
 * passed: a response already under way is cut; an unreachable database answers 503 UNAVL with Retry-After; anything
 * else is logged and masked as GraphQL's errors are (500 with a reference to the log line, nothing of the cause).
 * `what` names the route in the log ("export download").
 */
export function sendRouteFailure(
  res: ServerResponse,
  log: Logger,
  reqId: string,
  error: unknown,
  what: string,
  retryAfterSeconds: number
): void {
  if (res.headersSent) {
    log.error({ reqId, err: error }, `${what} interrupted`);
    res.destroy();
    return;
  }
  if (error instanceof Error && isConnectionError(error)) {
    log.error({ reqId, err: error }, `${what} failed: database unreachable`);
    res.setHeader("retry-after", String(retryAfterSeconds));
    sendError(res, 503, UNAVAILABLE.message, UNAVAILABLE.code);
    return;
  }
  const errorId = randomUUID();
  log.error({ reqId, errorId, err: error }, `${what} failed`);
  res.writeHead(500, { "content-type": "application/json; charset=utf-8" });
  res.end(
    JSON.stringify({
      errors: [{ message: `An unexpected error occurred (reference ${errorId})`, extensions: { errorId } }],
    })
  );
}
