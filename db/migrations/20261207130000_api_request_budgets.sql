-- migrate:up
set local lock_timeout = '5s';
set local statement_timeout = '60s';

-- Issue 9: an hourly request budget per signed-in user and per anonymous client address, shared by every API
-- process. One row per subject, reused window after window (app_private.take_api_request), so the table holds one
-- row per active user or address. Unlogged: a counter lost in a crash only forgives part of an hour, and no WAL is
-- written on the hot path of every request.
create unlogged table app_private.api_request_budgets (
  subject text primary key check (length(subject) between 1 and 100),
  window_start timestamptz not null,
  requests integer not null check (requests > 0)
);
create index api_request_budgets_window_start_idx on app_private.api_request_budgets (window_start);
alter table app_private.api_request_budgets enable row level security;
alter table app_private.api_request_budgets force row level security;
comment on table app_private.api_request_budgets is
  'Requests counted in the current hour per subject (user:<id> or ip:<address>); read by app_private.admit_api_request.';

-- platform.api_rate_limit_per_hour (1000) is the signed-in budget. Anonymous requests are counted per client address, which many people may share
-- (NAT, offices, mobile carriers), hence a larger budget of its own.
insert into app_public.system_configuration (category, key, value, data_type, validation, is_sensitive, is_public, description) values
  ('platform', 'api_anonymous_rate_limit_per_hour', '5000', 'integer', '{"min": 1, "max": 10000000}', false, true,
   'GraphQL requests without a token allowed per client address per hour (HTTP 429 beyond); sized for shared addresses.')
on conflict (category, key) do nothing;

-- Finding 5: 5 failures per address locked every account behind a shared NAT or proxy out of login for 15 minutes.
-- The per-account lockout (security.max_login_attempts) stays as it is; the per-address limit only stops one address
-- from spraying guesses across many accounts, so it is sized for an office behind one address.
update app_public.system_configuration
   set value = '100', description = 'Failed logins allowed per client address in 15 minutes (sized for shared addresses: NAT, offices).'
 where category = 'security' and key = 'rate_login_15min_ip' and value = '5';

-- migrate:down
update app_public.system_configuration
   set value = '5', description = 'Failed logins allowed per client IP in 15 minutes.'
 where category = 'security' and key = 'rate_login_15min_ip';
delete from app_public.system_configuration
 where category = 'platform' and key = 'api_anonymous_rate_limit_per_hour';
drop table app_private.api_request_budgets;
