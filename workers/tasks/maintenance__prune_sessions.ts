// Daily (workers/crontab): deletes sessions that ended longer ago than the retention period; the rule is in SQL.
import type { Task } from "graphile-worker";

const task: Task = async (_payload, helpers) => {
  const { rows } = await helpers.withPgClient((client) =>
    client.query<{ pruned: number }>("select app_private.prune_sessions() as pruned"));
  const pruned = rows[0]?.pruned ?? 0;
  helpers.logger.info(`pruned ${pruned} ended sessions`, { pruned });
};

export default task;
