// PostGIS `geography` as a `GeoJSON` scalar (points only). PostGraphile has no codec for extension types it does
// not know, and without one every geography column and argument silently vanishes from the schema.
import type {} from "postgraphile";
import type { PgCodec } from "postgraphile/@dataplan/pg";
import { GraphQLError, valueFromASTUntyped } from "postgraphile/graphql";
import { sql, type SQL } from "postgraphile/pg-sql2";

declare global {
  namespace DataplanPg {
    interface PgCodecExtensions {
      /** Set on the codec this plugin builds, so the schema phase can find it whatever its name. */
      isGeoJson?: true;
    }
  }
}

const GEOJSON_TYPE_NAME = "GeoJSON";

export interface GeoJsonPoint {
  type: "Point";
  coordinates: [longitude: number, latitude: number];
}

const POINT_SHAPE = '{ "type": "Point", "coordinates": [longitude, latitude] }';

/** Validates client input; a GraphQLError reaches the client as is, with no row written. */
function parseGeoJsonPoint(value: unknown): GeoJsonPoint {
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw new GraphQLError(`GeoJSON must be an object ${POINT_SHAPE}`);
  }
  const { type, coordinates, ...rest } = value as Record<string, unknown>;
  if (type !== "Point") throw new GraphQLError(`Only GeoJSON Points are supported, got type ${JSON.stringify(type)}`);
  // A `crs` or `bbox` member would be silently ignored while the value is stored as WGS 84: refuse it instead.
  const extra = Object.keys(rest);
  if (extra.length > 0) throw new GraphQLError(`GeoJSON Point has unsupported members: ${extra.join(", ")}`);
  if (!Array.isArray(coordinates) || coordinates.length !== 2) {
    throw new GraphQLError("GeoJSON Point coordinates must be exactly [longitude, latitude]");
  }
  const [lng, lat] = coordinates as unknown[];
  if (typeof lng !== "number" || typeof lat !== "number" || !Number.isFinite(lng) || !Number.isFinite(lat)) {
    throw new GraphQLError("GeoJSON Point coordinates must be finite numbers");
  }
  if (lng < -180 || lng > 180) throw new GraphQLError("GeoJSON Point longitude must be between -180 and 180");
  if (lat < -90 || lat > 90) throw new GraphQLError("GeoJSON Point latitude must be between -90 and 90");
  return { type: "Point", coordinates: [lng, lat] };
}

function makeGeographyCodec(
  name: string,
  schemaName: string,
  serviceName: string,
  oid: string
): PgCodec<string, undefined, string, GeoJsonPoint, undefined, undefined, undefined> {
  const asGeoJson = (frag: SQL) => sql`${sql.identifier(schemaName, "st_asgeojson")}(${frag})::text`;
  return {
    name,
    sqlType: sql.identifier(schemaName, "geography"),
    castFromPg: asGeoJson,
    // listOfCodec makes this the cast of geography[], whose parser splits on geography's own array delimiter,
    // ':' (pg_type.typdelim); a text[] would print ',' instead, so the array literal is built by hand.
    listCastFromPg(frag, guaranteedNotNull) {
      const item = sql.identifier(Symbol("geography_item"));
      const quoted = sql`'"' || replace(replace(${asGeoJson(item)}, '\\', '\\\\'), '"', '\\"') || '"'`;
      const elements = sql`array(select coalesce(${quoted}, 'NULL') from unnest(${frag}) ${item})`;
      const list = sql`'{' || array_to_string(${elements}, ':') || '}'`;
      return guaranteedNotNull ? list : sql`(case when (${frag}) is null then null::text else ${list} end)`;
    },
    fromPg: JSON.parse,
    // geography_in accepts EWKT but not GeoJSON; st_geomfromgeojson would need a function call around the value.
    toPg: ({ coordinates: [lng, lat] }) => `SRID=4326;POINT(${lng} ${lat})`,
    attributes: undefined,
    executor: null,
    extensions: { oid, isGeoJson: true, pg: { serviceName, schemaName, name: "geography" } },
  };
}

export const GeoJsonPlugin: GraphileConfig.Plugin = {
  name: "GeoJsonPlugin",
  description: "PostGIS geography points as a GeoJSON scalar",
  version: "1.0.0",
  gather: {
    hooks: {
      async pgCodecs_findPgCodec(info, event) {
        if (event.pgCodec || event.pgType.typname !== "geography") return;
        const { serviceName, pgType } = event;
        const postgis = await info.helpers.pgIntrospection.getExtensionByName(serviceName, "postgis");
        if (!postgis || pgType.typnamespace !== postgis.extnamespace) return;
        const schemaName = pgType.getNamespace()?.nspname;
        if (!schemaName) return;
        event.pgCodec = makeGeographyCodec(
          info.inflection.typeCodecName({ pgType, serviceName }),
          schemaName,
          serviceName,
          pgType._id
        );
      },
    },
  },
  schema: {
    hooks: {
      init: {
        // PgCodecsPlugin's init warns about, and skips, every codec still without a GraphQL type.
        before: ["PgCodecs"],
        callback(_, build) {
          const codecs = Object.values(build.pgCodecs).filter((codec) => codec.extensions?.isGeoJson);
          if (codecs.length === 0) return _;
          build.registerScalarType(
            GEOJSON_TYPE_NAME,
            {},
            () => ({
              description: build.wrapDescription(
                `A GeoJSON Point in WGS 84 (SRID 4326), longitude first: ${POINT_SHAPE}, with longitude in ` +
                  "[-180, 180] and latitude in [-90, 90]. Other geometry types are not supported.",
                "type"
              ),
              specifiedByURL: "https://www.rfc-editor.org/rfc/rfc7946",
              serialize: (value) => value,
              parseValue: parseGeoJsonPoint,
              parseLiteral: (ast, variables) => parseGeoJsonPoint(valueFromASTUntyped(ast, variables)),
            }),
            "GeoJsonPlugin"
          );
          for (const codec of codecs) build.setGraphQLTypeForPgCodec(codec, ["input", "output"], GEOJSON_TYPE_NAME);
          return _;
        },
      },
    },
  },
};
