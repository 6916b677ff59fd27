// The client's message for each constraint of our tables: its comment (db/README.md "Validation"). CHECK, UNIQUE,
// PRIMARY KEY, FOREIGN KEY and EXCLUDE constraints, and unique indexes that are not constraints (partial ones), each
// carry a `comment on` naming the field; test/db/catalog-lint.test.ts fails when one lacks it. The server reads them
// from the catalog once, on the first GraphQL operation, and server/errors.ts answers a violation with the message
// of the constraint PostgreSQL names, so no SQL function wraps its writes to translate them.
import type pg from "pg";
import type { Logger } from "../lib/log.ts";

/** What PostgreSQL says about a violated constraint (node-postgres' DatabaseError fields). */
export interface ConstraintRef {
  schema?: string | undefined;
  table?: string | undefined;
  constraint?: string | undefined;
}

/** One row per constraint or unique index of a table in an app_* schema, with its comment. */
const CATALOG_QUERY = `
  select n.nspname as schema, c.relname as "table", k.conname as name, obj_description(k.oid, 'pg_constraint') as comment
    from pg_catalog.pg_constraint k
    join pg_catalog.pg_class c on c.oid = k.conrelid
    join pg_catalog.pg_namespace n on n.oid = c.relnamespace
   where n.nspname like 'app\\_%' and k.contype in ('c', 'u', 'p', 'f', 'x')
  union all
  select n.nspname, t.relname, i.relname, obj_description(i.oid, 'pg_class')
    from pg_catalog.pg_index x
    join pg_catalog.pg_class i on i.oid = x.indexrelid
    join pg_catalog.pg_class t on t.oid = x.indrelid
    join pg_catalog.pg_namespace n on n.oid = t.relnamespace
   where n.nspname like 'app\\_%' and x.indisunique
     and not exists (select 1 from pg_catalog.pg_constraint k where k.conindid = x.indexrelid)`;

/**
 * The message of a comment: PostGraphile reads leading `@tag` lines of a comment as smart tags (a foreign key's
 * `@behavior -*` hides its relation), so they are not part of what a client reads.
 */
export function messageOfComment(comment: string): string {
  const lines = comment.split(/\r?\n/);
  while (lines.length > 0 && lines[0]!.startsWith("@")) lines.shift();
  return lines.join("\n").trim();
}

const keyOf = (schema: string, table: string, name: string) => `${schema}.${table}.${name}`;

/** A miss (a constraint added by a migration after the server started) reloads at most this often. */
const RELOAD_AFTER_MS = 60_000;

export class ConstraintMessages {
  #messages = new Map<string, string>();
  #loading: Promise<void> | null = null;
  #loadedAt = 0;
  readonly #pool: pg.Pool;
  readonly #log: Logger;

  constructor(pool: pg.Pool, log: Logger) {
    this.#pool = pool;
    this.#log = log;
  }

  /**
   * Resolves once the messages were read (or the attempt failed: the database may be down, and errors then fall back
   * to generic messages until a later miss reloads them). Only the first call waits for the catalog.
   */
  ready(): Promise<void> {
    if (this.#loadedAt > 0) return Promise.resolve();
    return this.#load();
  }

  /** The message of the constraint PostgreSQL names, or undefined when unknown or not commented. */
  lookup(ref: ConstraintRef): string | undefined {
    if (!ref.schema || !ref.table || !ref.constraint) return undefined;
    const message = this.#messages.get(keyOf(ref.schema, ref.table, ref.constraint));
    if (message === undefined && Date.now() - this.#loadedAt > RELOAD_AFTER_MS) void this.#load();
    return message;
  }

  #load(): Promise<void> {
    this.#loading ??= this.#pool
      .query<{ schema: string; table: string; name: string; comment: string | null }>(CATALOG_QUERY)
      .then(
        ({ rows }) => {
          const messages = new Map<string, string>();
          for (const row of rows) {
            const message = row.comment === null ? "" : messageOfComment(row.comment);
            if (message) messages.set(keyOf(row.schema, row.table, row.name), message);
          }
          this.#messages = messages;
        },
        (err: unknown) => {
          this.#log.warn({ err }, "constraint messages could not be read; violations get generic messages meanwhile");
        }
      )
      .finally(() => {
        this.#loadedAt = Date.now();
        this.#loading = null;
      });
    return this.#loading;
  }
}
