// The real HTTP server (server/app.ts) on an ephemeral loopback port, against a test database.
import type { AddressInfo } from "node:net";
import { type Config, readConfig } from "../../lib/config.ts";
import { makeLogger } from "../../lib/log.ts";
import { createAppServer, type AppServer } from "../../server/app.ts";
import type { TestFn } from "ava";
import { createTestDatabase, lateBound, type TestDatabase } from "./database.ts";

export interface GraphQLResponse<T = Record<string, unknown>> {
  status: number;
  data?: T | null;
  errors?: Array<{ message: string; extensions?: { code?: string } & Record<string, unknown>; path?: unknown[] }>;
}

export interface TestServer {
  url: string;
  app: AppServer;
  gql<T = Record<string, any>>(query: string,
                               options?: { token?: string; variables?: Record<string, unknown>; headers?: Record<string, string> }):
    Promise<GraphQLResponse<T>>;
  close(): Promise<void>;
}

export function testConfig(db: TestDatabase, overrides: Record<string, string> = {}): Config {
  // A patient pool: on two cores the parallel test files (and their 50-connection races) can keep every connection
  // busy for seconds, which is load, not an outage. The outage test sets the production 3 s back.
  return readConfig({ ...process.env, NODE_ENV: "test", DATABASE_URL: db.ownerUrl, AUTH_DATABASE_URL: db.authUrl,
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? "silent", DB_CONNECT_TIMEOUT_MS: "20000", ...overrides });
}

export async function startTestServer(db: TestDatabase, overrides: Record<string, string> = {}): Promise<TestServer> {
  const config = testConfig(db, overrides);
  const app = await createAppServer(config, makeLogger(config.logLevel));
  await new Promise<void>((resolve) => app.httpServer.listen(0, "127.0.0.1", resolve));
  const { port } = app.httpServer.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}`;
  return {
    url,
    app,
    async gql(query, options = {}) {
      const res = await fetch(`${url}/graphql`, {
        method: "POST",
        headers: { "content-type": "application/json", accept: "application/json",
          ...(options.token ? { authorization: `Bearer ${options.token}` } : {}), ...options.headers },
        body: JSON.stringify({ query, variables: options.variables }),
      });
      const body = (await res.json()) as GraphQLResponse;
      return { ...body, status: res.status } as GraphQLResponse<any>;
    },
    close: () => app.close(),
  };
}

/**
 * The usual setup of a test file: a fresh clone of the template database with the real server on it, created before
 * the file's tests and dropped after them. `const { db, server } = useTestServer(test)` at the top of the file; the
 * two objects stand for the real ones once its serial before hook has run. A file's own setup that needs them goes
 * in a later `test.serial.before` (ava runs plain before hooks concurrently).
 */
export function useTestServer(test: TestFn, overrides: Record<string, string> = {}): { db: TestDatabase; server: TestServer } {
  let db: TestDatabase | undefined;
  let server: TestServer | undefined;
  test.serial.before(async () => {
    db = await createTestDatabase();
    server = await startTestServer(db, overrides);
  });
  test.after.always(async () => {
    await server?.close();
    await db?.drop();
  });
  return { db: lateBound(() => db, "db"), server: lateBound(() => server, "server") };
}
