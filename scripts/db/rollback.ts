// `npm run db:rollback`: rolls back the latest migration and refreshes db/schema.sql. The canonical layer is not
// re-applied: its files describe the newest schema, which no longer exists after a rollback.
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { readDatabaseConfig } from "../../lib/config.ts";
import { DB_DIR, dbmate, dumpSchema } from "./migrate.ts";

const { url } = readDatabaseConfig();
process.stderr.write(await dbmate(url, "rollback"));
await writeFile(join(DB_DIR, "schema.sql"), await dumpSchema(url));
process.stderr.write("[rollback] Done; db/schema.sql refreshed. `npm run db:migrate` applies it again.\n");
