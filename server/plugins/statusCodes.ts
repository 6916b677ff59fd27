// HTTP statuses for answers that are not the client's fault: a GraphQL response whose errors say the database is
// unreachable (UNAVL) or the server is saturated (OVRLD) is a 503 with Retry-After, for anonymous and signed-in
// requests alike, so that clients and load balancers back off instead of reading a 200.
import { RETRY_AFTER_SECONDS } from "../limits.ts";

const RETRY_CODES = ["UNAVL", "OVRLD"];
const MARKERS = RETRY_CODES.map((code) => Buffer.from(`"${code}"`));

interface ErrorPayload {
  errors?: Array<{ extensions?: { code?: unknown } }>;
}

/** Whether a JSON GraphQL payload carries one of the retry codes (a cheap byte search first, then the parse). */
export function needsRetry(body: Buffer): boolean {
  if (!MARKERS.some((marker) => body.includes(marker))) return false;
  try {
    const payload = JSON.parse(body.toString("utf8")) as ErrorPayload;
    return payload.errors?.some((e) => RETRY_CODES.includes(String(e.extensions?.code))) ?? false;
  } catch {
    return false;
  }
}

export const StatusCodesPlugin: GraphileConfig.Plugin = {
  name: "StatusCodesPlugin",
  version: "1.0.0",
  grafserv: {
    middleware: {
      async processRequest(next) {
        const result = await next();
        if (result?.type === "buffer" && result.statusCode < 500 && needsRetry(result.buffer)) {
          result.statusCode = 503;
          result.headers["retry-after"] = String(RETRY_AFTER_SECONDS);
        }
        return result;
      },
    },
  },
};
