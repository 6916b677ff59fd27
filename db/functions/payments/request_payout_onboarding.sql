-- Payout onboarding (docs/payments.md, Payouts): the traveler asks for Stripe's hosted onboarding of their payout
-- account. The payout account is created (pending, in the given country) on the first request; each request records
-- an Account Link request and enqueues payouts__onboard, which creates the Express account once and the link (Stripe
-- is called by the worker only). The app then reads the link with payoutOnboardingUrl (null for a moment), opens it,
-- and Stripe sends the traveler back to return_url (done, or account.updated will say what is missing) or to
-- refresh_url (the link expired: request again).
create or replace function app_public.request_payout_onboarding(country text, return_url text, refresh_url text)
returns uuid
language plpgsql volatile security definer
set search_path = pg_catalog, public, pg_temp
as $$
declare
  v_user_id uuid := app_hidden.require_user('phone_verified', 'receive payouts');
  v_account uuid;
  v_request uuid;
begin
  insert into app_public.payout_accounts (user_id, country)
  values (v_user_id, upper(request_payout_onboarding.country))
  on conflict on constraint payout_accounts_user_id_key do nothing;
  select pa.id into v_account from app_public.payout_accounts pa where pa.user_id = v_user_id;
  insert into app_private.payout_onboarding_links (payout_account_id, user_id, return_url, refresh_url)
  values (v_account, v_user_id, request_payout_onboarding.return_url, request_payout_onboarding.refresh_url)
  returning id into v_request;
  perform graphile_worker.add_job('payouts__onboard', json_build_object('id', v_request),
    job_key := 'payouts__onboard:' || v_request, max_attempts := 10);
  return v_request;
end;
$$;
comment on function app_public.request_payout_onboarding(text, text, text) is E'@resultFieldName requestId\nAsks for Stripe''s hosted onboarding of the caller''s payout account (created on the first request, in country, an ISO 3166-1 alpha-2 code; later requests keep it). Read the link with payoutOnboardingUrl a moment later; Stripe returns the browser to returnUrl, or to refreshUrl once the link expired (request again). Errors: LOGIN, SUSPD, DNIED (not active, or below phone_verified), INVAL (a URL that is not http(s), a country that is not two letters).';
grant execute on function app_public.request_payout_onboarding(text, text, text) to app_user;
