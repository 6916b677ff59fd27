import { PgSimplifyInflectionPreset } from "@graphile/simplify-inflection";
import type {} from "postgraphile";
import type pg from "pg";
import { makePgService } from "postgraphile/adaptors/pg";
import { PostGraphileAmberPreset } from "postgraphile/presets/amber";
import { PostGraphileConnectionFilterPreset } from "postgraphile-plugin-connection-filter";
import type { Config } from "../lib/config.ts";
import type { Logger } from "../lib/log.ts";
import { makeContext } from "./context.ts";
import { ConstraintMessages } from "./constraintMessages.ts";
import { makeMaskError } from "./errors.ts";
import { makeConstraintMessagesPlugin } from "./plugins/constraintMessages.ts";
import { ConversationEventsPlugin } from "./plugins/conversationEvents.ts";
import { DeliveryTrackingEventsPlugin } from "./plugins/deliveryTrackingEvents.ts";
import { makeDocumentRulesPlugin } from "./plugins/documentRules.ts";
import { makeFileUrlsPlugin } from "./plugins/fileUrls.ts";
import { GeoJsonPlugin } from "./plugins/geojson.ts";
import { MaintenanceModePlugin } from "./plugins/maintenanceMode.ts";
import { NotificationEventsPlugin } from "./plugins/notificationEvents.ts";
import { Lane, makePasswordLanePlugin } from "./plugins/passwordLane.ts";
import { RequestChecksPlugin } from "./plugins/requestChecks.ts";
import { RequestErrorCodesPlugin } from "./plugins/requestErrorCodes.ts";
import { StatusCodesPlugin } from "./plugins/statusCodes.ts";
import { StrictScalarsPlugin } from "./plugins/strictScalars.ts";

/** authPool connects as app_authenticator (config.database.authUrl); the caller owns it and ends it. */
export function makePreset(config: Config, log: Logger, authPool: pg.Pool): GraphileConfig.Preset {
  const { api, isProduction } = config;
  // Passwords wait at most as long as any request waits for a connection before its 503.
  const passwordLane = new Lane(api.passwordHashConcurrency, api.passwordHashQueue, config.database.connectTimeoutMs);
  const constraintMessages = new ConstraintMessages(authPool, log);
  return {
    extends: [PostGraphileAmberPreset, PgSimplifyInflectionPreset, PostGraphileConnectionFilterPreset],
    plugins: [
      GeoJsonPlugin,
      StrictScalarsPlugin,
      RequestChecksPlugin,
      makeDocumentRulesPlugin({ introspection: api.introspection, hideSuggestions: isProduction }),
      MaintenanceModePlugin,
      makePasswordLanePlugin(passwordLane),
      StatusCodesPlugin,
      RequestErrorCodesPlugin,
      makeConstraintMessagesPlugin(constraintMessages),
      makeFileUrlsPlugin(config.files),
      NotificationEventsPlugin,
      ConversationEventsPlugin,
      DeliveryTrackingEventsPlugin,
    ],
    pgServices: [
      makePgService({
        pool: authPool,
        // Subscriptions (myNotificationEvents) LISTEN on one connection of this pool, shared by every subscriber.
        pubsub: true,
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
      context: makeContext(api.statementTimeout, config.auth.totpKeys),
      timeouts: { planning: 500, execution: 20_000 },
    },
    grafserv: {
      graphqlPath: "/graphql",
      // The IDE only in development, and only at /graphiql: never on GET /graphql (grafserv's default).
      graphiql: !isProduction,
      graphiqlOnGraphQLGET: false,
      graphiqlPath: "/graphiql",
      graphqlOverGET: false,
      // Websockets are served by server/websocket.ts (admission first), on the upgrade requests of /graphql.
      websockets: true,
      maxRequestLength: api.maxRequestBytes,
      maskError: makeMaskError(log, { hideSuggestions: isProduction, constraintMessages }),
    },
  };
}
