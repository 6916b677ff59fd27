drop policy if exists select_public on app_public.system_configuration;
create policy select_public on app_public.system_configuration for select to app_anonymous
  using (is_public);

drop policy if exists select_admin on app_public.system_configuration;
create policy select_admin on app_public.system_configuration for select to app_user
  using ((select app_hidden.current_user_has_permission('system.read')));

revoke all on app_public.system_configuration from app_anonymous, app_user;
grant select on app_public.system_configuration to app_anonymous;
