-- backup_restore_drills: as system_backups, admins with system.read (or system.backup); written by the worker only.
drop policy if exists select_admin on app_public.backup_restore_drills;
create policy select_admin on app_public.backup_restore_drills for select to app_user
  using (id between (select app_hidden.permitted_ids_from('system.read', 'system.backup'))
                and (select app_hidden.permitted_ids_to('system.read', 'system.backup'))
         and length(id::text) = 36);

revoke all on app_public.backup_restore_drills from app_anonymous, app_user;
grant select on app_public.backup_restore_drills to app_user;
