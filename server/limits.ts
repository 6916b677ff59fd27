// The limits every GraphQL request meets at the edge, in one place (README "Security" lists them). Changing one is
// a code change reviewed with its test (test/server/limits.test.ts); the hourly request budget and the login
// limits are tunables in app_public.system_configuration instead, changeable without a deploy.

export const DOCUMENT_LIMITS = {
  /** Lexical tokens of a document (graphql-js `parse` maxTokens): bounds its size, aliases, directives and nesting. */
  maxTokens: 2_000,
  /** Selection depth, fragments included (GraphQL Armor max-depth). */
  maxDepth: 10,
  /** Aliases per operation (GraphQL Armor max-aliases). */
  maxAliases: 15,
  /** Directives per operation (GraphQL Armor max-directives). */
  maxDirectives: 20,
  /** Estimated cost: objects 2, scalars 1, ×1.5 per level, × a literal `first`/`last` (GraphQL Armor cost-limit). */
  maxCost: 5_000,
  /** Root fields of the expensive functions (HEAVY_FIELDS) per operation, aliases included. */
  maxHeavyFields: 2,
  /** Nesting of input values (objects and lists, in the document and in variables), e.g. `not` filters. */
  maxInputNesting: 12,
} as const;

/**
 * Query fields whose SQL does real work per call (spatial and trigram searches, matching): an operation may select
 * at most DOCUMENT_LIMITS.maxHeavyFields of them. test/server/limits.test.ts checks that each name exists.
 */
export const HEAVY_FIELDS: ReadonlySet<string> = new Set([
  "searchTrips",
  "searchRequests",
  "searchUsers",
  "matchingTrips",
  "matchingRequests",
  "quotePrice",
]);

/** Retry-After (seconds) of a 503: the database is unreachable or the server is saturated. */
export const RETRY_AFTER_SECONDS = 5;
