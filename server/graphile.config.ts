import { PgSimplifyInflectionPreset } from "@graphile/simplify-inflection";
import type {} from "postgraphile";
import type pg from "pg";
import { makePgService } from "postgraphile/adaptors/pg";
import { PostGraphileAmberPreset } from "postgraphile/presets/amber";
import { PostGraphileConnectionFilterPreset } from "postgraphile-plugin-connection-filter";
import { makeContext } from "./context.ts";
import type { Env } from "./env.ts";
import { makeMaskError } from "./errors.ts";
import type { Logger } from "./log.ts";
import { makeDepthLimitPlugin } from "./plugins/depthLimit.ts";
import { GeoJsonPlugin } from "./plugins/geojson.ts";

export const MAX_QUERY_DEPTH = 10;

/** authPool connects as app_authenticator (see makeAuthPool); the caller owns it and ends it. */
export function makePreset(env: Env, log: Logger, authPool: pg.Pool): GraphileConfig.Preset {
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
      pgJwtSecret: env.jwtSecret,
      pgJwtSignOptions: { algorithm: "HS256" },
      dontSwallowErrors: true,
    },
    grafast: {
      // Plans would echo every argument (passwords included) back in responses: off.
      explain: false,
      context: makeContext(env.statementTimeout,
        { current: env.totpEncryptionKey, previous: env.totpEncryptionKeyPrevious }),
      timeouts: { planning: 500, execution: 20_000 },
    },
    grafserv: {
      graphqlPath: "/graphql",
      graphiql: !env.isProduction,
      graphiqlPath: "/graphiql",
      graphqlOverGET: false,
      websockets: false,
      maxRequestLength: env.maxRequestBytes,
      maskError: makeMaskError(log),
    },
  };
}
