// Issue 9, finding 4 (the edge part): bad values get a documented code naming what is wrong, never a masked
// "unexpected error" and never PostgreSQL's own message. NUL characters are refused at the edge; dates and big
// numbers by the scalars' own parsing; numbers PostgreSQL cannot hold and negative `first`/`offset` are INVAL. A
// property test then throws random hostile documents and values at the list queries and the sign-in mutations.
import test from "ava";
import fc from "fast-check";
import { createUser, tokenFor } from "../helpers/actors.ts";
import { type GraphQLResponse, useTestServer } from "../helpers/server.ts";

const { db, server } = useTestServer(test);
let token = "";
test.serial.before(async () => {
  token = await tokenFor(db, (await createUser(db)).id);
});

const codeOf = (res: GraphQLResponse) => res.errors?.[0]?.extensions?.code;

test("NUL characters are refused at the edge with INVAL, in variables and in literals", async (t) => {
  const variable = await server.gql("query ($q: String) { searchTrips(query: $q) { totalCount } }",
    { token, variables: { q: "a\u0000b" } });
  t.is(variable.status, 400);
  t.is(codeOf(variable), "INVAL");
  t.regex(variable.errors?.[0]?.message ?? "", /Variable \$q contains a NUL character/);
  const literal = await server.gql('{ searchTrips(query: "a\\u0000b") { totalCount } }', { token });
  t.is(codeOf(literal), "INVAL");
  const key = await server.gql("mutation ($i: LoginInput!) { login(input: $i) { clientMutationId } }",
    { variables: { i: { email: "x@example.test", password: "p\u0000" } } });
  t.regex(key.errors?.[0]?.message ?? "", /Variable \$i\.password contains a NUL character/);
});

test("dates are parsed by the Datetime scalar: 'not a date' and year 99999 are INVAL naming the variable", async (t) => {
  for (const d of ["not a date", "99999-01-01T00:00:00Z", "2030-02-30T10:00:00Z", "2030-01-01"]) {
    const res = await server.gql("query ($d: Datetime) { searchTrips(departureFrom: $d) { totalCount } }",
      { token, variables: { d } });
    t.is(codeOf(res), "INVAL", d);
    t.regex(res.errors?.[0]?.message ?? "", /Variable "\$d" got invalid value/, d);
  }
  const literal = await server.gql('{ searchTrips(departureFrom: "not a date") { totalCount } }', { token });
  t.is(codeOf(literal), "INVAL");
  const good = await server.gql("query ($d: Datetime) { searchTrips(departureFrom: $d) { totalCount } }",
    { token, variables: { d: "2031-05-01T08:00:00+02:00" } });
  t.is(good.errors, undefined);
});

test("big numbers: 2^63 and non-numbers are INVAL for BigInt, overflowing floats for any number", async (t) => {
  for (const p of ["9223372036854775808", "1e3", "12abc", 2 ** 63]) {
    const res = await server.gql("query ($p: BigInt) { deliveries(filter: { finalPrice: { equalTo: $p } }) { totalCount } }",
      { token, variables: { p } });
    t.is(codeOf(res), "INVAL", String(p));
  }
  const radius = await server.gql("{ searchTrips(radiusKm: 1e308) { totalCount } }", { token });
  t.is(codeOf(radius), "INVAL");
  t.regex(radius.errors?.[0]?.message ?? "", /searchTrips/);
  const infinity = await server.gql("{ searchTrips(radiusKm: Infinity) { totalCount } }", { token });
  t.is(codeOf(infinity), "INVAL");
  const int = await server.gql("{ searchTrips(first: 9223372036854775808) { totalCount } }", { token });
  t.is(codeOf(int), "INVAL");
});

test("negative first and offset are INVAL naming the field", async (t) => {
  for (const args of ["first: -1", "offset: -5"]) {
    const res = await server.gql(`{ searchTrips(${args}) { nodes { rowId } } }`, { token });
    t.is(codeOf(res), "INVAL", args);
    t.regex(res.errors?.[0]?.message ?? "", /searchTrips/, args);
  }
});

// Found by the property test over every operation (hostile_operations.test.ts): refusals that were masked or had no
// code.

test("a cursor that is not one is INVAL (it had no code)", async (t) => {
  for (const after of ["garbage", "bm90IGFuIGFycmF5", "W10="]) {
    const res = await server.gql("query ($a: Cursor) { trips(after: $a) { totalCount } }", { token, variables: { a: after } });
    t.is(codeOf(res), "INVAL", after);
    t.regex(res.errors?.[0]?.message ?? "", /cursor/);
  }
});

test("more than 50 variables that do not fit their types are INVAL (graphql-js's last error had no code)", async (t) => {
  const names = Array.from({ length: 60 }, (_, i) => `v${i}`);
  const res = await server.gql(`query (${names.map((n) => `$${n}: UUID!`).join(", ")}) {
    trips(filter: { rowId: { in: [${names.map((n) => `$${n}`).join(", ")}] } }) { totalCount } }`,
  { token, variables: Object.fromEntries(names.map((n) => [n, "not a uuid"])) });
  t.true((res.errors?.length ?? 0) > 50, JSON.stringify(res.errors?.slice(-2)));
  t.deepEqual([...new Set(res.errors?.map((e) => e.extensions?.code))], ["INVAL"], JSON.stringify(res.errors?.slice(-2)));
});

test("deleting a row that does not exist or is not yours is NTFND, naming no table (it was masked)", async (t) => {
  const res = await server.gql("mutation ($id: UUID!) { deleteUserAddress(input: { rowId: $id }) { deletedUserAddressId } }",
    { token, variables: { id: "3f1c0a55-8f7e-4f7e-9a55-0d4b2b6c1e01" } });
  t.is(codeOf(res), "NTFND");
  t.notRegex(res.errors?.[0]?.message ?? "", /collection|user_addresses/);
});

test("a null inside a filter is INVAL (it was masked)", async (t) => {
  const res = await server.gql("query ($f: TripFilter) { trips(filter: $f) { totalCount } }",
    { token, variables: { f: { cancelledBy: null } } });
  t.is(codeOf(res), "INVAL");
  t.regex(res.errors?.[0]?.message ?? "", /Null literals are forbidden in filter/);
});

// ---- Property: hostile values and documents never break the edge -------------------------------------------------

/**
 * What must never reach a client: schemas, catalog objects, constraint names and PostgreSQL's own sentences (its
 * constraint, privilege and syntax errors are translated now, so none of their wording may appear).
 */
const INTERNAL = /app_(public|private|hidden)|pg_|_pkey\b|_fkey\b|_check\b|constraint|relation "|violates|permission denied|invalid input syntax|collection '|function \w+\(|stack|at \w+ \(/i;

const hostileString = fc.oneof(
  fc.string({ maxLength: 40 }), fc.string({ unit: "binary", maxLength: 40 }),
  fc.constantFrom("\u0000", "' or 1=1 --", "9223372036854775808", "-1", "1e308", "NaN", "Infinity", "9999-12-31",
    "not a date", "{}", "[]", "\ud800", "%00", "x".repeat(5000)));
const hostileNumber = fc.oneof(fc.integer(), fc.double(), fc.constantFrom(2 ** 63, -(2 ** 63), 1e308, -1, 0));
const hostileValue = fc.oneof(hostileString, hostileNumber, fc.boolean(), fc.constant(null),
  fc.array(hostileString, { maxLength: 3 }), fc.dictionary(hostileString, hostileString, { maxKeys: 3 }));

/** Operations with every argument a variable of a loose type, so values reach the scalars and the SQL. */
const OPERATIONS = [
  ["searchTrips", "query ($q: String, $r: Float, $d: Datetime, $f: Int, $o: Int) { searchTrips(query: $q, radiusKm: $r, departureFrom: $d, first: $f, offset: $o) { totalCount nodes { rowId } } }"],
  ["searchRequests", "query ($r: BigFloat, $w: Datetime, $f: Int) { searchRequests(near: { type: \"Point\", coordinates: [2.35, 48.85] }, radiusKm: $r, windowFrom: $w, first: $f) { totalCount } }"],
  ["searchUsers", "query ($q: String, $f: Int, $o: Int) { searchUsers(q: $q, first: $f, offset: $o) { totalCount } }"],
  ["trips", "query ($f: Int, $o: Int, $t: String) { trips(first: $f, offset: $o, filter: { title: { includesInsensitive: $t } }) { totalCount } }"],
  ["login", "mutation ($e: String!, $p: String!) { login(input: { email: $e, password: $p }) { authResult { accessToken } } }"],
  ["register", "mutation ($e: String!, $p: String!, $n: String!) { register(input: { email: $e, password: $p, firstName: $n, lastName: $n, acceptTerms: true }) { success } }"],
] as const;

function assertSafe(res: GraphQLResponse, status: number) {
  if (status >= 500) throw new Error(`HTTP ${status}: ${JSON.stringify(res)}`);
  for (const error of res.errors ?? []) {
    if (/unexpected error/i.test(error.message)) throw new Error(`masked: ${JSON.stringify(error)}`);
    if (INTERNAL.test(error.message)) throw new Error(`internal name leaked: ${error.message}`);
    if (typeof error.extensions?.code !== "string") throw new Error(`no code: ${JSON.stringify(error)}`);
  }
}

test("property: random hostile variables on list queries and sign-in mutations never give a 500, a masked error or an internal name", async (t) => {
  await fc.assert(fc.asyncProperty(
    fc.constantFrom(...OPERATIONS),
    fc.record({ q: hostileValue, r: hostileValue, d: hostileValue, f: hostileValue, o: hostileValue, w: hostileValue,
      t: hostileValue, e: hostileString, p: hostileString, n: hostileString }),
    fc.boolean(),
    async ([, query], variables, signedIn) => {
      const res = await server.gql(query, { variables, ...(signedIn ? { token } : {}) });
      assertSafe(res, res.status);
    }), { numRuns: 120 });
  t.deepEqual((await server.gql("{ currentUserId }")).data, { currentUserId: null }, "the server keeps serving");
});

test("property: random hostile documents never give a 500 or an internal name", async (t) => {
  const fragment = fc.constantFrom("{", "}", "[", "]", "(", ")", "...F", "fragment F on Query", "query", "mutation",
    "searchTrips", "currentUserId", "first: -1", "@include(if: true)", "\"\\u0000\"", "$x", "a: ", "__schema", "#",
    "not:", "1e308", "\"x\"", " ");
  await fc.assert(fc.asyncProperty(fc.array(fragment, { maxLength: 60 }), async (parts) => {
    const res = await server.gql(parts.join(" "), { token });
    assertSafe(res, res.status);
  }), { numRuns: 150 });
  t.deepEqual((await server.gql("{ currentUserId }")).data, { currentUserId: null });
});
