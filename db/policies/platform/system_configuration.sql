-- Tunables (docs/platform.md): public rows for everyone, visitors included (the policy names app_anonymous, so it
-- applies to app_user too), every row for admins with system.read. One policy: a small table.
drop policy if exists select_visible on app_public.system_configuration;
create policy select_visible on app_public.system_configuration for select to app_anonymous
  using (is_public or (select app_hidden.current_user_has_permission('system.read')));

revoke all on app_public.system_configuration from app_anonymous, app_user;
grant select on app_public.system_configuration to app_anonymous;
