// An S3-compatible server on loopback for the S3 driver's tests (lib/storage_s3.ts), small enough to read: one
// private bucket, path-style addressing (`/<bucket>/<key>`), PUT, GET, HEAD and DELETE of objects, and AWS Signature
// Version 4 checked as S3 checks it, in the Authorization header (the SDK's own requests) or in the query string
// (presigned URLs: expiry included). A request whose signature does not hold gets 403 SignatureDoesNotMatch; one
// without any, 403 AccessDenied. GET honours the response-content-type/-disposition/-cache-control overrides.
// Why not s3rver: it accepts any Version 4 signature without computing it, so a tampered presigned URL would pass.
import { createHash, createHmac, timingSafeEqual } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export interface StoredObject {
  body: Buffer;
  contentType: string | undefined;
}

export interface FakeS3 {
  /** The endpoint (S3_ENDPOINT). */
  url: string;
  bucket: string;
  accessKeyId: string;
  secretAccessKey: string;
  region: string;
  objects: Map<string, StoredObject>;
  /** Every request answered: method, key, how it was authorised, status. */
  requests: Array<{ method: string; key: string; auth: "header" | "query" | "none"; status: number }>;
  /** The environment that points the server and the worker at this bucket. */
  env: Record<string, string>;
  close(): Promise<void>;
}

const ALGORITHM = "AWS4-HMAC-SHA256";
const UNSIGNED = "UNSIGNED-PAYLOAD";
/** How far a header-signed request's time may be from ours, as S3 allows. */
const SKEW_MS = 15 * 60 * 1000;

const hex = (data: string | Buffer) => createHash("sha256").update(data).digest("hex");
const hmac = (key: Buffer | string, data: string) => createHmac("sha256", key).update(data).digest();

/** RFC 3986 encoding, as SigV4 canonicalises the query. */
const encode = (value: string) =>
  encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

class S3Error extends Error {
  readonly status: number;
  readonly code: string;
  constructor(status: number, code: string, message: string) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

/** 20260101T000000Z → epoch milliseconds. */
function parseAmzDate(value: string): number {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(value);
  if (!m) throw new S3Error(403, "AccessDenied", "X-Amz-Date is malformed");
  return Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, +m[6]!);
}

export async function startFakeS3(options: { bucket?: string } = {}): Promise<FakeS3> {
  const fake: FakeS3 = {
    url: "",
    bucket: options.bucket ?? "p2p-test",
    accessKeyId: "FAKEACCESSKEY",
    secretAccessKey: "fake-secret-access-key-for-tests",
    region: "us-east-1",
    objects: new Map(),
    requests: [],
    env: {},
    close: async () => {},
  };

  /** Checks the request's signature; throws S3Error when it does not hold. */
  function authorise(req: IncomingMessage, url: URL, rawPath: string, body: Buffer): "header" | "query" {
    const query = url.searchParams;
    const header = req.headers.authorization;
    let credential: string;
    let signedHeaders: string[];
    let signature: string;
    let amzDate: string;
    let payloadHash: string;
    let auth: "header" | "query";
    if (query.has("X-Amz-Signature")) {
      auth = "query";
      if (query.get("X-Amz-Algorithm") !== ALGORITHM) throw new S3Error(400, "AuthorizationQueryParametersError", "Unsupported algorithm");
      credential = query.get("X-Amz-Credential") ?? "";
      signedHeaders = (query.get("X-Amz-SignedHeaders") ?? "").split(";");
      signature = query.get("X-Amz-Signature") ?? "";
      amzDate = query.get("X-Amz-Date") ?? "";
      payloadHash = query.get("X-Amz-Content-Sha256") ?? UNSIGNED;
      const expires = Number(query.get("X-Amz-Expires"));
      if (!Number.isInteger(expires) || expires < 1 || expires > 604800) {
        throw new S3Error(400, "AuthorizationQueryParametersError", "X-Amz-Expires must be 1 to 604800 seconds");
      }
      if (Date.now() > parseAmzDate(amzDate) + expires * 1000) throw new S3Error(403, "AccessDenied", "Request has expired");
    } else if (header?.startsWith(`${ALGORITHM} `)) {
      auth = "header";
      const fields = Object.fromEntries(
        header.slice(ALGORITHM.length + 1).split(/,\s*/).map((part) => part.split("=", 2) as [string, string])
      );
      credential = fields.Credential ?? "";
      signedHeaders = (fields.SignedHeaders ?? "").split(";");
      signature = fields.Signature ?? "";
      amzDate = String(req.headers["x-amz-date"] ?? "");
      payloadHash = String(req.headers["x-amz-content-sha256"] ?? "");
      if (Math.abs(Date.now() - parseAmzDate(amzDate)) > SKEW_MS) {
        throw new S3Error(403, "RequestTimeTooSkewed", "The difference between the request time and the current time is too large");
      }
      if (!/^[0-9a-f]{64}$/.test(payloadHash) && payloadHash !== UNSIGNED) {
        throw new S3Error(400, "InvalidRequest", "x-amz-content-sha256 must be a SHA-256 or UNSIGNED-PAYLOAD");
      }
      if (payloadHash !== UNSIGNED && payloadHash !== hex(body)) {
        throw new S3Error(400, "XAmzContentSHA256Mismatch", "The provided x-amz-content-sha256 does not match");
      }
    } else {
      throw new S3Error(403, "AccessDenied", "Access Denied");
    }
    const [accessKeyId, date, region, service, terminator] = credential.split("/");
    if (accessKeyId !== fake.accessKeyId) throw new S3Error(403, "InvalidAccessKeyId", "The AWS Access Key Id does not exist");
    if (date !== amzDate.slice(0, 8) || region !== fake.region || service !== "s3" || terminator !== "aws4_request") {
      throw new S3Error(403, "SignatureDoesNotMatch", "The credential scope does not match");
    }
    if (!signedHeaders.includes("host")) throw new S3Error(403, "SignatureDoesNotMatch", "host must be signed");
    const canonicalQuery = [...query.entries()]
      .filter(([name]) => name !== "X-Amz-Signature")
      .map(([name, value]) => [encode(name), encode(value)] as const)
      .sort(([a, x], [b, y]) => (a < b ? -1 : a > b ? 1 : x < y ? -1 : x > y ? 1 : 0))
      .map(([name, value]) => `${name}=${value}`)
      .join("&");
    const canonicalHeaders = signedHeaders
      .map((name) => {
        const value = req.headers[name];
        if (value === undefined) throw new S3Error(403, "SignatureDoesNotMatch", `signed header ${name} is missing`);
        return `${name}:${String(value).trim().replace(/\s+/g, " ")}\n`;
      })
      .join("");
    const canonicalRequest = [req.method, rawPath, canonicalQuery, canonicalHeaders, signedHeaders.join(";"), payloadHash].join("\n");
    const scope = `${date}/${region}/s3/aws4_request`;
    const stringToSign = [ALGORITHM, amzDate, scope, hex(canonicalRequest)].join("\n");
    const key = hmac(hmac(hmac(hmac(`AWS4${fake.secretAccessKey}`, date!), region!), "s3"), "aws4_request");
    const expected = hmac(key, stringToSign);
    const given = Buffer.from(signature, "hex");
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
      throw new S3Error(403, "SignatureDoesNotMatch", "The request signature we calculated does not match the signature you provided");
    }
    return auth;
  }

  function answer(req: IncomingMessage, res: ServerResponse, url: URL, rawPath: string, body: Buffer) {
    const [, bucket, ...rest] = rawPath.split("/");
    const key = decodeURIComponent(rest.join("/"));
    let auth: "header" | "query" | "none" = "none";
    const record = (status: number) => fake.requests.push({ method: req.method!, key, auth, status });
    try {
      auth = authorise(req, url, rawPath, body);
      if (bucket !== fake.bucket) throw new S3Error(404, "NoSuchBucket", "The specified bucket does not exist");
      if (!key) throw new S3Error(405, "MethodNotAllowed", "Only objects are served here");
      const object = fake.objects.get(key);
      switch (req.method) {
        case "PUT": {
          if (req.headers["content-length"] !== undefined && Number(req.headers["content-length"]) !== body.length) {
            throw new S3Error(400, "IncompleteBody", "The body is not Content-Length bytes");
          }
          fake.objects.set(key, { body, contentType: req.headers["content-type"] });
          res.writeHead(200, { etag: `"${createHash("md5").update(body).digest("hex")}"` });
          res.end();
          record(200);
          return;
        }
        case "GET":
        case "HEAD": {
          if (!object) throw new S3Error(404, "NoSuchKey", "The specified key does not exist.");
          const headers: Record<string, string | number> = {
            "content-length": object.body.length,
            "content-type": url.searchParams.get("response-content-type") ?? object.contentType ?? "binary/octet-stream",
            etag: `"${createHash("md5").update(object.body).digest("hex")}"`,
          };
          const disposition = url.searchParams.get("response-content-disposition");
          if (disposition) headers["content-disposition"] = disposition;
          const cacheControl = url.searchParams.get("response-cache-control");
          if (cacheControl) headers["cache-control"] = cacheControl;
          res.writeHead(200, headers);
          res.end(req.method === "GET" ? object.body : undefined);
          record(200);
          return;
        }
        case "DELETE":
          fake.objects.delete(key);
          res.writeHead(204);
          res.end();
          record(204);
          return;
        default:
          throw new S3Error(405, "MethodNotAllowed", "The method is not allowed");
      }
    } catch (error) {
      if (!(error instanceof S3Error)) throw error;
      const xml = `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${error.code}</Code><Message>${error.message}</Message></Error>`;
      res.writeHead(error.status, { "content-type": "application/xml" });
      res.end(req.method === "HEAD" ? undefined : xml);
      record(error.status);
    }
  }

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const rawPath = (req.url ?? "/").split("?")[0]!;
      answer(req, res, new URL(req.url ?? "/", "http://fake-s3"), rawPath, Buffer.concat(chunks));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  fake.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  fake.env = {
    FILES_STORAGE: "s3",
    S3_BUCKET: fake.bucket,
    S3_REGION: fake.region,
    S3_ENDPOINT: fake.url,
    S3_FORCE_PATH_STYLE: "true",
    S3_ACCESS_KEY_ID: fake.accessKeyId,
    S3_SECRET_ACCESS_KEY: fake.secretAccessKey,
  };
  fake.close = () =>
    new Promise((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return fake;
}
