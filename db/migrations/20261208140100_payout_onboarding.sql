-- migrate:up
set local lock_timeout = '5s';
set local statement_timeout = '60s';

-- Payout onboarding and payouts (docs/payments.md, Payouts). requestPayoutOnboarding records a request for a Stripe
-- Account Link here and enqueues payouts__onboard, which creates the traveler's Express account once and the link;
-- the app reads its URL with payoutOnboardingUrl. Links are single-use and short-lived: a new request makes a new one.
create table app_private.payout_onboarding_links (
  id uuid primary key default gen_random_uuid(),
  payout_account_id uuid not null references app_public.payout_accounts (id) on delete cascade,
  user_id uuid not null references app_public.users (id) on delete cascade,
  return_url text not null constraint payout_onboarding_links_return_url_format
    check (length(return_url) <= 2000 and return_url ~ '^https?://[^\s]+$'),
  refresh_url text not null constraint payout_onboarding_links_refresh_url_format
    check (length(refresh_url) <= 2000 and refresh_url ~ '^https?://[^\s]+$'),
  url text constraint payout_onboarding_links_url_format check (length(url) <= 2000 and url ~ '^https?://[^\s]+$'),
  expires_at timestamptz,
  created_at timestamptz not null default now(),
  constraint payout_onboarding_links_obtained check ((url is null) = (expires_at is null))
);
alter table app_private.payout_onboarding_links enable row level security;
alter table app_private.payout_onboarding_links force row level security;
-- squawk-ignore require-concurrent-index-creation
create index payout_onboarding_links_user_id_idx on app_private.payout_onboarding_links (user_id, created_at);
-- squawk-ignore require-concurrent-index-creation
create index payout_onboarding_links_payout_account_id_idx on app_private.payout_onboarding_links (payout_account_id);
comment on table app_private.payout_onboarding_links is 'Requests for a Stripe Account Link (hosted onboarding of a traveler''s payout account) and the link once obtained.';
comment on constraint payout_onboarding_links_pkey on app_private.payout_onboarding_links is 'id is already taken';
comment on constraint payout_onboarding_links_payout_account_id_fkey on app_private.payout_onboarding_links is 'payout_account_id must name an existing payout account';
comment on constraint payout_onboarding_links_user_id_fkey on app_private.payout_onboarding_links is 'user_id must name an existing user';
comment on constraint payout_onboarding_links_return_url_format on app_private.payout_onboarding_links is 'return_url must be an http(s) URL of at most 2000 characters';
comment on constraint payout_onboarding_links_refresh_url_format on app_private.payout_onboarding_links is 'refresh_url must be an http(s) URL of at most 2000 characters';
comment on constraint payout_onboarding_links_url_format on app_private.payout_onboarding_links is 'url must be an http(s) URL of at most 2000 characters';
comment on constraint payout_onboarding_links_obtained on app_private.payout_onboarding_links is 'url and expires_at are set together';

-- The stripe event processor re-fetches objects whose order matters (accounts): it takes the current object.
drop function if exists app_private.process_stripe_event(text);

-- migrate:down
set local lock_timeout = '5s';
drop table app_private.payout_onboarding_links;
drop function if exists app_private.process_stripe_event(text, jsonb);
