// GraphQL over websockets (the graphql-transport-ws protocol of graphql-ws) at /graphql, for subscriptions
// (myNotificationEvents, server/plugins/notificationEvents.ts). A socket is admitted exactly like an HTTP request
// (server/auth.ts): the bearer token, from the connection_init payload `{ "authorization": "Bearer …" }` or else
// the upgrade request's Authorization header, is verified and its session checked live in SQL, counting against the
// hourly budget. Without a token, or with an invalid, expired or revoked one, the socket is closed: 4401 with the
// error code and message as the reason (4429 over budget, 1013 when the database is unreachable). Every operation
// started on the socket passes the same check again, and the socket is closed when its token expires.
import type { IncomingMessage } from "node:http";
import type { Duplex } from "node:stream";
import { CloseCode, makeServer } from "graphql-ws";
import type { NodeGrafserv } from "postgraphile/grafserv/node";
import { makeGraphQLWSConfig } from "postgraphile/grafserv";
import type pg from "pg";
import { type WebSocket, WebSocketServer } from "ws";
import type { Logger } from "../lib/log.ts";
import { AuthError, type Identity, makeAdmissionCheck, RateLimited, recordAdmission } from "./auth.ts";
import { UNAVAILABLE } from "./errors.ts";

/** Sent as a ping this often, so that proxies keep idle sockets open and dead peers are found. */
const PING_MS = 25_000;

interface Extra {
  socket: WebSocket;
  request: IncomingMessage;
}

export interface WebsocketServer {
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void;
  close(): void;
}

export function makeWebsocketServer(options: {
  serv: NodeGrafserv;
  ownerPool: pg.Pool;
  secret: string;
  log: Logger;
  clientIp: (req: IncomingMessage) => string | undefined;
}): WebsocketServer {
  const { serv, log, clientIp } = options;
  const check = makeAdmissionCheck(options.ownerPool, options.secret);
  const config = makeGraphQLWSConfig(serv);
  /** Admits the socket's token: closes the socket and answers false when refused. */
  const admit = async (extra: Extra, authorization: string | undefined): Promise<Identity | null> => {
    const ip = clientIp(extra.request);
    const refuse = (code: number, reason: string) => {
      log.info({ code, reason }, "websocket refused");
      // A close reason is at most 123 bytes.
      extra.socket.close(code, reason.slice(0, 120));
      return null;
    };
    try {
      if (authorization === undefined) return refuse(CloseCode.Unauthorized, "TOKEN: Sign in to subscribe");
      const identity = await check(authorization, ip);
      recordAdmission(extra.request, identity, ip);
      return identity ?? null;
    } catch (error) {
      if (error instanceof AuthError) return refuse(CloseCode.Unauthorized, `${error.code}: ${error.message}`);
      if (error instanceof RateLimited) return refuse(4429, `${error.code}: ${error.message}`);
      log.error({ err: error }, "websocket admission failed");
      return refuse(1013, `${UNAVAILABLE.code}: ${UNAVAILABLE.message}`);
    }
  };
  const tokens = new WeakMap<WebSocket, string>();
  const graphqlWs = makeServer<Record<string, unknown> | undefined, Extra>({
    ...config,
    async onConnect(ctx) {
      const fromPayload = ctx.connectionParams?.authorization;
      const header = ctx.extra.request.headers.authorization;
      const authorization = typeof fromPayload === "string" ? fromPayload : header;
      const identity = await admit(ctx.extra, authorization);
      if (!identity) return false;
      tokens.set(ctx.extra.socket, authorization!);
      // The socket lives no longer than its token.
      const timer = setTimeout(
        () => ctx.extra.socket.close(CloseCode.Unauthorized, "LOGIN: Your session has expired; log in again"),
        Math.min(2 ** 31 - 1, Math.max(0, identity.expiresAt * 1000 - Date.now()))
      );
      timer.unref();
      ctx.extra.socket.once("close", () => clearTimeout(timer));
      return true;
    },
    async onSubscribe(ctx, id, payload) {
      // Each operation is a request: the session must still be live, and it counts against the budget.
      if (!(await admit(ctx.extra, tokens.get(ctx.extra.socket)))) return [];
      return config.onSubscribe!(ctx as never, id, payload);
    },
  });
  const wss = new WebSocketServer({ noServer: true });
  wss.on("connection", (socket: WebSocket, request: IncomingMessage) => {
    const ping = setInterval(() => socket.ping(), PING_MS);
    ping.unref();
    const closed = graphqlWs.opened(
      {
        protocol: socket.protocol,
        send: (data) =>
          new Promise<void>((resolve, reject) => socket.send(data, (err) => (err ? reject(err) : resolve()))),
        close: (code, reason) => socket.close(code, reason),
        onMessage: (cb) =>
          socket.on("message", (data) => {
            // A message's promise settles when its operation ends (a subscription: when it completes).
            cb(String(data)).catch((err: unknown) => {
              log.error({ err }, "websocket message failed");
              socket.close(CloseCode.InternalServerError, "Internal server error");
            });
          }),
      },
      { socket, request }
    );
    socket.once("close", (code, reason) => {
      clearInterval(ping);
      void closed(code, String(reason));
    });
  });
  return {
    handleUpgrade(req, socket, head) {
      wss.handleUpgrade(req, socket, head, (ws) => wss.emit("connection", ws, req));
    },
    close() {
      for (const client of wss.clients) client.terminate();
      wss.close();
    },
  };
}
