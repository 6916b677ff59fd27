// schema.graphql is the committed picture of the API: it must match what the server builds from the migrated
// database, and it must not show anything private.
import { readFile } from "node:fs/promises";
import test from "ava";
import { printApiSchema, SCHEMA_FILE } from "../../server/export-schema.ts";
import { useTestDatabase } from "../helpers/database.ts";
import { testConfig } from "../helpers/server.ts";

const db = useTestDatabase(test);
let printed: string;
test.before(async () => {
  printed = await printApiSchema(testConfig(db));
});

test("schema.graphql is up to date (run `npm run schema:export` after changing the database)", async (t) => {
  const committed = await readFile(SCHEMA_FILE, "utf8");
  t.true(committed === printed, "schema.graphql is stale: run `npm run schema:export` and commit the result");
});

test("the API exposes no secret, session or private table", (t) => {
  for (const secret of [/passwordHash/i, /\bSession\b/, /userSecret/i, /adminUser/i, /\bEmail\b(?!Verified)/, /touchSession/i,
    /hashPassword/i, /createSession/i, /pruneSessions/i]) {
    t.notRegex(printed, secret);
  }
});

test("every operation of the minimal identity is there and documented", (t) => {
  for (const field of ["register(", "login(", "logout(", "currentUser:", "currentUserId:"]) {
    const index = printed.indexOf(`  ${field}`);
    t.true(index > 0, `${field} is in the schema`);
    t.regex(printed.slice(Math.max(0, index - 400), index), /"""\s*$|"[^"\n]+"\s*$/, `${field} has a description`);
  }
});
