// Constraint comments are the messages clients read when a write breaks the constraint (server/constraintMessages.ts),
// not API documentation: PostGraphile would otherwise turn a foreign key's comment into the description of its
// relation field and a unique constraint's into its lookup's. This plugin keeps them out of the schema and makes the
// first GraphQL operation wait for the messages, so that no violation is answered before they are known.
import type {} from "postgraphile";
import type { ConstraintMessages } from "../constraintMessages.ts";

export function makeConstraintMessagesPlugin(messages: ConstraintMessages): GraphileConfig.Plugin {
  return {
    name: "ConstraintMessagesPlugin",
    version: "1.0.0",
    gather: {
      hooks: {
        // A relation's own smart tags (@forwardDescription, @backwardDescription) still describe it.
        pgRelations_relation(_info, event) {
          if (event.relation.description === event.pgConstraint.getTagsAndDescription().description) {
            delete event.relation.description;
          }
        },
        pgTables_unique(_info, event) {
          delete event.unique.description;
        },
      },
    },
    grafast: {
      middleware: {
        async execute(next) {
          await messages.ready();
          return next();
        },
      },
    },
  };
}
