// Issue 9, finding 4 (every operation): random and hostile arguments for every mutation and every query that takes
// arguments, built from the committed schema (schema.graphql, checked current by test/server/schema.test.ts), so a new
// operation is covered without an edit here. Each is sent through the real server anonymously and as the two parties
// of a delivery, with values of its argument types: huge, negative and non-numbers as strings, NUL and control
// characters, very long strings, wrong enum values, random and real UUIDs, bad GeoJSON, dates out of range, nested
// objects. Every answer must be below HTTP 500, never a masked "unexpected error", never name a table, constraint,
// function or schema, and carry a code of db/ERROR_CODES.md; the server must still answer afterwards. Runs are
// seeded (HOSTILE_SEED, printed on failure) and bounded (HOSTILE_RUNS × 3 runs per operation, each as one of the
// three actors).
import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import test from "ava";
import fc from "fast-check";
import {
  buildSchema, type GraphQLArgument, type GraphQLField, type GraphQLInputType, type GraphQLOutputType,
  getNamedType, isEnumType, isInputObjectType, isLeafType, isListType, isNonNullType, isObjectType,
} from "postgraphile/graphql";
import { CLIENT_ERROR_CODES } from "../../server/errors.ts";
import { SCHEMA_FILE } from "../../server/export-schema.ts";
import { createDeliveredDelivery, createMarket } from "../helpers/marketplace.ts";
import { queryAsRoot, setSetting } from "../helpers/database.ts";
import { tokenFor } from "../helpers/actors.ts";
import { type GraphQLResponse, useTestServer } from "../helpers/server.ts";

const SEED = Number(process.env.HOSTILE_SEED ?? 20261207);
const RUNS = Number(process.env.HOSTILE_RUNS ?? 5);
/** A comma-separated list of operation names, to reproduce a failure alone. */
const ONLY = process.env.HOSTILE_ONLY?.split(",");

const { db, server } = useTestServer(test);
const schema = buildSchema(readFileSync(SCHEMA_FILE, "utf8"));

// ---- The operations ----------------------------------------------------------------------------------------------

interface Operation {
  kind: "query" | "mutation";
  name: string;
  document: string;
  args: readonly GraphQLArgument[];
}

/** Leaf fields (no required arguments) of an object type, for a selection that makes the SQL run. */
function leafFields(type: GraphQLOutputType): string[] {
  const named = getNamedType(type);
  if (!isObjectType(named)) return [];
  return Object.values(named.getFields())
    .filter((f) => isLeafType(getNamedType(f.type)) && f.args.every((a) => !isNonNullType(a.type)))
    .map((f) => f.name).slice(0, 4);
}

/**
 * A selection of the field's type that reads real rows: a connection's totalCount and nodes, a payload's first row
 * field, an object's leaf fields; __typename where nothing else fits.
 */
function selectionOf(type: GraphQLOutputType, depth = 0): string {
  const named = getNamedType(type);
  if (isLeafType(named)) return "";
  if (!isObjectType(named)) return "{ __typename }";
  const fields = named.getFields();
  const parts = leafFields(named);
  if (depth < 2) {
    if (fields.nodes) parts.push(`nodes ${selectionOf(fields.nodes.type, depth + 1)}`);
    else if (named.name.endsWith("Payload")) {
      const row = Object.values(fields).find((f) => isObjectType(getNamedType(f.type)) && f.name !== "query");
      if (row) parts.push(`${row.name} ${selectionOf(row.type, depth + 1)}`);
    }
  }
  return `{ ${parts.length > 0 ? parts.join(" ") : "__typename"} }`;
}

function operationOf(kind: Operation["kind"], field: GraphQLField<unknown, unknown>): Operation {
  const variables = field.args.map((a, i) => `$a${i}: ${String(a.type)}`).join(", ");
  const args = field.args.map((a, i) => `${a.name}: $a${i}`).join(", ");
  const document = `${kind}${variables ? ` (${variables})` : ""} { ${field.name}${args ? `(${args})` : ""} ` +
    `${selectionOf(field.type)} }`;
  return { kind, name: field.name, document, args: field.args };
}

/**
 * Every mutation, and every query that takes an argument other than a global node id (those only decode an id):
 * the lists, searches, matching and lookups.
 */
const OPERATIONS: Operation[] = [
  ...Object.values(schema.getMutationType()?.getFields() ?? {}).map((f) => operationOf("mutation", f)),
  ...Object.values(schema.getQueryType()?.getFields() ?? {})
    .filter((f) => f.args.length > 0 && !(f.args.length === 1 && String(f.args[0]!.type) === "ID!"))
    .map((f) => operationOf("query", f)),
].sort((a, b) => `${a.kind} ${a.name}`.localeCompare(`${b.kind} ${b.name}`));

// ---- Hostile values per type -------------------------------------------------------------------------------------

/** Ids of real rows (filled by the setup), so that hostile values also reach the code behind the existence checks. */
const knownIds: string[] = [];

/**
 * Two kinds of runs. Typed runs give every argument a value its GraphQL type accepts, hostile only in content
 * (extreme numbers, control characters, far dates, real and random ids), so that they get past coercion and reach the
 * SQL. Wild runs also break the types (wrong enum values, nulls for required values, strings for numbers, malformed
 * ids, dates and GeoJSON), which the edge must refuse with a code.
 */
type Mode = "typed" | "wild";

const CONTROL = fc.constantFrom("\u0001", "\u0007", "\b", "\u001b[2J", "\u007f", "\u2028", "\ufeff", "\r\n", "\t");
const hostileText = fc.oneof(
  { weight: 4, arbitrary: fc.string({ maxLength: 30 }) },
  { weight: 2, arbitrary: fc.string({ unit: "binary", maxLength: 30 }) },
  { weight: 2, arbitrary: fc.tuple(fc.string({ maxLength: 10 }), CONTROL, fc.string({ maxLength: 10 })).map((p) => p.join("")) },
  { weight: 1, arbitrary: fc.constantFrom("x".repeat(3000), "é".repeat(2500), "🚚".repeat(1500)) },
  { weight: 3, arbitrary: fc.constantFrom("", " ", "' or 1=1 --", "'); drop table app_public.trips; --", "%", "_",
    "\\", "$1", "null", "NaN", "-1", "9223372036854775808", "1e308", "{}", "[]", "<script>", "\ud800",
    "ann@example.test", "+4930123456", "DE", "EUR", "DEL-00000001", "2030-01-01T00:00:00Z", "Correct-Horse-9") },
);
const wildText = fc.oneof({ weight: 8, arbitrary: hostileText }, { weight: 1, arbitrary: fc.constant("nul\u0000byte") });

/** Numbers as BigInt and BigFloat take them: strings of digits, from 0 to past 2^63. */
const numberText = fc.oneof(
  fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n }).map(String),
  fc.integer({ min: -1000, max: 100_000 }).map(String),
  fc.constantFrom("0", "-1", "1", "9223372036854775807", "-9223372036854775808", "0.5", "1e3", "123456789.123456789"),
);
const wildNumberText = fc.oneof(numberText, fc.double({ noNaN: true }).map(String),
  fc.constantFrom("9223372036854775808", "1e308", "1e-400", "NaN", "Infinity", "12abc", "", " 1", "0x10", "1,5", "١٢"));

const uuid = fc.oneof(
  { weight: 1, arbitrary: fc.uuid() },
  { weight: 2, arbitrary: fc.nat().map((i) => knownIds[i % Math.max(knownIds.length, 1)] ?? randomUUID()) },
);
const wildUuid = fc.oneof(uuid, fc.constantFrom("00000000-0000-0000-0000-000000000000", "not-a-uuid", "", "{}"));

const date = fc.oneof(
  fc.date({ min: new Date("0001-01-01T00:00:00Z"), max: new Date("9999-12-31T23:59:59Z"), noInvalidDate: true })
    .map((d) => d.toISOString()),
  fc.integer({ min: -48, max: 24 * 400 }).map((h) => new Date(Date.now() + h * 3_600_000).toISOString()),
);
const wildDate = fc.oneof(date, fc.constantFrom("not a date", "2030-02-30T10:00:00Z", "99999-01-01T00:00:00Z",
  "1970-01-01", "0000-00-00", "2030-01-01T25:00:00Z", "infinity", "-infinity", "epoch", "now"));

const point = fc.tuple(fc.double({ min: -180, max: 180, noNaN: true }), fc.double({ min: -90, max: 90, noNaN: true }))
  .map(([lng, lat]) => ({ type: "Point", coordinates: [lng, lat] }));
const wildGeoJson = fc.oneof(point, fc.constantFrom({ type: "Point", coordinates: [181, 0] },
  { type: "Point", coordinates: [0, 91] }, { type: "Point", coordinates: [1e308, -1e308] },
  { type: "Point", coordinates: [] }, { type: "LineString", coordinates: [[0, 0], [1, 1]] },
  { type: "Point", coordinates: [0, 0], crs: { type: "name" } }, { type: "Point", coordinates: ["0", "0"] },
  "POINT(0 0)", [], 0));

const json = fc.oneof({ weight: 3, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
  { weight: 1, arbitrary: fc.constantFrom({ frequency: "weekly", interval: 1e308, days_of_week: [0, 8] },
    { frequency: "daily", until: "99999-99-99" }, { tracking_level: "exact" }, { show_last_name: "yes" }) });

/** A value of a named scalar: of its own shape in typed runs, of any shape in wild ones. */
function scalarValue(name: string, mode: Mode): fc.Arbitrary<unknown> {
  const wild = mode === "wild";
  switch (name) {
    case "String": return wild ? wildText : hostileText;
    case "Int": return wild ? fc.oneof(fc.integer(), fc.constantFrom(2 ** 31, 2 ** 53, 1.5, "1"))
      : fc.oneof(fc.integer(), fc.constantFrom(0, -1, 1, 2 ** 31 - 1, -(2 ** 31)));
    case "Float": return fc.oneof(fc.double({ noNaN: true, noDefaultInfinity: true }), fc.constantFrom(0, -1, 1e308, -1e308, 5e-324));
    case "BigInt": case "BigFloat": return wild ? fc.oneof(wildNumberText, fc.integer()) : numberText;
    case "UUID": return wild ? wildUuid : uuid;
    case "Datetime": return wild ? wildDate : date;
    case "Date": return wild ? fc.oneof(wildDate.map((d) => d.slice(0, 10)), fc.constantFrom("2001-02-29", "1-1-1"))
      : date.map((d) => d.slice(0, 10));
    case "Boolean": return wild ? fc.oneof(fc.boolean(), fc.constantFrom("true", 1)) : fc.boolean();
    case "JSON": return json;
    case "GeoJSON": return wild ? wildGeoJson : point;
    // Cursors come from earlier answers: typed runs leave them out, wild ones forge them. Node ids are forged in
    // PostGraphile's shape (base64 of ["Type", key]) with real and random keys.
    case "Cursor": return wild ? fc.oneof(fc.base64String({ maxLength: 40 }), hostileText) : fc.constant(null);
    case "ID": return fc.oneof(fc.base64String({ maxLength: 40 }),
      fc.tuple(fc.constantFrom("User", "Trip", "UserAddress", "TripTemplate", "Nope"), uuid)
        .map((key) => Buffer.from(JSON.stringify(key)).toString("base64")));
    default: return wild ? wildText : hostileText;
  }
}

/** A value of an input type; input objects nest at most `depth` levels (filters recurse through and/or/not). */
function inputValue(type: GraphQLInputType, depth: number, mode: Mode): fc.Arbitrary<unknown> {
  if (isNonNullType(type)) {
    const value = presentValue(type.ofType, depth, mode);
    return mode === "wild" ? fc.oneof({ weight: 20, arbitrary: value }, { weight: 1, arbitrary: fc.constant(null) }) : value;
  }
  return fc.oneof({ weight: 4, arbitrary: presentValue(type, depth, mode) }, { weight: 1, arbitrary: fc.constant(null) });
}

/** A value of a nullable type's inner type (never null itself, except inside). */
function presentValue(type: GraphQLInputType, depth: number, mode: Mode): fc.Arbitrary<unknown> {
  const wild = mode === "wild";
  if (isListType(type)) {
    const item = inputValue(type.ofType, depth, mode);
    return fc.oneof({ weight: 6, arbitrary: fc.array(item, { maxLength: 4 }) },
      { weight: 1, arbitrary: fc.array(item, { minLength: 51, maxLength: 60 }) });
  }
  if (isEnumType(type)) {
    const valid = fc.constantFrom(...type.getValues().map((v) => v.name));
    return wild ? fc.oneof({ weight: 6, arbitrary: valid }, { weight: 1, arbitrary: fc.constantFrom("NOT_A_VALUE", "", 1) })
      : valid;
  }
  if (isInputObjectType(type)) {
    const fields = Object.values(type.getFields());
    const required = fields.filter((f) => isNonNullType(f.type));
    const chosen = depth > 0 ? fields : required;
    // An optional field is left out rather than null in typed runs: filters refuse null members outright.
    const member = (f: (typeof fields)[number]) =>
      wild || isNonNullType(f.type) ? inputValue(f.type, depth - 1, mode) : presentValue(f.type, depth - 1, mode);
    const record = fc.record(Object.fromEntries(chosen.map((f) => [f.name, member(f)])),
      { requiredKeys: required.map((f) => f.name) }) as fc.Arbitrary<unknown>;
    return wild ? fc.oneof({ weight: 8, arbitrary: record }, { weight: 1, arbitrary: fc.constantFrom("an object", [], 0) })
      : record;
  }
  return scalarValue(getNamedType(type).name, mode);
}

function variablesOf(operation: Operation): fc.Arbitrary<Record<string, unknown>> {
  const of = (mode: Mode) => fc.record(Object.fromEntries(operation.args.map((a, i) => [`a${i}`, inputValue(a.type, 2, mode)])),
    { requiredKeys: operation.args.flatMap((a, i) => isNonNullType(a.type) ? [`a${i}`] : []) });
  return fc.oneof({ weight: 3, arbitrary: of("typed") }, { weight: 1, arbitrary: of("wild") }) as
    fc.Arbitrary<Record<string, unknown>>;
}

// ---- What every answer must be -----------------------------------------------------------------------------------

/** Names of our schema that must never reach a client, read from the catalog by the setup. */
let internalNames = new Set<string>();

/** PostgreSQL's own phrasing, which comes with internal names. */
const POSTGRES_TEXT = /relation "|violates|permission denied for|invalid input syntax for|operator does not exist|function [\w.]+\(.*\) does not exist|column "[\w]+"|PL\/pgSQL|SQL statement|\bSQLSTATE\b|\n\s+at /i;

function problemsOf(res: GraphQLResponse): string[] {
  const problems: string[] = [];
  if (res.status >= 500) problems.push(`HTTP ${res.status}`);
  for (const error of res.errors ?? []) {
    const { message, extensions } = error;
    if (/unexpected error/i.test(message) || extensions?.errorId) problems.push(`masked: ${message}`);
    if (typeof extensions?.code !== "string" || !CLIENT_ERROR_CODES.has(extensions.code)) {
      problems.push(`no documented code (${String(extensions?.code)}): ${message}`);
    }
    if (POSTGRES_TEXT.test(message)) problems.push(`PostgreSQL's text: ${message}`);
    const leaked = (message.match(/[a-z_][a-z0-9_.]*/gi) ?? []).filter((word) => internalNames.has(word.toLowerCase()));
    if (leaked.length > 0) problems.push(`internal name ${leaked.join(", ")}: ${message}`);
  }
  return problems;
}

// ---- Setup: the actors, the rows they reach, budgets out of the way ----------------------------------------------

type ActorKind = "anonymous" | "customer" | "traveler";
const actors: Record<Exclude<ActorKind, "anonymous">, { id: string; token: string }> = {
  customer: { id: "", token: "" },
  traveler: { id: "", token: "" },
};

test.serial.before(async () => {
  // Thousands of requests from one user and one address: the hourly budgets are another test's subject.
  await setSetting(db, "platform.api_rate_limit_per_hour", 1_000_000);
  await setSetting(db, "platform.api_anonymous_rate_limit_per_hour", 10_000_000);
  const delivered = await createDeliveredDelivery(db, server);
  const open = await createMarket(db);
  actors.customer = { id: delivered.customer, token: delivered.customerToken };
  actors.traveler = { id: delivered.traveler, token: delivered.travelerToken };
  const ids = await queryAsRoot<{ id: string }>(db, `
    select id from app_public.users union all select id from app_public.trips
    union all select id from app_public.delivery_requests union all select id from app_public.delivery_offers
    union all select id from app_public.deliveries union all select id from app_public.user_addresses`);
  knownIds.push(...ids.map((r) => r.id), open.request, open.trip);
  // Names with an underscore or a dot only: plain words ("trips", "reviews") are also how messages speak.
  const names = await queryAsRoot<{ name: string }>(db, `
    with ours as (
      select n.nspname as name from pg_namespace n where n.nspname like 'app\\_%'
      union select c.relname from pg_class c join pg_namespace n on n.oid = c.relnamespace where n.nspname like 'app\\_%'
      union select n.nspname || '.' || c.relname from pg_class c join pg_namespace n on n.oid = c.relnamespace
             where n.nspname like 'app\\_%'
      union select k.conname from pg_constraint k join pg_namespace n on n.oid = k.connamespace where n.nspname like 'app\\_%'
      union select p.proname from pg_proc p join pg_namespace n on n.oid = p.pronamespace where n.nspname like 'app\\_%'
      union select n.nspname || '.' || p.proname from pg_proc p join pg_namespace n on n.oid = p.pronamespace
             where n.nspname like 'app\\_%'
    )
    select name from ours
     where name ~ '[_.]'
       -- a column is how a message names the field (display_name is a column and a function)
       and name not in (select a.attname from pg_attribute a join pg_class c on c.oid = a.attrelid
                          join pg_namespace n on n.oid = c.relnamespace where n.nspname like 'app\\_%')
       -- nor an enum value, which is how a message names a value (the file purpose dispute_evidence is a table too)
       and name not in (select e.enumlabel from pg_enum e join pg_type y on y.oid = e.enumtypid
                          join pg_namespace n on n.oid = y.typnamespace where n.nspname like 'app\\_%')`);
  internalNames = new Set(names.map((r) => r.name.toLowerCase()));
});

const tokenOf = (kind: ActorKind): string | undefined => kind === "anonymous" ? undefined : actors[kind].token;

/** A run that ended the actor's session (logout, logoutAll, revokeSession) must not leave the next ones anonymous. */
async function renewIfEnded(kind: ActorKind, res: GraphQLResponse): Promise<void> {
  if (kind !== "anonymous" && res.errors?.some((e) => e.extensions?.code === "LOGIN")) {
    actors[kind].token = await tokenFor(db, actors[kind].id);
  }
}

// ---- The property, per operation ---------------------------------------------------------------------------------

test.serial("every mutation and argument-taking query is covered", (t) => {
  const mutations = OPERATIONS.filter((o) => o.kind === "mutation").map((o) => o.name);
  t.true(mutations.includes("createTrip") && mutations.includes("register") && mutations.length > 50, mutations.join());
  const queries = OPERATIONS.filter((o) => o.kind === "query").map((o) => o.name);
  t.true(queries.includes("searchTrips") && queries.includes("trips") && queries.includes("matchingTrips"), queries.join());
});

/** A seed per operation that does not move when operations are added or removed. */
function seedOf(operation: Operation): number {
  let hash = SEED | 0;
  for (const char of `${operation.kind} ${operation.name}`) hash = Math.imul(hash ^ char.charCodeAt(0), 16777619);
  return hash >>> 0;
}

OPERATIONS.forEach((operation) => {
  if (ONLY && !ONLY.includes(operation.name)) return;
  test.serial(`${operation.kind} ${operation.name}: hostile arguments get a documented refusal, never a leak`, async (t) => {
    const seed = seedOf(operation);
    const failures: string[] = [];
    try {
      await fc.assert(fc.asyncProperty(
        variablesOf(operation), fc.constantFrom<ActorKind>("anonymous", "customer", "traveler"),
        async (variables, kind) => {
          const res = await server.gql(operation.document, { variables, token: tokenOf(kind) });
          await renewIfEnded(kind, res);
          const problems = problemsOf(res);
          if (problems.length > 0) {
            failures.push(`${kind}: ${problems.join("; ")}`);
            return false;
          }
          return true;
        }), { seed, numRuns: RUNS * 3, endOnFailure: true });
    } catch (error) {
      t.fail(`${(error as Error).message.split("\n").slice(0, 6).join("\n")}\n${failures.at(-1) ?? ""}\n` +
        `document: ${operation.document}\nreproduce: HOSTILE_SEED=${SEED} HOSTILE_ONLY=${operation.name} (this operation's seed ${seed})`);
      return;
    }
    t.pass();
  });
});

test.serial("afterwards the server keeps serving, anonymous and signed in", async (t) => {
  t.deepEqual((await server.gql("{ currentUserId }")).data, { currentUserId: null });
  t.deepEqual((await server.gql("{ currentUserId }", { token: actors.customer.token })).data,
    { currentUserId: actors.customer.id });
  t.is((await fetch(`${server.url}/healthz`)).status, 200);
});
