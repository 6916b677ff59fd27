-- The Account Link of the caller's latest onboarding request (requestPayoutOnboarding), once payouts__onboard obtained
-- it; null while it is being obtained, when it expired (request again) or when there was no request.
create or replace function app_public.payout_onboarding_url()
returns text
language sql stable security definer
set search_path = pg_catalog, public, pg_temp
as $$
  select l.url
    from app_private.payout_onboarding_links l
   where l.user_id = app_hidden.require_user('unverified', 'receive payouts')
     and l.expires_at > now()
   order by l.created_at desc
   limit 1;
$$;
comment on function app_public.payout_onboarding_url() is 'The URL of Stripe''s hosted onboarding from the caller''s latest requestPayoutOnboarding: null while it is being obtained (ask again shortly), and once it expired (request again). Errors: LOGIN, SUSPD, DNIED.';
grant execute on function app_public.payout_onboarding_url() to app_user;
