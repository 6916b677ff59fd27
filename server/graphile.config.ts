import { PgSimplifyInflectionPreset } from "@graphile/simplify-inflection";
import type {} from "postgraphile";
import type pg from "pg";
import { makePgService } from "postgraphile/adaptors/pg";
import { PostGraphileAmberPreset } from "postgraphile/presets/amber";
import { PostGraphileConnectionFilterPreset } from "postgraphile-plugin-connection-filter";
import type { Config } from "../lib/config.ts";
import type { Logger } from "../lib/log.ts";
import { makeContext } from "./context.ts";
import { makeMaskError } from "./errors.ts";
import { makeDepthLimitPlugin } from "./plugins/depthLimit.ts";
import { GeoJsonPlugin } from "./plugins/geojson.ts";

export const MAX_QUERY_DEPTH = 10;

/** authPool connects as app_authenticator (config.database.authUrl); the caller owns it and ends it. */
export function makePreset(config: Config, log: Logger, authPool: pg.Pool): GraphileConfig.Preset {
  return {
    extends: [PostGraphileAmberPreset, PgSimplifyInflectionPreset, PostGraphileConnectionFilterPreset],
    plugins: [GeoJsonPlugin, makeDepthLimitPlugin(MAX_QUERY_DEPTH)],
    pgServices: [
      makePgService({
        pool: authPool,
        // No subscriptions (websockets are off), so no LISTEN connection either.
        pubsub: false,
        schemas: ["app_public"],
        pgSettingsForIntrospection: { role: "app_user" },
      }),
    ],
    gather: { pgJwtTypes: "app_public.jwt_token" },
    schema: {
      pgJwtSecret: config.auth.jwtSecret,
      pgJwtSignOptions: { algorithm: "HS256" },
      dontSwallowErrors: true,
    },
    grafast: {
      // Plans would echo every argument (passwords included) back in responses: off.
      explain: false,
      context: makeContext(config.api.statementTimeout, config.auth.totpKeys),
      timeouts: { planning: 500, execution: 20_000 },
    },
    grafserv: {
      graphqlPath: "/graphql",
      graphiql: !config.isProduction,
      graphiqlPath: "/graphiql",
      graphqlOverGET: false,
      websockets: false,
      maxRequestLength: config.api.maxRequestBytes,
      maskError: makeMaskError(log),
    },
  };
}
