// `npm run schema:export`: writes schema.graphql, the committed picture of the API clients see, from the same
// preset the server runs. test/server/schema.test.ts fails when it is stale. It lives with the server (not in
// scripts/) because it is the server's schema: scripts never import server code.
import { writeFile } from "node:fs/promises";
import { makeSchema } from "postgraphile";
import { lexicographicSortSchema, printSchema } from "postgraphile/graphql";
import type { Config } from "../lib/config.ts";
import { makePool } from "../lib/db.ts";
import { makeLogger } from "../lib/log.ts";
import { makePreset } from "./graphile.config.ts";

export const SCHEMA_FILE = new URL("../schema.graphql", import.meta.url);

export async function printApiSchema(config: Config): Promise<string> {
  const log = makeLogger("silent");
  const pool = makePool(config.database.authUrl, 2, log, "authenticator");
  try {
    const { schema, resolvedPreset } = await makeSchema(makePreset(config, log, pool));
    for (const service of resolvedPreset.pgServices ?? []) await service.release?.();
    return `${printSchema(lexicographicSortSchema(schema))}\n`;
  } finally {
    await pool.end();
  }
}

if (import.meta.main) {
  const { readConfig } = await import("../lib/config.ts");
  await writeFile(SCHEMA_FILE, await printApiSchema(readConfig()));
  process.stderr.write("[schema] schema.graphql written\n");
}
