// A TCP proxy on loopback between the server and PostgreSQL, so a test can take "the database" away and bring
// it back without disturbing other test files that share the cluster.
import net from "node:net";

export interface TcpProxy {
  port: number;
  /** Refuses new connections and drops the open ones, as a crashed database server would. */
  cut(): Promise<void>;
  restore(): Promise<void>;
  close(): Promise<void>;
  /** url with its host and port replaced by the proxy's. */
  route(url: string): string;
}

export async function startProxy(targetHost: string, targetPort: number): Promise<TcpProxy> {
  const sockets = new Set<net.Socket>();
  let server: net.Server;
  let port = 0;
  const listen = () => new Promise<void>((resolve, reject) => {
    server = net.createServer((client) => {
      const upstream = net.connect(targetPort, targetHost);
      for (const s of [client, upstream]) {
        sockets.add(s);
        s.on("close", () => sockets.delete(s));
        s.on("error", () => { client.destroy(); upstream.destroy(); });
      }
      client.pipe(upstream).pipe(client);
    });
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => {
      port = (server.address() as net.AddressInfo).port;
      resolve();
    });
  });
  const stop = () => new Promise<void>((resolve) => {
    for (const s of sockets) s.destroy();
    server.close(() => resolve());
  });
  await listen();
  return {
    get port() { return port; },
    cut: stop,
    restore: listen,
    close: () => (server.listening ? stop() : Promise.resolve()),
    route(url: string) {
      const u = new URL(url);
      u.hostname = "127.0.0.1";
      u.port = String(port);
      return u.toString();
    },
  };
}
