// Checks of a GraphQL request body before grafserv parses and runs it, so that hostile input meets a clear 400 with
// a code of db/ERROR_CODES.md instead of a stack overflow or a database error:
// - the document is read by graphql-js's lexer first, without recursion: at most DOCUMENT_LIMITS.maxTokens tokens
//   and 40 nested brackets (LIMIT), so that the recursive parser cannot overflow the stack; a syntax error is QUERY;
// - input values nest at most DOCUMENT_LIMITS.maxInputNesting levels, in the document and in the variables (a
//   thousand nested `not` filters would otherwise exhaust the stack of the recursive coercion);
// - no string carries a NUL character, which PostgreSQL text cannot hold.
import { SafeError } from "postgraphile/grafast";
import { GraphQLError, Kind, Lexer, parse, Source, TokenKind, type ValueNode, visit } from "postgraphile/graphql";
import { DOCUMENT_LIMITS } from "../limits.ts";

export type RequestCheckCode = "QUERY" | "INVAL" | "LIMIT";

/** A refusal at the edge: HTTP 400 with the code in extensions (grafserv sends a SafeError's extensions). */
export function badRequest(message: string, code: RequestCheckCode): SafeError {
  return new SafeError(message, { statusCode: 400, code });
}

/** Verdicts per document text: clients repeat a handful of documents, so each is parsed here once. */
const verdicts = new Map<string, SafeError | null>();
const MAX_VERDICTS = 500;

export function checkDocument(query: string): SafeError | null {
  const known = verdicts.get(query);
  if (known !== undefined) return known;
  const verdict = examineDocument(query);
  if (verdicts.size >= MAX_VERDICTS) verdicts.delete(verdicts.keys().next().value!);
  verdicts.set(query, verdict);
  return verdict;
}

/** Brackets of any kind open at once: selections (depth ≤ 10), arguments and input values (≤ 12) fit easily. */
const MAX_BRACKET_NESTING = 40;
const OPENING = new Set<string>([TokenKind.BRACE_L, TokenKind.BRACKET_L, TokenKind.PAREN_L]);
const CLOSING = new Set<string>([TokenKind.BRACE_R, TokenKind.BRACKET_R, TokenKind.PAREN_R]);

/**
 * graphql-js's own lexer, token by token without recursion: counts tokens and bracket nesting and finds NUL
 * characters in strings, so that the recursive parser only ever sees documents it can parse without overflowing.
 */
function lexicalProblem(query: string): SafeError | null {
  const lexer = new Lexer(new Source(query));
  let tokens = 0;
  let nesting = 0;
  try {
    for (let token = lexer.advance(); token.kind !== TokenKind.EOF; token = lexer.advance()) {
      if (++tokens > DOCUMENT_LIMITS.maxTokens) {
        return badRequest(`The document has more than ${DOCUMENT_LIMITS.maxTokens} tokens`, "LIMIT");
      }
      if (OPENING.has(token.kind) && ++nesting > MAX_BRACKET_NESTING) {
        return badRequest(`The document nests more than ${MAX_BRACKET_NESTING} brackets`, "LIMIT");
      }
      if (CLOSING.has(token.kind)) nesting--;
      if ((token.kind === TokenKind.STRING || token.kind === TokenKind.BLOCK_STRING) && token.value.includes("\0")) {
        return badRequest("A string contains a NUL character (\\u0000)", "INVAL");
      }
    }
  } catch (error) {
    return badRequest(error instanceof GraphQLError ? error.message : "The document could not be read", "QUERY");
  }
  return null;
}

function examineDocument(query: string): SafeError | null {
  const lexical = lexicalProblem(query);
  if (lexical) return lexical;
  let document: ReturnType<typeof parse>;
  try {
    document = parse(query, { noLocation: true });
  } catch (error) {
    return badRequest(error instanceof GraphQLError ? error.message : "The document could not be parsed", "QUERY");
  }
  let problem: SafeError | null = null;
  const depthOf = (value: ValueNode, depth: number): number => {
    if (value.kind === Kind.LIST) return Math.max(depth, ...value.values.map((v) => depthOf(v, depth + 1)));
    if (value.kind === Kind.OBJECT) return Math.max(depth, ...value.fields.map((f) => depthOf(f.value, depth + 1)));
    return depth;
  };
  visit(document, {
    Argument(node) {
      if (depthOf(node.value, 1) > DOCUMENT_LIMITS.maxInputNesting) {
        problem ??= badRequest(
          `The value of argument "${node.name.value}" nests more than ` + `${DOCUMENT_LIMITS.maxInputNesting} levels`,
          "INVAL"
        );
      }
    },
  });
  return problem;
}

/**
 * The variables, walked without recursion (their nesting is what is being bounded). Names the first offending
 * variable path, e.g. `$input.patch.title`.
 */
export function checkVariables(variables: Record<string, unknown>): SafeError | null {
  const stack: Array<{ value: unknown; path: string; depth: number }> = Object.entries(variables).map(
    ([name, value]) => ({ value, path: `$${name}`, depth: 0 })
  );
  for (let item = stack.pop(); item !== undefined; item = stack.pop()) {
    const { value, path, depth } = item;
    if (typeof value === "string") {
      if (value.includes("\0")) return badRequest(`Variable ${path} contains a NUL character (\\u0000)`, "INVAL");
    } else if (value !== null && typeof value === "object") {
      if (depth >= DOCUMENT_LIMITS.maxInputNesting) {
        return badRequest(`Variable ${path} nests more than ${DOCUMENT_LIMITS.maxInputNesting} levels`, "INVAL");
      }
      for (const [key, child] of Object.entries(value)) {
        if (key.includes("\0")) return badRequest(`Variable ${path} has a key with a NUL character`, "INVAL");
        stack.push({
          value: child,
          path: Array.isArray(value) ? `${path}[${key}]` : `${path}.${key}`,
          depth: depth + 1,
        });
      }
    }
  }
  return null;
}

export const RequestChecksPlugin: GraphileConfig.Plugin = {
  name: "RequestChecksPlugin",
  version: "1.0.0",
  grafserv: {
    middleware: {
      processGraphQLRequestBody(next, event) {
        const { query, variableValues } = event.body;
        if (typeof query === "string") {
          const problem = checkDocument(query);
          if (problem) throw problem;
        }
        if (variableValues && typeof variableValues === "object" && !Array.isArray(variableValues)) {
          const problem = checkVariables(variableValues as Record<string, unknown>);
          if (problem) throw problem;
        }
        return next();
      },
    },
  },
};
