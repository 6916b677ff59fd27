// Nightly (workers/crontab): the reconciliation with Stripe. Each PaymentIntent, release transfer and refund the
// platform recorded in the last two days (app_private.reconciliation_items, overlapping runs on purpose) is fetched
// from Stripe and compared field by field; the run and its differences are recorded
// (app_private.record_reconciliation), and finance is emailed when anything differs. Nothing is corrected.
import type { Task } from "graphile-worker";
import type { Stripe } from "../../lib/stripe.ts";
import type { TaskDeps } from "./index.ts";

interface Item {
  kind: "payment_intent" | "transfer" | "refund";
  stripe_id: string;
  local_id: string;
  expected: Record<string, string | number | null>;
}

const LOOKBACK_MS = 2 * 86_400_000;

async function fetchObject(stripe: Stripe, item: Item): Promise<Record<string, unknown>> {
  switch (item.kind) {
    case "payment_intent":
      return (await stripe.paymentIntents.retrieve(item.stripe_id)) as unknown as Record<string, unknown>;
    case "transfer":
      return (await stripe.transfers.retrieve(item.stripe_id)) as unknown as Record<string, unknown>;
    case "refund":
      return (await stripe.refunds.retrieve(item.stripe_id)) as unknown as Record<string, unknown>;
  }
}

export function makePaymentsReconcileTask(deps: Pick<TaskDeps, "stripe">): Task {
  return async (_payload, helpers) => {
    const since = new Date(Date.now() - LOOKBACK_MS);
    const { rows } = await helpers.withPgClient((client) =>
      client.query<{ item: Item }>("select app_private.reconciliation_items($1) as item", [since])
    );
    const differences: Array<Record<string, unknown>> = [];
    for (const { item } of rows) {
      let actual: Record<string, unknown>;
      try {
        actual = await fetchObject(deps.stripe, item);
      } catch (error) {
        differences.push({
          kind: item.kind,
          stripe_id: item.stripe_id,
          local_id: item.local_id,
          error: (error as Error).message,
        });
        continue;
      }
      for (const [field, expected] of Object.entries(item.expected)) {
        if (expected === null) continue;
        if (actual[field] !== expected) {
          differences.push({
            kind: item.kind,
            stripe_id: item.stripe_id,
            local_id: item.local_id,
            field,
            expected,
            actual: actual[field] ?? null,
          });
        }
      }
    }
    await helpers.withPgClient((client) =>
      client.query("select app_private.record_reconciliation($1, $2, $3::jsonb)", [
        since,
        rows.length,
        JSON.stringify(differences),
      ])
    );
    helpers.logger.info("reconciliation with Stripe", { checked: rows.length, differences: differences.length });
  };
}
