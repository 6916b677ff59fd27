// Calls to partners' endpoints (outgoing webhooks) reach public addresses only. A webhook URL is typed by an admin,
// and the worker runs inside our network: without this, a URL naming (or a DNS name resolving to) 127.0.0.1, a
// private range or a cloud metadata address (169.254.169.254) would make the worker post into our own systems
// (server-side request forgery). The check runs where the connection is made: on the literal address of the URL, and
// in the socket's DNS lookup, on every address a name resolves to (checking a name before connecting would let a
// second, different answer through). Plain http to 127.0.0.1 is let through only when SQL says the platform allows
// it (notifications.webhook_allow_loopback_http: tests and local development).
import { lookup, type LookupAddress, type LookupAllOptions } from "node:dns";
import { request as httpRequest } from "node:http";
import { request as httpsRequest } from "node:https";
import { BlockList, isIP, type LookupFunction } from "node:net";

// Addresses that are not publicly routable (IANA special-purpose registries).
const NOT_PUBLIC = new BlockList();
for (const [network, prefix] of [
  ["0.0.0.0", 8],
  ["10.0.0.0", 8],
  ["100.64.0.0", 10],
  ["127.0.0.0", 8],
  ["169.254.0.0", 16],
  ["172.16.0.0", 12],
  ["192.0.0.0", 24],
  ["192.0.2.0", 24],
  ["192.168.0.0", 16],
  ["198.18.0.0", 15],
  ["198.51.100.0", 24],
  ["203.0.113.0", 24],
  ["224.0.0.0", 4],
  ["240.0.0.0", 4],
] as const)
  NOT_PUBLIC.addSubnet(network, prefix, "ipv4");
for (const [network, prefix] of [
  ["::", 128],
  ["::1", 128],
  ["64:ff9b:1::", 48],
  ["2002::", 16],
  ["fec0::", 10],
  ["64:ff9b::", 96],
  ["100::", 64],
  ["2001:db8::", 32],
  ["fc00::", 7],
  ["fe80::", 10],
  ["ff00::", 8],
] as const)
  NOT_PUBLIC.addSubnet(network, prefix, "ipv6");

/** Whether an IP address is publicly routable. An IPv4-mapped IPv6 address is judged by its IPv4 address (written
 * dotted here; BlockList maps the hexadecimal form to the IPv4 rules itself). */
export function isPublicAddress(address: string): boolean {
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(address);
  if (mapped) return isPublicAddress(mapped[1]!);
  const family = isIP(address);
  return family !== 0 && !NOT_PUBLIC.check(address, family === 4 ? "ipv4" : "ipv6");
}

/** The endpoint is not at a public address; nothing was sent. */
export class NotPublicError extends Error {
  override name = "NotPublicError";
}

/** dns.lookup for sockets, refusing a name when any of its addresses is not public. */
const publicLookup = ((hostname: string, options: LookupAllOptions, callback: (...args: unknown[]) => void) => {
  lookup(hostname, { ...options, all: true }, (error, addresses: LookupAddress[]) => {
    if (error) return callback(error);
    const refused = addresses.find((a) => !isPublicAddress(a.address));
    if (refused || addresses.length === 0) {
      return callback(
        new NotPublicError(`${hostname} resolves to ${refused?.address ?? "no address"}, which is not public`)
      );
    }
    if (options.all) return callback(null, addresses);
    callback(null, addresses[0]!.address, addresses[0]!.family);
  });
}) as unknown as LookupFunction;

export interface PostOptions {
  headers: Record<string, string>;
  body: string;
  timeoutMs: number;
  /** Let a loopback address through (the platform allows plain http to 127.0.0.1). */
  allowLoopback: boolean;
}

/** POSTs the body and answers the response's status code; redirects are not followed. Rejects with a NotPublicError
 * before connecting to an address that is not public, or with an Error named TimeoutError after timeoutMs. */
export function postToPublicEndpoint(url: string, options: PostOptions): Promise<number> {
  const target = new URL(url);
  const host = target.hostname.replace(/^\[(.*)\]$/, "$1");
  if (isIP(host) && !isPublicAddress(host) && !(options.allowLoopback && host === "127.0.0.1")) {
    return Promise.reject(new NotPublicError(`${host} is not a public address`));
  }
  return new Promise((resolve, reject) => {
    const request = (target.protocol === "https:" ? httpsRequest : httpRequest)(
      target,
      {
        method: "POST",
        agent: false,
        lookup: publicLookup,
        headers: { ...options.headers, "content-length": String(Buffer.byteLength(options.body)) },
      },
      (response) => {
        // Only the status matters: the body is not read, so an endpoint trickling one cannot hold the socket.
        clearTimeout(timer);
        response.destroy();
        resolve(response.statusCode ?? 0);
      }
    );
    const timer = setTimeout(() => {
      const timeout = new Error(`no answer within ${options.timeoutMs / 1000} s`);
      timeout.name = "TimeoutError";
      request.destroy(timeout);
    }, options.timeoutMs);
    request.on("error", (error) => {
      clearTimeout(timer);
      reject(error);
    });
    request.end(options.body);
  });
}
