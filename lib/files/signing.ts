// Signed file URLs: HMAC-SHA256 over the method, the file id and the expiry (epoch seconds), so that a URL is good
// for one method on one file until it expires and any change to it is detected. The URL is the credential (no
// token travels with it); what the file's state allows is decided by SQL when it is used (server/files/routes.ts).
import { createHmac, timingSafeEqual } from "node:crypto";

export type FileMethod = "PUT" | "GET";

export const FILES_PATH = "/files/";

function signature(key: string, method: FileMethod, fileId: string, expires: number): Buffer {
  return createHmac("sha256", key).update(`${method}\n${fileId}\n${expires}`).digest();
}

/** A path (relative to the API's origin) with the query that authorises `method` on the file until now + seconds. */
export function signedFilePath(key: string, method: FileMethod, fileId: string, seconds: number, now = Date.now()) {
  const expires = Math.floor(now / 1000) + seconds;
  const sig = signature(key, method, fileId, expires).toString("base64url");
  return `${FILES_PATH}${fileId}?expires=${expires}&signature=${sig}`;
}

export type SignatureVerdict = "valid" | "expired" | "invalid";

/** Checks a signed URL's query for this method and file; the expiry is checked only once the signature holds. */
export function verifyFileSignature(
  key: string,
  method: FileMethod,
  fileId: string,
  query: URLSearchParams,
  now = Date.now()
): SignatureVerdict {
  const expiresText = query.get("expires") ?? "";
  const given = Buffer.from(query.get("signature") ?? "", "base64url");
  if (!/^\d{1,12}$/.test(expiresText)) return "invalid";
  const expires = Number(expiresText);
  const expected = signature(key, method, fileId, expires);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return "invalid";
  return expires * 1000 < now ? "expired" : "valid";
}
