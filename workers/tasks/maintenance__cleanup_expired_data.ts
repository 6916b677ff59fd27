// Daily (workers/crontab): applies every retention rule; the rules themselves are in SQL
// (app_private.cleanup_expired_data). Each call handles at most retention.batch_size rows per step in its own
// transaction, so the task calls again while the answer says more may be left.
import type { Task } from "graphile-worker";

/** A backstop against a step that never reports being done: 1000 rounds are 10 million rows per step by default. */
const MAX_ROUNDS = 1000;

type CleanupAnswer = Record<string, number> & { more: boolean };

/** Needs nothing but the database. */
export function makeMaintenanceCleanupExpiredDataTask(): Task {
  return async (_payload, helpers) => {
    const counts: Record<string, number> = {};
    let rounds = 0;
    let more = true;
    while (more && rounds < MAX_ROUNDS) {
      const { rows } = await helpers.withPgClient((client) =>
        client.query<{ answer: CleanupAnswer }>("select app_private.cleanup_expired_data() as answer")
      );
      const { more: moreLeft, ...round } = rows[0]!.answer;
      for (const [step, count] of Object.entries(round)) counts[step] = (counts[step] ?? 0) + count;
      more = moreLeft;
      rounds += 1;
    }
    helpers.logger.info("expired data cleaned up", { counts, rounds });
    if (more) helpers.logger.warn("cleanup stopped with work left; the next run continues", { rounds });
  };
}
