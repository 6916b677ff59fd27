// `npm run schema:export`: writes schema.graphql, the committed picture of the API clients see.
// test/server/schema.test.ts fails when it is stale.
import { writeFile } from "node:fs/promises";
import { makeSchema } from "postgraphile";
import { lexicographicSortSchema, printSchema } from "postgraphile/graphql";
import { makePool } from "../server/app.ts";
import type { Env } from "../server/env.ts";
import { makePreset } from "../server/graphile.config.ts";
import { makeLogger } from "../server/log.ts";

export const SCHEMA_FILE = new URL("../schema.graphql", import.meta.url);

export async function printApiSchema(env: Env): Promise<string> {
  const log = makeLogger("silent");
  const pool = makePool(env.authDatabaseUrl, 2, log, "authenticator");
  try {
    const { schema, resolvedPreset } = await makeSchema(makePreset(env, log, pool));
    for (const service of resolvedPreset.pgServices ?? []) await service.release?.();
    return `${printSchema(lexicographicSortSchema(schema))}\n`;
  } finally {
    await pool.end();
  }
}

if (import.meta.main) {
  const { readEnv } = await import("../server/env.ts");
  await writeFile(SCHEMA_FILE, await printApiSchema(readEnv()));
  process.stderr.write("[schema] schema.graphql written\n");
}
