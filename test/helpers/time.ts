// Time in tests: instants relative to now (GraphQL arguments, fixture columns), and moving a row's timestamps into
// the past, as the passing of time would (expiry, edit windows, retention periods).
import { asRoot, type TestDatabase } from "./database.ts";

/** now + hours (negative for the past), as an ISO 8601 string. */
export const hoursFromNow = (hours: number): string => new Date(Date.now() + hours * 3600_000).toISOString();

/**
 * Sets timestamp columns of one row, found by its id, to that long ago (as root): e.g.
 * `setTimesAgo(db, "app_public.deliveries", id, { delivered_at: "31 days" })`. Table and columns are the test's own
 * literals; the intervals are PostgreSQL interval text.
 */
export async function setTimesAgo(db: TestDatabase, table: string, id: string, ago: Record<string, string>): Promise<void> {
  const columns = Object.keys(ago);
  const assignments = columns.map((column, i) => `${column} = now() - $${i + 2}::interval`).join(", ");
  await asRoot(db, (c) => c.query(`update ${table} set ${assignments} where id = $1`, [id, ...columns.map((k) => ago[k])]));
}
