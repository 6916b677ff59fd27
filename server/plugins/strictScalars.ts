// PostGraphile's Datetime, Date, BigInt and BigFloat scalars pass any string on to PostgreSQL, so "not a date" or
// 2^63 came back as a masked database error. Here each scalar's own parsing refuses what PostgreSQL would refuse,
// with code INVAL; GraphQL names the offending variable or argument in the message. The schema is unchanged.
import { GraphQLError, Kind, type ValueNode } from "postgraphile/graphql";

const invalid = (message: string) => new GraphQLError(message, { extensions: { code: "INVAL" } });

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

/** ISO 8601 / RFC 3339 with a 4-digit year; the offset may be omitted (PostgreSQL then uses the session's). */
const DATETIME =
  /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(?:[Zz]|[+-]\d{2}(?::?\d{2})?)?$/;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DECIMAL = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d{1,4})?$/;

function isCalendarDate(year: number, month: number, day: number): boolean {
  const date = new Date(Date.UTC(year, month - 1, day));
  return year >= 1 && date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

export const STRICT_PARSERS: Record<string, (value: unknown) => void> = {
  Datetime(value) {
    const m = typeof value === "string" ? DATETIME.exec(value) : null;
    if (
      !m ||
      !isCalendarDate(Number(m[1]), Number(m[2]), Number(m[3])) ||
      Number(m[4]) > 23 ||
      Number(m[5]) > 59 ||
      Number(m[6] ?? 0) > 59
    ) {
      throw invalid("Datetime must be an ISO 8601 date and time, e.g. 2030-01-31T09:30:00Z");
    }
  },
  Date(value) {
    const m = typeof value === "string" ? DATE.exec(value) : null;
    if (!m || !isCalendarDate(Number(m[1]), Number(m[2]), Number(m[3]))) {
      throw invalid("Date must be an ISO 8601 calendar date, e.g. 2030-01-31");
    }
  },
  BigInt(value) {
    const text = typeof value === "number" && Number.isSafeInteger(value) ? String(value) : value;
    if (
      typeof text !== "string" ||
      !/^-?\d{1,19}$/.test(text) ||
      BigInt(text) < INT64_MIN ||
      BigInt(text) > INT64_MAX
    ) {
      throw invalid("BigInt must be a whole number between -2^63 and 2^63-1, as a string");
    }
  },
  BigFloat(value) {
    const text = typeof value === "number" && Number.isFinite(value) ? String(value) : value;
    if (typeof text !== "string" || text.length > 64 || !DECIMAL.test(text)) {
      throw invalid("BigFloat must be a finite decimal number, as a string of at most 64 characters");
    }
  },
};

/** The value a literal stands for, when it is a plain scalar literal (variables are checked by parseValue). */
function literalValue(ast: ValueNode): unknown {
  if (ast.kind === Kind.STRING) return ast.value;
  if (ast.kind === Kind.INT) return Number.isSafeInteger(Number(ast.value)) ? Number(ast.value) : ast.value;
  if (ast.kind === Kind.FLOAT) return Number(ast.value);
  return undefined;
}

export const StrictScalarsPlugin: GraphileConfig.Plugin = {
  name: "StrictScalarsPlugin",
  description: "Datetime, Date, BigInt and BigFloat refuse values PostgreSQL would refuse, with code INVAL",
  version: "1.0.0",
  schema: {
    hooks: {
      GraphQLScalarType(config) {
        const check = STRICT_PARSERS[config.name];
        if (!check) return config;
        const { parseValue, parseLiteral } = config;
        return {
          ...config,
          parseValue(value) {
            check(value);
            return parseValue ? parseValue(value) : value;
          },
          parseLiteral(ast, variables) {
            if (ast.kind !== Kind.VARIABLE) {
              const value = literalValue(ast);
              if (value === undefined) throw invalid(`${config.name} cannot be given as a ${ast.kind} literal`);
              check(value);
            }
            return parseLiteral ? parseLiteral(ast, variables) : literalValue(ast);
          },
        };
      },
    },
  },
};
