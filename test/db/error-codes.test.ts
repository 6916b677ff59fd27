// db/ERROR_CODES.md is the single list of codes a client may see: server/errors.ts parses it to decide which errors
// pass through unmasked. A code raised in SQL but missing there would reach clients as a masked internal error,
// so every code our SQL raises must be listed, and custom codes must not collide with PostgreSQL's own.
import { readdir, readFile } from "node:fs/promises";
import { join, relative } from "node:path";
import test from "ava";
import { DB_DIR, PROJECT_ROOT } from "../../scripts/db/migrate.ts";
import { CLIENT_ERROR_CODES, ERROR_CODES_FILE, parseErrorCodes } from "../../server/errors.ts";

const markdown = await readFile(ERROR_CODES_FILE, "utf8");

/** The `## …` sections of ERROR_CODES.md, each with the codes of its table. */
const sections = markdown.split(/^(?=## )/m).slice(1).map((text) => ({
  title: text.slice(3, text.indexOf("\n")).trim(),
  codes: [...parseErrorCodes(text)],
}));
/** Codes PostgreSQL itself raises; every other section lists codes of our own. */
const PASSTHROUGH_SECTION = "PostgreSQL codes passed through";

/**
 * SQLSTATE classes PostgreSQL uses that start with a letter (all other classes start with a digit): PL/pgSQL
 * (P0), internal errors (XX), configuration files (F0) and foreign data wrappers (HV).
 */
const RESERVED_CLASSES = ["P0", "XX", "F0", "HV"];

async function sqlFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries.filter((e) => e.isFile() && e.name.endsWith(".sql")).map((e) => join(e.parentPath, e.name)).sort();
}

interface Raised {
  code: string;
  where: string;
}

/**
 * Every SQLSTATE written in our SQL: `using errcode = '…'` (or `:=`) and `raise … sqlstate '…'`. Condition
 * names (`raise unique_violation`) are PostgreSQL's own codes and are not listed here.
 */
async function raisedCodes(): Promise<Raised[]> {
  const files = [...await sqlFiles(join(DB_DIR, "functions")), ...await sqlFiles(join(DB_DIR, "migrations"))];
  const raised: Raised[] = [];
  for (const file of files) {
    const lines = (await readFile(file, "utf8")).split("\n");
    lines.forEach((line, index) => {
      for (const match of line.matchAll(/\b(?:errcode\s*:?=|raise\s+(?:exception\s+)?sqlstate)\s*'([^']*)'/gi)) {
        raised.push({ code: match[1]!, where: `${relative(PROJECT_ROOT, file)}:${index + 1}` });
      }
    });
  }
  return raised;
}

test("every error code raised in db/functions and db/migrations is listed in db/ERROR_CODES.md", async (t) => {
  const raised = await raisedCodes();
  t.true(raised.length > 0, "no `errcode = '…'` found: the scan is broken");
  const missing = raised.filter((r) => !CLIENT_ERROR_CODES.has(r.code)).map((r) => `${r.code} (${r.where})`);
  t.deepEqual(missing, [],
    `Codes raised in SQL but missing from db/ERROR_CODES.md (clients would see a masked internal error); ` +
    `add a row for each:\n  ${missing.join("\n  ")}`);
});

test("custom error codes have the documented shape and avoid PostgreSQL's classes", (t) => {
  const custom = sections.filter((s) => s.title !== PASSTHROUGH_SECTION).flatMap((s) => s.codes);
  t.true(custom.length > 0, "no custom codes parsed: the scan is broken");
  const bad = custom.filter((code) => !/^[A-Z][0-9A-Z]{4}$/.test(code) || RESERVED_CLASSES.includes(code.slice(0, 2)));
  t.deepEqual(bad, [], `Custom codes must be five characters, start with a letter and avoid the classes ` +
    `${RESERVED_CLASSES.join(", ")}: ${bad.join(", ")}`);
});

test("passed-through codes are PostgreSQL's (class starting with a digit, or one of its lettered classes)", (t) => {
  const section = sections.find((s) => s.title === PASSTHROUGH_SECTION);
  t.truthy(section, `db/ERROR_CODES.md has no "## ${PASSTHROUGH_SECTION}" section`);
  const bad = (section?.codes ?? [])
    .filter((code) => !/^[0-9]/.test(code) && !RESERVED_CLASSES.includes(code.slice(0, 2)));
  t.deepEqual(bad, [], `Not PostgreSQL codes; list them with the custom codes instead: ${bad.join(", ")}`);
});

test("no code is listed twice in db/ERROR_CODES.md", (t) => {
  const all = sections.flatMap((s) => s.codes);
  const twice = all.filter((code, index) => all.indexOf(code) !== index);
  t.deepEqual(twice, [], `Listed more than once: ${twice.join(", ")}`);
  // Every table row belongs to a section, so the per-section parse and the server's parse agree.
  t.deepEqual(new Set(all), parseErrorCodes(markdown));
});

test("the server lets exactly the listed codes through (CLIENT_ERROR_CODES)", (t) => {
  t.deepEqual(CLIENT_ERROR_CODES, parseErrorCodes(markdown));
  t.true(CLIENT_ERROR_CODES.size > 0);
});
