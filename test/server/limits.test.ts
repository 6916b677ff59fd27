// Issue 9, findings 2 and 3: one request cannot buy unbounded work. Aliases, tokens, directives, depth, estimated
// cost and the expensive searches are limited by GraphQL Armor's rules after GraphQL's own validation (so a
// fragment cycle is a validation error, never a crash), input nesting is bounded, and each user and each anonymous
// client address has an hourly request budget (429 with Retry-After). Nothing here may produce a 500.
import test from "ava";
import { createUser, tokenFor } from "../helpers/actors.ts";
import { asRoot } from "../helpers/database.ts";
import { useTestServer } from "../helpers/server.ts";
import { DOCUMENT_LIMITS, HEAVY_FIELDS } from "../../server/limits.ts";
import { readFile } from "node:fs/promises";

const { db, server } = useTestServer(test, { TRUST_PROXY: "loopback" });

const post = (body: string) => fetch(`${server.url}/graphql`, { method: "POST",
  headers: { "content-type": "application/json", accept: "application/json" }, body });

async function stillServing(t: { deepEqual: (a: unknown, b: unknown, m?: string) => void }) {
  t.deepEqual((await server.gql("{ currentUserId }")).data, { currentUserId: null }, "the server keeps serving");
}

test("1,000 aliases of a cheap field are refused (tokens), and so are 16 (aliases)", async (t) => {
  const many = await server.gql(`{ ${Array.from({ length: 1000 }, (_, i) => `a${i}: currentUserId`).join(" ")} }`);
  t.is(many.status, 400);
  t.is(many.errors?.[0]?.extensions?.code, "LIMIT");
  t.regex(many.errors?.[0]?.message ?? "", /more than 2000 tokens/);
  const sixteen = await server.gql(`{ ${Array.from({ length: 16 }, (_, i) => `a${i}: currentUserId`).join(" ")} }`);
  t.is(sixteen.errors?.[0]?.extensions?.code, "LIMIT");
  t.regex(sixteen.errors?.[0]?.message ?? "", /Aliases limit of 15 exceeded, found 16/);
  const fifteen = await server.gql(`{ ${Array.from({ length: 15 }, (_, i) => `a${i}: currentUserId`).join(" ")} }`);
  t.is(fifteen.errors, undefined);
});

test("aliases of an expensive search: at most 2 per request", async (t) => {
  const { id } = await createUser(db);
  const token = await tokenFor(db, id);
  const searches = (n: number) => `{ ${Array.from({ length: n }, (_, i) => `s${i}: searchTrips(first: 1) { totalCount }`).join(" ")} }`;
  const three = await server.gql(searches(3), { token });
  t.is(three.errors?.[0]?.extensions?.code, "LIMIT");
  t.regex(three.errors?.[0]?.message ?? "", /At most 2 searches or matchings per request, found 3/);
  const viaFragments = await server.gql(`{ a: searchTrips { totalCount } ...F } fragment F on Query {
    b: matchingTrips(requestId: "00000000-0000-4000-8000-000000000000") { totalCount }
    c: searchUsers(q: "x") { totalCount } }`, { token });
  t.is(viaFragments.errors?.[0]?.extensions?.code, "LIMIT", "fragments do not hide searches");
  const two = await server.gql(searches(2), { token });
  t.is(two.errors, undefined);
});

test("every expensive field named in HEAVY_FIELDS is a field of Query", async (t) => {
  const schema = await readFile(new URL("../../schema.graphql", import.meta.url), "utf8");
  const query = schema.slice(schema.indexOf("type Query implements Node {"));
  const fields = new Set([...query.slice(0, query.indexOf("\n}\n")).matchAll(/^ {2}(\w+)[(:]/gm)].map((m) => m[1]));
  t.deepEqual([...HEAVY_FIELDS].filter((name) => !fields.has(name)), []);
});

test("estimated cost: nested lists with large pages are refused", async (t) => {
  const res = await server.gql(`{ trips(first: 100) { nodes { traveler { tripsByTravelerId(first: 100) { nodes { rowId title } } } } } }`);
  t.is(res.errors?.[0]?.extensions?.code, "LIMIT");
  t.regex(res.errors?.[0]?.message ?? "", /Cost limit of 5000 exceeded/);
});

test("directives are limited", async (t) => {
  const fields = (n: number) => `{ ${"currentUserId @include(if: true) ".repeat(n)}}`;
  const res = await server.gql(fields(DOCUMENT_LIMITS.maxDirectives + 1));
  t.is(res.errors?.[0]?.extensions?.code, "LIMIT");
  t.regex(res.errors?.[0]?.message ?? "", /Directives limit of 20 exceeded, found 21/);
  t.is((await server.gql(fields(DOCUMENT_LIMITS.maxDirectives))).errors, undefined);
});

test("a fragment cycle is a validation error (QUERY), not a 500", async (t) => {
  const res = await server.gql("{ ...A } fragment A on Query { ...B } fragment B on Query { currentUserId ...A }");
  t.true(res.status < 500, `status ${res.status}`);
  t.is(res.errors?.[0]?.extensions?.code, "QUERY");
  t.regex(res.errors?.[0]?.message ?? "", /Cannot spread fragment "A" within itself/);
  await stillServing(t);
});

test("thousands of nested filters or list literals are refused as too deep, in the document and in variables", async (t) => {
  const nestedNot = await server.gql(`{ users(filter: ${"{ not: ".repeat(3000)}{}${" }".repeat(3000)}) { totalCount } }`);
  t.is(nestedNot.status, 400);
  t.is(nestedNot.errors?.[0]?.extensions?.code, "LIMIT");
  const nestedList = await server.gql(`{ searchTrips(query: ${"[".repeat(1500)}"x"${"]".repeat(1500)}) { totalCount } }`);
  t.is(nestedList.status, 400);
  t.is(nestedList.errors?.[0]?.extensions?.code, "LIMIT");
  t.regex(nestedList.errors?.[0]?.message ?? "", /nests more than 40 brackets/);
  const shallowButOver = await server.gql(`{ users(filter: ${"{ not: ".repeat(13)}{}${" }".repeat(13)}) { totalCount } }`);
  t.is(shallowButOver.errors?.[0]?.extensions?.code, "INVAL");
  t.regex(shallowButOver.errors?.[0]?.message ?? "", /argument "filter" nests more than 12 levels/);
  // Variables are JSON: JSON.stringify itself would overflow on such an object, so the body is written as text.
  const body = `{"query":"query ($f: UserFilter) { users(filter: $f) { totalCount } }","variables":{"f":${
    '{"not":'.repeat(5000)}{}${"}".repeat(5000)}}}`;
  const viaVariables = await post(body);
  t.is(viaVariables.status, 400);
  const payload = (await viaVariables.json()) as { errors: Array<{ message: string; extensions: { code: string } }> };
  t.is(payload.errors[0]!.extensions.code, "INVAL");
  t.regex(payload.errors[0]!.message, /Variable \$f\.not\.not.* nests more than 12 levels/);
  await stillServing(t);
});

test.serial("the hourly budget: a user's requests beyond it get 429 with Retry-After; other users are not affected", async (t) => {
  const [a, b] = await Promise.all([createUser(db), createUser(db)]);
  const [tokenA, tokenB] = await Promise.all([tokenFor(db, a.id), tokenFor(db, b.id)]);
  await asRoot(db, (c) => c.query(`update app_public.system_configuration set value = '3'
    where category = 'platform' and key = 'api_rate_limit_per_hour'`));
  try {
    for (let i = 0; i < 3; i++) t.is((await server.gql("{ currentUserId }", { token: tokenA })).status, 200);
    const res = await fetch(`${server.url}/graphql`, { method: "POST", body: JSON.stringify({ query: "{ currentUserId }" }),
      headers: { "content-type": "application/json", authorization: `Bearer ${tokenA}` } });
    t.is(res.status, 429);
    const retryAfter = Number(res.headers.get("retry-after"));
    t.true(retryAfter >= 1 && retryAfter <= 3600, `Retry-After ${retryAfter}`);
    t.deepEqual(await res.json(), { errors: [{ message: "Too many requests this hour; try again after Retry-After seconds",
      extensions: { code: "LIMIT" } }] });
    t.deepEqual((await server.gql("{ currentUserId }", { token: tokenB })).data, { currentUserId: b.id });
  } finally {
    await asRoot(db, (c) => c.query(`update app_public.system_configuration set value = '1000'
      where category = 'platform' and key = 'api_rate_limit_per_hour'`));
  }
});

test.serial("the anonymous budget is per client address", async (t) => {
  await asRoot(db, (c) => c.query(`update app_public.system_configuration set value = '2'
    where category = 'platform' and key = 'api_anonymous_rate_limit_per_hour'`));
  try {
    const from = (ip: string) => server.gql("{ currentUserId }", { headers: { "x-forwarded-for": ip } });
    t.is((await from("203.0.113.9")).status, 200);
    t.is((await from("203.0.113.9")).status, 200);
    const refused = await from("203.0.113.9");
    t.is(refused.status, 429);
    t.is(refused.errors?.[0]?.extensions?.code, "LIMIT");
    t.is((await from("203.0.113.10")).status, 200, "another address has its own budget");
  } finally {
    await asRoot(db, (c) => c.query(`update app_public.system_configuration set value = '5000'
      where category = 'platform' and key = 'api_anonymous_rate_limit_per_hour'`));
  }
});

test("past hours' budgets are pruned", async (t) => {
  await asRoot(db, (c) => c.query(`insert into app_private.api_request_budgets (subject, window_start, requests)
    values ('ip:198.51.100.200', date_trunc('hour', now()) - interval '1 hour', 7)`));
  const pruned = await asRoot(db, async (c) => (await c.query("select app_private.prune_api_request_budgets() as n")).rows[0].n);
  t.true(pruned >= 1);
  const left = await asRoot(db, async (c) => (await c.query(
    "select count(*)::int as n from app_private.api_request_budgets where window_start < date_trunc('hour', now())")).rows[0].n);
  t.is(left, 0);
});
