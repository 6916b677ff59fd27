// Maintenance mode (docs/platform.md, Maintenance mode): while the setting platform.maintenance_mode is true, every
// mutation of a caller who is not an admin is answered MAINT, and queries (and subscriptions) go on. One place for
// every mutation, present and future: before a mutation runs, one statement in the request's own role and session
// asks SQL (app_hidden.maintenance_refuses_caller: the setting, and whether the session holds admin rights), so the
// rule and the setting stay in the database. Queries pay nothing. The session mutations stay open to everybody, so
// that admins can sign in (login, the second factor), keep their session (refreshSession) and sign out; the rest of a
// non-admin's session can do nothing but read.
import type {} from "postgraphile";
import { GraphQLError } from "postgraphile/graphql";
import { rootFieldNames } from "./passwordLane.ts";

export const SESSION_MUTATIONS: ReadonlySet<string> = new Set([
  "login",
  "verifyTwoFactorLogin",
  "refreshSession",
  "logout",
]);

export const MaintenanceModePlugin: GraphileConfig.Plugin = {
  name: "MaintenanceModePlugin",
  version: "1.0.0",
  grafast: {
    middleware: {
      async execute(next, event) {
        const { document, operationName, contextValue } = event.args;
        const root = rootFieldNames(document, operationName);
        if (root?.kind !== "mutation" || [...root.names].every((name) => SESSION_MUTATIONS.has(name))) return next();
        const context = contextValue as Grafast.Context;
        const refused = await context.withPgClient(context.pgSettings, async (client) => {
          const { rows } = await client.query<{ refused: boolean }>({
            text: "select app_hidden.maintenance_refuses_caller() as refused",
          });
          return rows[0]?.refused === true;
        });
        if (!refused) return next();
        return {
          errors: [
            new GraphQLError("The platform is in maintenance: changes are paused, reading still works", {
              extensions: { code: "MAINT" },
            }),
          ],
        };
      },
    },
  },
};
