-- Configuration history (docs/admin.md, Configuration): read by admins with system.read, like every setting;
-- written only by the trigger on system_configuration.
drop policy if exists select_permitted on app_public.system_configuration_history;
create policy select_permitted on app_public.system_configuration_history for select to app_user
  using (id between (select app_hidden.permitted_ids_from('system.read'))
                and (select app_hidden.permitted_ids_to('system.read'))
         and length(id::text) = 36);

revoke all on app_public.system_configuration_history from app_anonymous, app_user;
grant select on app_public.system_configuration_history to app_user;
