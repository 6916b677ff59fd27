// Refusals grafserv answers itself, before any GraphQL runs and so past maskError: a body over MAX_REQUEST_BYTES
// (413 "Too much data"), a body it cannot parse (400), a wrong method or media type (405, 406, 415). They carry no
// code; every answer a client gets must carry one of db/ERROR_CODES.md, so these get LIMIT (the size) or QUERY.
import type {} from "postgraphile";

interface Payload {
  errors?: Array<{ message?: unknown; extensions?: Record<string, unknown> }>;
}

/** The payload with a code on each error that has none; null when nothing changes or the body is not JSON. */
export function withCodes(body: Buffer, statusCode: number): Buffer | null {
  let payload: Payload;
  try {
    payload = JSON.parse(body.toString("utf8")) as Payload;
  } catch {
    return null;
  }
  const uncoded = payload.errors?.filter((e) => typeof e.extensions?.code !== "string") ?? [];
  if (uncoded.length === 0) return null;
  const code = statusCode === 413 ? "LIMIT" : "QUERY";
  for (const error of uncoded) error.extensions = { ...error.extensions, code };
  return Buffer.from(JSON.stringify(payload), "utf8");
}

export const RequestErrorCodesPlugin: GraphileConfig.Plugin = {
  name: "RequestErrorCodesPlugin",
  version: "1.0.0",
  grafserv: {
    middleware: {
      async processRequest(next) {
        const result = await next();
        if (result?.type === "buffer" && result.statusCode >= 400 && result.statusCode < 500) {
          const buffer = withCodes(result.buffer, result.statusCode);
          if (buffer) {
            result.buffer = buffer;
            result.headers["content-length"] = String(buffer.length);
          }
        }
        return result;
      },
    },
  },
};
