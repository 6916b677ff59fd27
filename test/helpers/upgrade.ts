// For tests of what a migration does to data that exists when it runs: an empty database migrated only up to (not
// including) a given migration, so that rows in the old shape can be inserted before the rest of the migrations and
// the canonical layer run (scripts/db/migrate.ts migrate()).
import { execFile } from "node:child_process";
import { copyFile, mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { DB_DIR, PROJECT_ROOT } from "../../scripts/db/migrate.ts";

/** Applies every migration of db/migrations whose file name sorts before `migration` (e.g. "20261207100100"). */
export async function migrateBefore(ownerUrl: string, migration: string): Promise<void> {
  const source = join(DB_DIR, "migrations");
  const dir = await mkdtemp(join(tmpdir(), "p2p-migrations-"));
  try {
    for (const file of (await readdir(source)).filter((f) => f.endsWith(".sql") && f < migration)) {
      await copyFile(join(source, file), join(dir, file));
    }
    // The URL travels in the environment, so that no password appears in errors or process lists.
    await promisify(execFile)("dbmate", ["--migrations-dir", dir, "--no-dump-schema", "up"],
      { cwd: PROJECT_ROOT, env: { ...process.env, DATABASE_URL: ownerUrl } });
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
