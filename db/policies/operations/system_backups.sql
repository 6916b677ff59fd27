-- system_backups: admins with system.read (or system.backup) see every backup; nobody writes through the API
-- (request_backup and the worker's app_private functions do). One policy, an index condition (db/README.md, Policies).
drop policy if exists select_admin on app_public.system_backups;
create policy select_admin on app_public.system_backups for select to app_user
  using (id between (select app_hidden.permitted_ids_from('system.read', 'system.backup'))
                and (select app_hidden.permitted_ids_to('system.read', 'system.backup'))
         and length(id::text) = 36);

revoke all on app_public.system_backups from app_anonymous, app_user;
grant select on app_public.system_backups to app_user;
