// The HTTP surface: probes, limits and malformed requests. Each bad request gets a clear 4xx or GraphQL error
// and the server keeps serving.
import test from "ava";
import { createUser, tokenFor } from "../helpers/actors.ts";
import { asRoot, createTestDatabase, type TestDatabase } from "../helpers/database.ts";
import { errorCode } from "../helpers/errors.ts";
import { startTestServer, type TestServer } from "../helpers/server.ts";
import { DOCUMENT_LIMITS } from "../../server/limits.ts";

const MAX_QUERY_DEPTH = DOCUMENT_LIMITS.maxDepth;

let db: TestDatabase;
let server: TestServer;
test.before(async () => {
  db = await createTestDatabase();
  // A fixture that outlives the statement timeout; created before the server introspects the schema.
  await asRoot(db, (c) => c.query(`
    create function app_public.test_slow(seconds float8) returns integer language sql volatile
      as 'select 1 from pg_sleep(seconds)';
    comment on function app_public.test_slow(float8) is 'Test fixture: sleeps.';
    grant execute on function app_public.test_slow(float8) to app_anonymous;
    -- An internal error (cardinality_violation, 21000); data exceptions such as a division by zero are INVAL now.
    create function app_public.test_crash() returns integer language sql volatile
      as 'select (select 1 union all select 2)';
    comment on function app_public.test_crash() is 'Test fixture: fails with an internal error.';
    grant execute on function app_public.test_crash() to app_anonymous;`));
  server = await startTestServer(db, { STATEMENT_TIMEOUT: "300ms", MAX_REQUEST_BYTES: "2000" });
});
test.after.always(async () => {
  await server?.close();
  await db?.drop();
});

const post = (body: string, headers: Record<string, string> = {}) =>
  fetch(`${server.url}/graphql`, { method: "POST", headers: { "content-type": "application/json", ...headers }, body });

async function stillServing(t: { is: (a: unknown, b: unknown, m?: string) => void }) {
  const res = await server.gql("{ currentUserId }");
  t.is(res.status, 200, "the server keeps serving");
}

test("/healthz and /readyz answer when all is well", async (t) => {
  const health = await fetch(`${server.url}/healthz`);
  t.is(health.status, 200);
  t.deepEqual(await health.json(), { status: "ok" });
  const ready = await fetch(`${server.url}/readyz`);
  t.is(ready.status, 200);
  t.deepEqual(await ready.json(), { status: "ready" });
});

test.serial("/readyz fails while a shipped migration is not applied", async (t) => {
  const version = await asRoot(db, async (c) =>
    (await c.query("delete from public.schema_migrations where version = (select max(version) from public.schema_migrations) returning version")).rows[0].version as string);
  try {
    const res = await fetch(`${server.url}/readyz`);
    t.is(res.status, 503);
    t.deepEqual(await res.json(), { status: "migrations pending", pending: [version] });
  } finally {
    await asRoot(db, (c) => c.query("insert into public.schema_migrations (version) values ($1)", [version]));
  }
  t.is((await fetch(`${server.url}/readyz`)).status, 200);
});

test("malformed JSON gets a 400", async (t) => {
  const res = await post("{ this is not json");
  t.is(res.status, 400);
  const body = (await res.json()) as { errors: Array<{ message: string; extensions?: { code?: string } }> };
  t.regex(body.errors[0]!.message, /Parsing failed/);
  t.is(body.errors[0]!.extensions?.code, "QUERY", "grafserv's own refusals carry a code too");
  await stillServing(t);
});

test("an oversized body gets a 413 with LIMIT", async (t) => {
  const res = await post(JSON.stringify({ query: `{ currentUserId } # ${"x".repeat(5000)}` }));
  t.is(res.status, 413);
  const body = (await res.json()) as { errors: Array<{ extensions?: { code?: string } }> };
  t.is(body.errors[0]!.extensions?.code, "LIMIT");
  await stillServing(t);
});

test("an unknown field or operation is a GraphQL validation error", async (t) => {
  const unknown = await server.gql("{ noSuchField }");
  t.regex(unknown.errors?.[0]?.message ?? "", /Cannot query field "noSuchField"/);
  const wrongName = await post(JSON.stringify({ query: "query A { currentUserId }", operationName: "B" }));
  const body = (await wrongName.json()) as { errors: Array<{ message: string }> };
  t.regex(body.errors[0]!.message, /Unknown operation named "B"/);
  await stillServing(t);
});

test(`queries deeper than ${MAX_QUERY_DEPTH} levels are refused before execution`, async (t) => {
  let selection = "rowId";
  for (let i = 0; i < MAX_QUERY_DEPTH; i++) selection = i % 2 ? `userContact { ${selection} }` : `user { ${selection} }`;
  const res = await server.gql(`{ users { nodes { ${selection} } } }`);
  t.regex(res.errors?.[0]?.message ?? "", /depth limit of 10 exceeded/);
  t.is(res.errors?.[0]?.extensions?.code, "LIMIT");
  t.is(res.data, undefined);
  // Fragments do not hide depth.
  const viaFragment = await server.gql(`{ users { nodes { ...F } } } fragment F on User { ${selection} }`);
  t.regex(viaFragment.errors?.[0]?.message ?? "", /depth limit of 10 exceeded/);
  await stillServing(t);
});

test("GET and unknown routes are refused with clear statuses", async (t) => {
  const get = await fetch(`${server.url}/graphql?query=${encodeURIComponent("{ currentUserId }")}`,
    { headers: { accept: "application/json" } });
  t.true(get.status === 405 || get.status === 404, `GET /graphql → ${get.status}`);
  const missing = await fetch(`${server.url}/nope`);
  t.is(missing.status, 404);
  t.deepEqual(await missing.json(), { errors: [{ message: "Not found", extensions: { code: "NTFND" } }] });
});

test("a statement over the timeout is cancelled with code 57014 and nothing else breaks", async (t) => {
  const res = await server.gql("mutation { testSlow(input: { seconds: 2 }) { result } }");
  t.is(errorCode(res), "57014");
  await stillServing(t);
});

test("the request id is echoed, or generated when absent or malformed", async (t) => {
  const given = await post(JSON.stringify({ query: "{ currentUserId }" }), { "x-request-id": "abc-123" });
  t.is(given.headers.get("x-request-id"), "abc-123");
  const bad = await post(JSON.stringify({ query: "{ currentUserId }" }), { "x-request-id": "no spaces allowed" });
  t.regex(bad.headers.get("x-request-id") ?? "", /^[0-9a-f-]{36}$/);
});

test("GraphiQL is served in development and test, never in production", async (t) => {
  const dev = await fetch(`${server.url}/graphiql`, { headers: { accept: "text/html" } });
  t.is(dev.status, 200);
  t.regex(await dev.text(), /<html/i);
  const prod = await startTestServer(db, { NODE_ENV: "production", SMTP_URL: "smtp://127.0.0.1:1",
    SMS_URL: "http://127.0.0.1:1/sms", STRIPE_SECRET_KEY: "sk_test_production_mode",
    STRIPE_WEBHOOK_SECRET: "whsec_production_mode" });
  try {
    const res = await fetch(`${prod.url}/graphiql`, { headers: { accept: "text/html" } });
    t.is(res.status, 404);
  } finally {
    await prod.close();
  }
});

test("an internal error is masked with a reference, a domain error is passed with its code", async (t) => {
  // Division by zero is not a domain error: the client learns nothing about it but a reference to the log.
  const crash = await server.gql("mutation { testCrash(input: {}) { result } }");
  t.regex(crash.errors?.[0]?.message ?? "", /^An unexpected error occurred \(reference [0-9a-f-]{36}\)$/);
  t.deepEqual(Object.keys(crash.errors?.[0]?.extensions ?? {}), ["errorId"]);
  t.notRegex(JSON.stringify(crash), /more than one row/);
  const { id } = await createUser(db);
  const token = await tokenFor(db, id);
  const domain = await server.gql("mutation { logout(input: {}) { success } }");
  t.deepEqual(domain.errors?.[0]?.extensions, { code: "LOGIN" });
  const ok = await server.gql("mutation { logout(input: {}) { success } }", { token });
  t.deepEqual(ok.data, { logout: { success: true } });
});
