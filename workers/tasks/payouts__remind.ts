// Daily (workers/crontab): travelers with money held for them but no active payout account are reminded to set one up
// (app_private.remind_travelers_without_payout_account, through app_hidden.notify): release waits for the account.
import type { Task } from "graphile-worker";

export function makePayoutsRemindTask(): Task {
  return async (_payload, helpers) => {
    const { rows } = await helpers.withPgClient((client) =>
      client.query<{ n: number }>("select app_private.remind_travelers_without_payout_account() as n")
    );
    if (rows[0]!.n > 0) helpers.logger.info("travelers reminded to set up their payout account", { total: rows[0]!.n });
  };
}
