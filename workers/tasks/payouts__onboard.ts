// Enqueued by requestPayoutOnboarding (job key payouts__onboard:<request id>): creates the traveler's Express account
// once (key account:<payout account id>; transfers requested; payouts on a manual schedule, since the platform pays
// out daily itself with its minimum: payouts__schedule) and records it (app_private.record_payout_account), then
// creates the Account Link of the request (key account-link:<request id>) and stores it
// (app_private.record_onboarding_link), which payoutOnboardingUrl then returns. A rerun gets the same objects.
import type { Task } from "graphile-worker";
import { assertIdPayload } from "../payload.ts";
import type { TaskDeps } from "./index.ts";

interface Plan {
  request_id: string;
  payout_account_id: string;
  user_id: string;
  account: string | null;
  account_key: string;
  link_key: string;
  country: string | null;
  email: string | null;
  return_url: string;
  refresh_url: string;
  done: boolean;
}

export function makePayoutsOnboardTask(deps: Pick<TaskDeps, "stripe">): Task {
  return async (payload, helpers) => {
    const { id } = assertIdPayload("payouts__onboard", payload);
    const { rows } = await helpers.withPgClient((client) =>
      client.query<{ plan: Plan | null }>("select app_private.payout_onboarding_plan($1) as plan", [id])
    );
    const plan = rows[0]?.plan;
    if (!plan || plan.done) return;
    let account = plan.account;
    if (!account) {
      const created = await deps.stripe.accounts.create(
        {
          type: "express",
          ...(plan.country ? { country: plan.country } : {}),
          ...(plan.email ? { email: plan.email } : {}),
          capabilities: { transfers: { requested: true } },
          settings: { payouts: { schedule: { interval: "manual" } } },
          metadata: { user_id: plan.user_id, payout_account_id: plan.payout_account_id },
        },
        { idempotencyKey: plan.account_key }
      );
      await helpers.withPgClient((client) =>
        client.query("select app_private.record_payout_account($1, $2::jsonb)", [
          plan.payout_account_id,
          JSON.stringify(created),
        ])
      );
      account = created.id;
    }
    const link = await deps.stripe.accountLinks.create(
      { account, type: "account_onboarding", return_url: plan.return_url, refresh_url: plan.refresh_url },
      { idempotencyKey: plan.link_key }
    );
    await helpers.withPgClient((client) =>
      client.query("select app_private.record_onboarding_link($1, $2::jsonb)", [id, JSON.stringify(link)])
    );
  };
}
