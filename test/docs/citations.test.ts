// The repository stands alone (docs/README.md): every `docs/….md` a file cites exists, the relative links of the
// Markdown files resolve, and nothing points at a specification outside the repository (a sibling checkout's shared
// folder, or its numbered sections, `§` and a digit). Scans every file git knows of here (tracked, or new and not
// ignored), so a citation in a comment, a test, a migration or a README is checked alike.
import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { dirname, join, normalize } from "node:path";
import { promisify } from "node:util";
import test from "ava";

const ROOT = new URL("../../", import.meta.url).pathname;

/** `docs/<path>.md` where it starts a path (not where docs/ is the tail of a longer path, e.g. under another folder). */
const DOCS_CITATION = /(?<![\w./-])docs\/[\w./-]*?\.md\b/g;
/** Relative Markdown links to a .md file: `[text](path.md)` or `(path.md#anchor)`. */
const MARKDOWN_LINK = /\]\((?!https?:|mailto:|#)([^)\s#]+\.md)(?:#[^)\s]*)?\)/g;
/** Pointers outside the repository, written so that this file does not match them itself. */
const OUTSIDE = [
  { what: "a sibling checkout", pattern: /(?:\.\.\/)+shared\b/g },
  { what: "a shared docs folder", pattern: /\bshared\/docs\b/g },
  { what: "a section of an outside specification", pattern: /\u00a7\s?\d/g },
];

interface SourceFile {
  path: string;
  lines: string[];
}

async function repositoryFiles(): Promise<SourceFile[]> {
  const { stdout } = await promisify(execFile)("git", ["ls-files", "-z", "--cached", "--others", "--exclude-standard"],
    { cwd: ROOT, maxBuffer: 64 * 1024 * 1024 });
  const paths = [...new Set(stdout.split("\0").filter((p) => p !== "" && existsSync(join(ROOT, p))))].sort();
  const files: SourceFile[] = [];
  for (const path of paths) {
    const text = await readFile(join(ROOT, path), "utf8");
    if (text.includes("\0")) continue; // binary
    files.push({ path, lines: text.split("\n") });
  }
  return files;
}

const all = await repositoryFiles();
const paths = new Set(all.map((f) => f.path));

/** `file:line: what` for every match of `pattern` in the files for which `broken` says so. */
function offenders(files: SourceFile[], pattern: RegExp, broken: (match: RegExpMatchArray, file: SourceFile) => boolean) {
  const found: string[] = [];
  for (const file of files) {
    file.lines.forEach((line, index) => {
      for (const match of line.matchAll(pattern)) {
        if (broken(match, file)) found.push(`${file.path}:${index + 1}: ${match[0]}`);
      }
    });
  }
  return found;
}

test("the scan sees the repository and its citations of docs/", (t) => {
  t.true(paths.has("docs/README.md") && paths.has("README.md") && paths.has("db/README.md"));
  t.true(offenders(all, DOCS_CITATION, () => true).length > 50, "the code cites docs/ files");
});

test("every docs/….md a file cites exists", (t) => {
  t.deepEqual(offenders(all, DOCS_CITATION, (m) => !paths.has(m[0])), [],
    "cite an existing file of docs/ (docs/README.md lists them), or write the missing one");
});

test("the relative links of the Markdown files resolve", (t) => {
  const markdown = all.filter((f) => f.path.endsWith(".md"));
  t.true(markdown.length >= 10);
  t.deepEqual(offenders(markdown, MARKDOWN_LINK, (m, f) => !paths.has(normalize(join(dirname(f.path), m[1]!)))), []);
});

for (const { what, pattern } of OUTSIDE) {
  test(`nothing points at ${what}`, (t) => {
    t.deepEqual(offenders(all, pattern, () => true), [],
      "state the rule in docs/<domain>.md (or db/README.md for how SQL is written) and cite that instead");
  });
}
