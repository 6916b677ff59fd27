// With the database gone, /readyz fails and requests fail fast with a clear error; when it returns, the same
// server process recovers without a restart.
import test from "ava";
import { createUser, tokenFor } from "../helpers/actors.ts";
import { createTestDatabase, type TestDatabase } from "../helpers/database.ts";
import { startProxy, type TcpProxy } from "../helpers/proxy.ts";
import { startTestServer, type TestServer } from "../helpers/server.ts";

let db: TestDatabase;
let proxy: TcpProxy;
let server: TestServer;
test.before(async () => {
  db = await createTestDatabase();
  const target = new URL(db.ownerUrl);
  proxy = await startProxy(target.hostname, Number(target.port));
  server = await startTestServer(db, { DATABASE_URL: proxy.route(db.ownerUrl), AUTH_DATABASE_URL: proxy.route(db.authUrl),
    DB_CONNECT_TIMEOUT_MS: "3000" });
});
test.after.always(async () => {
  await server?.close();
  await proxy?.close();
  await db?.drop();
});

test("an outage gives 503s and typed errors within seconds, and the server recovers when the database returns", async (t) => {
  const { id } = await createUser(db);
  const token = await tokenFor(db, id);
  // Precondition, not the subject: serving normally. Under a loaded machine the first request (schema build and
  // new connections, 3 s each at most) may need a second try.
  let before = await server.gql("{ currentUser { rowId } }", { token });
  for (let tries = 1; before.data?.currentUser?.rowId !== id && tries < 5; tries++) {
    before = await server.gql("{ currentUser { rowId } }", { token });
  }
  t.is(before.data?.currentUser.rowId, id);

  await proxy.cut();
  const started = Date.now();
  const ready = await fetch(`${server.url}/readyz`);
  t.is(ready.status, 503);
  t.deepEqual(await ready.json(), { status: "database unreachable" });

  // Anonymous or signed in, the same answer: 503 with Retry-After, so clients and load balancers back off.
  for (const [label, options] of [["anonymous", {}], ["signed in", { token }]] as const) {
    const res = await fetch(`${server.url}/graphql`, { method: "POST", body: JSON.stringify({ query: "{ currentUserId }" }),
      headers: { "content-type": "application/json", ...("token" in options ? { authorization: `Bearer ${token}` } : {}) } });
    t.is(res.status, 503, label);
    t.regex(res.headers.get("retry-after") ?? "", /^\d+$/, label);
    const body = (await res.json()) as { errors: Array<{ message: string; extensions: { code: string } }> };
    t.is(body.errors[0]!.extensions.code, "UNAVL", label);
    t.regex(body.errors[0]!.message, /temporarily unavailable/, label);
  }
  // Bounded by the pools' 3 s connection timeout, not by a hanging socket.
  t.true(Date.now() - started < 15_000, `the outage answers took ${Date.now() - started} ms`);
  t.is((await fetch(`${server.url}/healthz`)).status, 200, "the process itself stays healthy");

  await proxy.restore();
  t.is((await fetch(`${server.url}/readyz`)).status, 200);
  t.is((await server.gql("{ currentUser { rowId } }", { token })).data?.currentUser.rowId, id);
});
