// Issue 9, finding 1 and the production limits: in production the API hides its schema (no introspection unless
// GRAPHQL_INTROSPECTION=on, no "did you mean" suggestions, no IDE at any path) and enforces the document limits.
// Clients use the committed schema.graphql.
import test from "ava";
import { createTestDatabase, type TestDatabase } from "../helpers/database.ts";
import { startTestServer, type TestServer } from "../helpers/server.ts";

const PRODUCTION = { NODE_ENV: "production", SMTP_URL: "smtp://127.0.0.1:1", SMS_URL: "http://127.0.0.1:1/sms",
  STRIPE_SECRET_KEY: "sk_test_production_mode", STRIPE_WEBHOOK_SECRET: "whsec_production_mode" };

let db: TestDatabase;
let server: TestServer;
test.before(async () => {
  db = await createTestDatabase();
  server = await startTestServer(db, PRODUCTION);
});
test.after.always(async () => {
  await server?.close();
  await db?.drop();
});

test("no introspection: __schema and __type are refused with QUERY", async (t) => {
  for (const query of ["{ __schema { queryType { name } } }", '{ __type(name: "User") { fields { name } } }',
    "query { ...F } fragment F on Query { __schema { types { name } } }"]) {
    const res = await server.gql(query);
    t.is(res.data, undefined, query);
    t.is(res.errors?.[0]?.extensions?.code, "QUERY", query);
    t.regex(res.errors?.[0]?.message ?? "", /introspection/i, query);
  }
  t.deepEqual((await server.gql("{ __typename }")).data, { __typename: "Query" }, "__typename stays available");
});

test("no suggestions: unknown fields and input fields are refused without naming what exists", async (t) => {
  const field = await server.gql("{ serchTrips { totalCount } }");
  t.is(field.errors?.[0]?.extensions?.code, "QUERY");
  t.notRegex(JSON.stringify(field), /Did you mean|searchTrips/);
  const input = await server.gql("mutation ($i: LoginInput!) { login(input: $i) { clientMutationId } }",
    { variables: { i: { emial: "a@b.c", password: "x" } } });
  t.is(input.errors?.[0]?.extensions?.code, "INVAL");
  t.notRegex(JSON.stringify(input), /Did you mean|"email"/);
});

test("no IDE at any path", async (t) => {
  const html = { accept: "text/html" };
  const onGraphql = await fetch(`${server.url}/graphql`, { headers: html });
  t.notRegex(onGraphql.headers.get("content-type") ?? "", /html/, "GET /graphql with Accept: text/html");
  t.notRegex(await onGraphql.text(), /<html|ruru|graphiql/i);
  for (const path of ["/graphiql", "/", "/ruru-static/ruru.js", "/graphql/stream"]) {
    const res = await fetch(`${server.url}${path}`, { headers: html });
    t.is(res.status, 404, path);
    t.notRegex(await res.text(), /<script|ruru/i, path);
  }
});

test("the document limits hold in production", async (t) => {
  const aliases = Array.from({ length: 100 }, (_, i) => `a${i}: currentUserId`).join(" ");
  const res = await server.gql(`{ ${aliases} }`);
  t.is(res.errors?.[0]?.extensions?.code, "LIMIT");
  t.regex(res.errors?.[0]?.message ?? "", /Aliases limit of 15/);
});

test("GRAPHQL_INTROSPECTION=on lets trusted tooling introspect a production server", async (t) => {
  const tooling = await startTestServer(db, { ...PRODUCTION, GRAPHQL_INTROSPECTION: "on" });
  try {
    const res = await tooling.gql("{ __schema { queryType { name } } }");
    t.deepEqual(res.data, { __schema: { queryType: { name: "Query" } } }, JSON.stringify(res.errors));
  } finally {
    await tooling.close();
  }
});
