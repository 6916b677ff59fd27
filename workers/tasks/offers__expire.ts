// Every 5 minutes (workers/crontab): offer threads whose current version passed its validity expire, and their
// requests fall back from matched to pending (a trigger) when no live thread is left.
import type { Task } from "graphile-worker";

/** Needs nothing but the database. */
export function makeOffersExpireTask(): Task {
  return async (_payload, helpers) => {
    const { rows } = await helpers.withPgClient((client) =>
      client.query<{ expired: number }>("select app_private.expire_offers() as expired")
    );
    if (rows[0]!.expired > 0) helpers.logger.info("offers expired", { expired: rows[0]!.expired });
  };
}
