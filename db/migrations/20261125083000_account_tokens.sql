-- migrate:up
set local lock_timeout = '5s';
set local statement_timeout = '60s';

insert into app_public.system_configuration (category, key, value, description, is_public) values
  ('security', 'admin_requires_2fa', 'true', 'Admin permissions apply only in sessions that passed two-factor authentication.', false)
on conflict (category, key) do nothing;

-- migrate:down
delete from app_public.system_configuration where (category, key) in (('security', 'admin_requires_2fa'));
