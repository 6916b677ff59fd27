// The GeoJSON codec (server/plugins/geojson.ts) through the real HTTP server. app_public has no geography column
// yet, so this file adds its own table and function to its cloned database before the server introspects it.
import test, { type ExecutionContext } from "ava";
import { asRoot, createTestDatabase, type TestDatabase } from "../helpers/database.ts";
import { point } from "../helpers/graphql.ts";
import { startTestServer, type GraphQLResponse, type TestServer } from "../helpers/server.ts";

let db: TestDatabase;
let server: TestServer;

const FIXTURE = `
  -- Owned by app_owner like migrated objects, so forced RLS and grants apply as they do in production.
  set role app_owner;
  create table app_public.test_places (
    id uuid primary key default gen_random_uuid(),
    name text not null,
    location geography(Point, 4326) not null
  );
  create index test_places_location_idx on app_public.test_places using gist (location);
  alter table app_public.test_places enable row level security;
  alter table app_public.test_places force row level security;
  create policy test_places_anonymous on app_public.test_places for all to app_anonymous using (true) with check (true);
  grant select, insert (name, location) on app_public.test_places to app_anonymous;
  comment on table app_public.test_places is 'Places used by the GeoJSON codec tests.';
  comment on column app_public.test_places.id is 'Identifier of the place.';
  comment on column app_public.test_places.name is 'Name of the place.';
  comment on column app_public.test_places.location is 'Where the place is.';
  create function app_public.test_places_near(point geography, radius_m float8) returns setof app_public.test_places
    language sql stable set search_path = pg_catalog, public
    as $$ select * from app_public.test_places where st_dwithin(location, point, radius_m) $$;
  comment on function app_public.test_places_near(geography, float8) is 'Places within radius_m metres of point.';
  grant execute on function app_public.test_places_near(geography, float8) to app_anonymous;
  create function app_public.test_places_locations(names text[]) returns geography[]
    language sql stable set search_path = pg_catalog, public
    as $$ select array_agg(location order by name) || null::geography from app_public.test_places
          where name = any(names) having count(*) > 0 $$;
  comment on function app_public.test_places_locations(text[]) is
    'Locations of the named places by name, then a null element; null when none matches.';
  grant execute on function app_public.test_places_locations(text[]) to app_anonymous;
  reset role;
`;

test.before(async () => {
  db = await createTestDatabase();
  // PostGraphile introspects once at start: the fixture must exist before the server does.
  await asRoot(db, (c) => c.query(FIXTURE));
  server = await startTestServer(db);
});
test.after.always(async () => {
  await server?.close();
  await db?.drop();
});

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
interface Place { rowId: string; name: string; location: Json }

const PLACE_FIELDS = "rowId name location";
const CREATE_WITH_VARIABLE = `mutation ($name: String!, $location: GeoJSON!) {
  createTestPlace(input: { testPlace: { name: $name, location: $location } }) { testPlace { ${PLACE_FIELDS} } } }`;
const createWithLiteral = (literal: string) => `mutation ($name: String!) {
  createTestPlace(input: { testPlace: { name: $name, location: ${literal} } }) { testPlace { ${PLACE_FIELDS} } } }`;
const NEAR = `query ($point: GeoJSON, $radius: Float) {
  testPlacesNear(point: $point, radiusM: $radius) { nodes { ${PLACE_FIELDS} } } }`;

let nameCounter = 0;
/** Names are unique per call so each test can count its own rows. */
const uniqueName = (label: string) => `${label} #${++nameCounter}`;

/** A JSON value written as a GraphQL literal: object keys are unquoted, everything else prints as JSON. */
function toLiteral(value: Json): string {
  if (Array.isArray(value)) return `[${value.map(toLiteral).join(", ")}]`;
  if (value !== null && typeof value === "object") {
    return `{ ${Object.entries(value).map(([key, v]) => `${key}: ${toLiteral(v)}`).join(", ")} }`;
  }
  return JSON.stringify(value);
}

const create = (name: string, location: Json) =>
  server.gql<{ createTestPlace: { testPlace: Place } | null }>(CREATE_WITH_VARIABLE, { variables: { name, location } });

const rowsNamed = (name: string) => asRoot(db, async (c) =>
  (await c.query<{ lng: number; lat: number }>(
    "select st_x(location::geometry) as lng, st_y(location::geometry) as lat from app_public.test_places where name = $1",
    [name])).rows);

interface TypeRef { kind: string; name: string | null; ofType: TypeRef | null }
interface Field { name: string; description?: string | null; type: TypeRef; args?: Field[] }
const TYPE_REF = "type { kind name ofType { kind name ofType { kind name } } }";
const typeName = (ref: TypeRef): string =>
  ref.kind === "NON_NULL" ? `${typeName(ref.ofType!)}!` : ref.kind === "LIST" ? `[${typeName(ref.ofType!)}]` : ref.name!;
const fieldNamed = (fields: Field[], name: string) => fields.find((f) => f.name === name);

test.serial("geography columns and arguments are typed GeoJSON in the introspected schema", async (t) => {
  const res = await server.gql<{
    scalar: { kind: string; description: string; specifiedByURL: string };
    output: { fields: Field[] }; input: { inputFields: Field[] }; query: { fields: Field[] };
    mutation: { fields: Field[] };
  }>(`{
    scalar: __type(name: "GeoJSON") { kind description specifiedByURL }
    output: __type(name: "TestPlace") { fields { name description ${TYPE_REF} } }
    input: __type(name: "TestPlaceInput") { inputFields { name ${TYPE_REF} } }
    query: __type(name: "Query") { fields { name ${TYPE_REF} args { name ${TYPE_REF} } } }
    mutation: __type(name: "Mutation") { fields { name ${TYPE_REF} } }
  }`);
  t.deepEqual(res.errors, undefined);
  const { scalar, output, input, query, mutation } = res.data!;
  t.is(scalar.kind, "SCALAR");
  t.regex(scalar.description, /GeoJSON Point.*longitude first/s);
  t.is(scalar.specifiedByURL, "https://www.rfc-editor.org/rfc/rfc7946");

  const location = fieldNamed(output.fields, "location");
  t.truthy(location, "the geography column is in the schema instead of silently vanishing");
  t.is(typeName(location!.type), "GeoJSON!");
  t.is(location!.description, "Where the place is.");
  t.is(typeName(fieldNamed(input.inputFields, "location")!.type), "GeoJSON!");

  t.truthy(fieldNamed(mutation.fields, "createTestPlace"));
  const near = fieldNamed(query.fields, "testPlacesNear");
  t.truthy(near, "a stable function with a geography argument is a Query field");
  t.like(Object.fromEntries(near!.args!.map((a) => [a.name, typeName(a.type)])), { point: "GeoJSON", radiusM: "Float" });
  t.is(typeName(fieldNamed(query.fields, "testPlacesLocations")!.type), "[GeoJSON]");
});

test.serial("a point round-trips through the mutation, the database and a query", async (t) => {
  const name = uniqueName("Paris");
  const location = point(2.3522219, 48.856614);
  const res = await create(name, location);
  t.deepEqual(res.errors, undefined);
  const created = res.data!.createTestPlace!.testPlace;
  t.is(created.name, name);
  t.deepEqual(created.location, location);

  // Stored as a real geography with longitude first, not as text or with swapped axes.
  t.deepEqual(await rowsNamed(name), [{ lng: 2.3522219, lat: 48.856614 }]);

  const read = await server.gql<{ testPlace: Place | null }>(
    `query ($rowId: UUID!) { testPlace(rowId: $rowId) { ${PLACE_FIELDS} } }`, { variables: { rowId: created.rowId } });
  t.deepEqual(read.errors, undefined);
  t.deepEqual(read.data!.testPlace, created);
});

test.serial("inline literals and the extreme valid coordinates are accepted", async (t) => {
  for (const [lng, lat] of [[-180, -90], [180, 90], [0, 0], [-0.000001, 1e-7]] as const) {
    const name = uniqueName(`Corner ${lng},${lat}`);
    const res = await server.gql<{ createTestPlace: { testPlace: Place } }>(
      createWithLiteral(toLiteral(point(lng, lat))), { variables: { name } });
    t.deepEqual(res.errors, undefined, `(${lng}, ${lat})`);
    t.deepEqual(res.data!.createTestPlace.testPlace.location, point(lng, lat));
    t.deepEqual(await rowsNamed(name), [{ lng, lat }]);
  }
});

test.serial("a function with a geography argument finds near places and not far ones", async (t) => {
  const louvre = uniqueName("Louvre");
  const sydney = uniqueName("Sydney");
  for (const [name, location] of [[louvre, point(2.3376, 48.8606)], [sydney, point(151.2153, -33.8568)]] as const) {
    t.deepEqual((await create(name, location)).errors, undefined);
  }
  const near = async (from: Json, radius: number) => {
    const res = await server.gql<{ testPlacesNear: { nodes: Place[] } }>(NEAR, { variables: { point: from, radius } });
    t.deepEqual(res.errors, undefined);
    return res.data!.testPlacesNear.nodes.map((p) => p.name);
  };
  // Notre-Dame is about 1.6 km from the Louvre.
  const aroundNotreDame = await near(point(2.3499, 48.853), 2_000);
  t.true(aroundNotreDame.includes(louvre));
  t.false(aroundNotreDame.includes(sydney));
  t.false((await near(point(2.3499, 48.853), 1_000)).includes(louvre), "the radius is in metres");
  t.deepEqual(await near(point(151.2093, -33.8688), 5_000), [sydney]);

  const literal = await server.gql<{ testPlacesNear: { nodes: Place[] } }>(
    `{ testPlacesNear(point: ${toLiteral(point(151.2093, -33.8688))}, radiusM: 5000) { nodes { ${PLACE_FIELDS} } } }`);
  t.deepEqual(literal.errors, undefined);
  t.deepEqual(literal.data!.testPlacesNear.nodes.map((p) => p.location), [point(151.2153, -33.8568)]);
});

test.serial("a geography[] result is a list of GeoJSON, with null elements and null arrays kept", async (t) => {
  const names = [uniqueName("A: Lyon"), uniqueName("B: Marseille")];
  t.deepEqual((await create(names[0]!, point(4.8357, 45.764))).errors, undefined);
  t.deepEqual((await create(names[1]!, point(5.3698, 43.2965))).errors, undefined);
  const locations = (wanted: string[]) => server.gql<{ testPlacesLocations: Json }>(
    "query ($names: [String]) { testPlacesLocations(names: $names) }", { variables: { names: wanted } });
  const found = await locations(names);
  t.deepEqual(found.errors, undefined);
  t.deepEqual(found.data!.testPlacesLocations, [point(4.8357, 45.764), point(5.3698, 43.2965), null]);
  const none = await locations([uniqueName("nowhere")]);
  t.deepEqual(none.errors, undefined);
  t.is(none.data!.testPlacesLocations, null);
});

const BAD_INPUTS: Array<{ label: string; location: Json; message: RegExp }> = [
  { label: "latitude 91", location: point(2.35, 91), message: /GeoJSON Point latitude must be between -90 and 90$/ },
  { label: "latitude -90.5", location: point(2.35, -90.5), message: /latitude must be between -90 and 90/ },
  { label: "longitude -181", location: point(-181, 48.85),
    message: /GeoJSON Point longitude must be between -180 and 180$/ },
  { label: "a LineString", location: { type: "LineString", coordinates: [[2.35, 48.85], [2.36, 48.86]] },
    message: /Only GeoJSON Points are supported, got type "LineString"$/ },
  { label: "a lowercase type", location: { type: "point", coordinates: [2.35, 48.85] },
    message: /Only GeoJSON Points are supported/ },
  { label: "three coordinates", location: { type: "Point", coordinates: [2.35, 48.85, 35] },
    message: /GeoJSON Point coordinates must be exactly \[longitude, latitude\]$/ },
  { label: "one coordinate", location: { type: "Point", coordinates: [2.35] }, message: /exactly \[longitude, latitude\]/ },
  { label: "string coordinates", location: { type: "Point", coordinates: ["2.35", "48.85"] },
    message: /GeoJSON Point coordinates must be finite numbers$/ },
  { label: "a null coordinate (NaN serialised as JSON)", location: { type: "Point", coordinates: [null, 48.85] },
    message: /coordinates must be finite numbers/ },
  { label: "missing coordinates", location: { type: "Point" }, message: /exactly \[longitude, latitude\]/ },
  { label: "coordinates as an object", location: { type: "Point", coordinates: { lng: 2.35, lat: 48.85 } },
    message: /exactly \[longitude, latitude\]/ },
  { label: "a crs member", location: { type: "Point", coordinates: [2.35, 48.85], crs: "EPSG:3857" },
    message: /GeoJSON Point has unsupported members: crs$/ },
  { label: "a WKT string", location: "POINT(2.35 48.85)", message: /GeoJSON must be an object/ },
  { label: "a bare array", location: [2.35, 48.85], message: /GeoJSON must be an object/ },
];

/** The request failed with a GraphQL error matching message, without a server error, and wrote nothing. */
async function assertRejected(t: ExecutionContext, res: GraphQLResponse<{ createTestPlace?: unknown }>,
  name: string, message: RegExp) {
  t.true(res.status < 500, `HTTP ${res.status}`);
  t.is(res.data?.createTestPlace ?? null, null);
  t.true((res.errors?.length ?? 0) > 0, "a GraphQL error is returned");
  t.true(res.errors!.some((e) => message.test(e.message)), `messages: ${res.errors!.map((e) => e.message).join(" | ")}`);
  t.deepEqual(await rowsNamed(name), [], "no row is written");
}

for (const { label, location, message } of BAD_INPUTS) {
  test.serial(`rejects ${label} as a variable`, async (t) => {
    const name = uniqueName(label);
    await assertRejected(t, await create(name, location), name, message);
  });
  test.serial(`rejects ${label} as an inline literal`, async (t) => {
    const name = uniqueName(label);
    const res = await server.gql(createWithLiteral(toLiteral(location)), { variables: { name } });
    await assertRejected(t, res, name, message);
  });
}

test.serial("rejects NaN as an inline literal (it parses as an enum value, not a number)", async (t) => {
  const name = uniqueName("NaN literal");
  const res = await server.gql(createWithLiteral('{ type: "Point", coordinates: [NaN, 48.85] }'), { variables: { name } });
  await assertRejected(t, res, name, /coordinates must be finite numbers/);
});

test.serial("rejects an infinite coordinate sent as a JSON number too large for a double", async (t) => {
  const name = uniqueName("Infinity");
  // JSON.stringify cannot produce 1e999; JSON.parse on the server turns it into Infinity.
  const body = `{"query": ${JSON.stringify(CREATE_WITH_VARIABLE)}, "variables": {"name": ${JSON.stringify(name)},
    "location": {"type": "Point", "coordinates": [1e999, 48.85]}}}`;
  const res = await fetch(`${server.url}/graphql`, {
    method: "POST", headers: { "content-type": "application/json", accept: "application/json" }, body });
  const json = (await res.json()) as GraphQLResponse<{ createTestPlace?: unknown }>;
  await assertRejected(t, { ...json, status: res.status }, name, /coordinates must be finite numbers/);
});

test.serial("rejects a bad point given to a function argument", async (t) => {
  const res = await server.gql(NEAR, { variables: { point: point(2.35, 91), radius: 1000 } });
  t.is(res.data?.testPlacesNear ?? null, null);
  t.true(res.errors?.some((e) => /latitude must be between -90 and 90/.test(e.message)));
});

test.serial("the server keeps serving after the bad inputs", async (t) => {
  const name = uniqueName("After the errors");
  const res = await create(name, point(-73.9857, 40.7484));
  t.is(res.status, 200);
  t.deepEqual(res.errors, undefined);
  t.deepEqual(res.data!.createTestPlace!.testPlace.location, point(-73.9857, 40.7484));
  t.deepEqual(await rowsNamed(name), [{ lng: -73.9857, lat: 40.7484 }]);
});

