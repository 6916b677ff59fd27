// What a GraphQL document must pass before it runs. GraphQL's own validation comes first and alone: the limit rules
// only ever see documents it accepted, so a fragment cycle (which graphql-js rejects) can never send a limit rule
// into endless recursion. Then the limits of server/limits.ts, with GraphQL Armor's maintained rules. Every error
// carries a code of db/ERROR_CODES.md: QUERY (not a valid document for this API), INVAL (a literal value is
// malformed), LIMIT (over a limit). grafserv caches the verdict per document text, so this runs once per document.
import { costLimitRule } from "@escape.tech/graphql-armor-cost-limit";
import { maxAliasesRule } from "@escape.tech/graphql-armor-max-aliases";
import { maxDepthRule } from "@escape.tech/graphql-armor-max-depth";
import { maxDirectivesRule } from "@escape.tech/graphql-armor-max-directives";
import {
  type ASTVisitor,
  type DocumentNode,
  GraphQLError,
  type GraphQLSchema,
  Kind,
  NoSchemaIntrospectionCustomRule,
  specifiedRules,
  type ValidationContext,
  type ValidationRule,
  ValuesOfCorrectTypeRule,
  validate,
} from "postgraphile/graphql";
import { DOCUMENT_LIMITS, HEAVY_FIELDS } from "../limits.ts";

export interface DocumentRulesOptions {
  /** Answer __schema / __type (development, or GRAPHQL_INTROSPECTION=on). */
  introspection: boolean;
  /** Omit "Did you mean …?" suggestions, which reveal the schema (production). */
  hideSuggestions: boolean;
}

const withCode = (error: GraphQLError, code: string, message = error.message) =>
  new GraphQLError(message, {
    nodes: error.nodes,
    source: error.source,
    positions: error.positions,
    originalError: error.originalError,
    extensions: { ...error.extensions, code },
  });

/** Armor's rules report by calling back; their messages start with "Syntax Error: ", which these are not. */
const armorReport = (context: ValidationContext | null, error: GraphQLError) =>
  context?.reportError(withCode(error, "LIMIT", error.message.replace(/^Syntax Error: /, "")));
const armor = { propagateOnRejection: false, onReject: [armorReport] };

/** Counts the operation's root fields that call an expensive function (aliases included, fragments followed). */
function heavyFieldsRule(context: ValidationContext): ASTVisitor {
  return {
    OperationDefinition(operation) {
      if (operation.operation !== "query") return;
      let count = 0;
      const seen = new Set<string>();
      const visit = (selections: readonly import("postgraphile/graphql").SelectionNode[]) => {
        for (const selection of selections) {
          if (selection.kind === Kind.FIELD) {
            if (HEAVY_FIELDS.has(selection.name.value)) count++;
          } else if (selection.kind === Kind.INLINE_FRAGMENT) {
            visit(selection.selectionSet.selections);
          } else if (!seen.has(selection.name.value)) {
            seen.add(selection.name.value);
            const fragment = context.getFragment(selection.name.value);
            if (fragment) visit(fragment.selectionSet.selections);
          }
        }
      };
      visit(operation.selectionSet.selections);
      if (count > DOCUMENT_LIMITS.maxHeavyFields) {
        context.reportError(
          new GraphQLError(
            `At most ${DOCUMENT_LIMITS.maxHeavyFields} searches or matchings per request, found ${count}.`,
            { nodes: operation, extensions: { code: "LIMIT" } }
          )
        );
      }
    },
  };
}

const limitRules: ValidationRule[] = [
  maxDepthRule({ n: DOCUMENT_LIMITS.maxDepth, ...armor }),
  maxAliasesRule({ n: DOCUMENT_LIMITS.maxAliases, ...armor }),
  maxDirectivesRule({ n: DOCUMENT_LIMITS.maxDirectives, ...armor }),
  costLimitRule({ maxCost: DOCUMENT_LIMITS.maxCost, ...armor }),
  heavyFieldsRule,
];

const structureRules = specifiedRules.filter((rule) => rule !== ValuesOfCorrectTypeRule);

/** Runs the stages in order on one document; each stage runs only when the ones before it found nothing. */
export function validateDocument(
  schema: GraphQLSchema,
  document: DocumentNode,
  options: DocumentRulesOptions
): GraphQLError[] {
  const graphqlOptions = { hideSuggestions: options.hideSuggestions };
  const query = validate(
    schema,
    document,
    [...structureRules, ...(options.introspection ? [] : [NoSchemaIntrospectionCustomRule])],
    graphqlOptions
  );
  if (query.length > 0) return query.map((e) => withCode(e, "QUERY"));
  const values = validate(schema, document, [ValuesOfCorrectTypeRule], graphqlOptions);
  if (values.length > 0) return values.map((e) => withCode(e, "INVAL"));
  try {
    return [...validate(schema, document, limitRules, graphqlOptions)];
  } catch (error) {
    // A limit rule must never turn a hostile document into a 500: whatever it throws is a refusal.
    return [
      new GraphQLError("The request is too complex", {
        originalError: error instanceof Error ? error : undefined,
        extensions: { code: "LIMIT" },
      }),
    ];
  }
}

/** One validation rule standing for all the stages, since grafserv validates with a single list of rules. */
function stagedRule(options: DocumentRulesOptions): ValidationRule {
  return (context) => ({
    Document(document) {
      for (const error of validateDocument(context.getSchema(), document, options)) context.reportError(error);
      return false; // nothing else to visit: the stages above did it
    },
  });
}

export function makeDocumentRulesPlugin(options: DocumentRulesOptions): GraphileConfig.Plugin {
  return {
    name: "DocumentRulesPlugin",
    version: "1.0.0",
    grafserv: {
      middleware: {
        setPreset(next, event) {
          event.validationRules.splice(0, event.validationRules.length, stagedRule(options));
          return next();
        },
      },
    },
  };
}
