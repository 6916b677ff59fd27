-- An instant payout (docs/payments.md, Payouts): for fully verified travelers whose payout account is active, at least
-- payments.payout_min_instant (500) and at most the available balance of the currency, for a fee of
-- max(payments.instant_fee_min, payments.instant_fee_rate × amount) rounded half-up (50, 1.5 %): amount leaves the
-- balance, net = amount − fee reaches the bank. The payout is pending; payouts__create makes it at Stripe and
-- payout.* events move it on. Requests of one account are serialised by its row lock.
create or replace function app_public.request_instant_payout(amount bigint, currency text default null)
returns app_public.payouts
language plpgsql volatile security definer
set search_path = pg_catalog, public, pg_temp
as $$
declare
  v_user_id uuid := app_hidden.require_user('fully_verified', 'request instant payouts');
  v_account app_public.payout_accounts;
  v_currency text;
  v_min bigint := app_hidden.config_value('payments.payout_min_instant')::bigint;
  v_available bigint;
  v_fee bigint;
begin
  select * into v_account from app_public.payout_accounts pa where pa.user_id = v_user_id for update;
  if v_account.id is null or v_account.status <> 'active' or not v_account.payouts_enabled then
    raise exception 'Finish your payout onboarding first (payout account %)', coalesce(v_account.status::text, 'missing')
      using errcode = 'BADST';
  end if;
  v_currency := upper(coalesce(request_instant_payout.currency, v_account.default_currency));
  if v_currency is null or v_currency !~ '^[A-Z]{3}$' then
    raise exception 'currency must be three capital letters' using errcode = 'INVAL';
  end if;
  if request_instant_payout.amount is null or request_instant_payout.amount < v_min then
    raise exception 'amount must be at least % for an instant payout', v_min using errcode = 'INVAL';
  end if;
  v_available := app_private.payout_available(v_user_id, v_currency);
  if request_instant_payout.amount > v_available then
    raise exception 'amount must be at most your available balance (% %)', v_available, v_currency using errcode = 'LIMIT';
  end if;
  v_fee := greatest(app_hidden.config_value('payments.instant_fee_min')::bigint,
                    round(request_instant_payout.amount * app_hidden.config_value('payments.instant_fee_rate')::numeric)::bigint);
  return app_private.decide_payout(v_account.id, request_instant_payout.amount, v_fee, v_currency, 'instant');
end;
$$;
comment on function app_public.request_instant_payout(bigint, text) is E'@resultFieldName payout\nPays out amount (minor units; currency: the payout account''s by default) of the caller''s available balance to their bank now, for a fee of max(50, 1.5 %): net = amount − fee. For fully verified travelers with an active payout account; at least 500. Errors: LOGIN, SUSPD, DNIED (below fully_verified), BADST (no active payout account), INVAL (amount below the minimum, a malformed currency), LIMIT (more than the available balance).';
grant execute on function app_public.request_instant_payout(bigint, text) to app_user;
