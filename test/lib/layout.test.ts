// The shape of the code (README "Where things live"): lib/ is what the server, the worker and the scripts share and
// depends on none of them; the worker and the scripts never import the server; the server reaches the worker only
// through its entry point, workers/index.ts. Checked on the import specifiers of every source file.
import { readdir, readFile } from "node:fs/promises";
import { dirname, join, relative } from "node:path";
import test from "ava";

const ROOT = new URL("../../", import.meta.url).pathname;
const FOLDERS = ["lib", "server", "workers", "scripts"] as const;

/** Project-relative paths of the files each source file imports (relative specifiers only; packages are skipped). */
async function importsOf(folder: string): Promise<Array<{ file: string; target: string }>> {
  const entries = await readdir(join(ROOT, folder), { recursive: true, withFileTypes: true });
  const found: Array<{ file: string; target: string }> = [];
  for (const entry of entries.filter((e) => e.isFile() && e.name.endsWith(".ts"))) {
    const path = join(entry.parentPath, entry.name);
    const source = await readFile(path, "utf8");
    // `import … from "x"`, `export … from "x"`, `import("x")`.
    for (const [, specifier] of source.matchAll(/(?:\bfrom|\bimport)\s*\(?\s*"(\.{1,2}\/[^"]+)"/g)) {
      found.push({ file: relative(ROOT, path), target: relative(ROOT, join(dirname(path), specifier!)) });
    }
  }
  return found;
}

const imports = Object.fromEntries(await Promise.all(FOLDERS.map(async (f) => [f, await importsOf(f)] as const)));
const describe = (list: Array<{ file: string; target: string }>) => list.map((i) => `${i.file} → ${i.target}`);

test("the scan sees the imports it checks", (t) => {
  t.true(imports.server!.some((i) => i.file === "server/main.ts" && i.target === "workers/index.ts"));
  t.true(imports.scripts!.some((i) => i.target === "lib/config.ts"));
  t.true(imports.workers!.some((i) => i.target === "lib/log.ts"));
});

test("lib/ depends on nothing of the server, the worker or the scripts", (t) => {
  t.deepEqual(describe(imports.lib!.filter((i) => !i.target.startsWith("lib/"))), []);
});

test("nothing in workers/ or scripts/ imports from server/", (t) => {
  t.deepEqual(describe([...imports.workers!, ...imports.scripts!].filter((i) => i.target.startsWith("server/"))), []);
});

test("the server imports the worker only through workers/index.ts", (t) => {
  t.deepEqual(describe(imports.server!.filter((i) => i.target.startsWith("workers/") && i.target !== "workers/index.ts")),
    []);
});
