-- An admin runs a restore drill now (docs/operations.md, Restore drill), besides the monthly one: the newest
-- completed backup is restored into a scratch database and compared table by table (backups__restore_drill).
create or replace function app_public.request_restore_drill()
returns boolean
language plpgsql volatile security definer
set search_path = pg_catalog, public, pg_temp
as $$
begin
  perform app_private.require_admin('system.backup', 'run restore drills');
  if not exists (select 1 from app_public.system_backups b where b.status = 'completed') then
    raise exception 'There is no completed backup to restore' using errcode = 'BADST';
  end if;
  perform graphile_worker.add_job('backups__restore_drill', '{}'::json, job_key := 'backups__restore_drill',
    max_attempts := 1);
  perform app_hidden.log_admin_action('request_restore_drill', 'system_backup', null, 'medium');
  return true;
end;
$$;
comment on function app_public.request_restore_drill() is 'Restores the newest completed backup into a scratch database in a moment and records the comparison in backupRestoreDrills. Needs system.backup and a two-factor session. Errors: LOGIN, DNIED, BADST (no completed backup).';
grant execute on function app_public.request_restore_drill() to app_user;
