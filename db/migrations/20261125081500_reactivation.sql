-- migrate:up
set local lock_timeout = '5s';
set local statement_timeout = '60s';
-- docs/identity.md: signing in within 30 days undoes a deactivation.
insert into app_public.system_configuration (category, key, value, description, is_public) values
  ('auth', 'reactivation_days', '30', 'Days after a deactivation during which signing in reactivates the account.', true)
on conflict (category, key) do nothing;

-- migrate:down
delete from app_public.system_configuration where category = 'auth' and key = 'reactivation_days';
