-- An admin asks for a backup now (docs/operations.md, Backups): system.backup in a two-factor session. The row
-- starts in_progress; backups__create takes a pg_dump (custom format) into BACKUP_DIR and records its size and
-- SHA-256. It is kept retention.backups_days, then the cleanup removes the file.
create or replace function app_public.request_backup()
returns app_public.system_backups
language plpgsql volatile security definer
set search_path = pg_catalog, public, pg_temp
as $$
declare
  v_admin uuid := app_private.require_admin('system.backup', 'take backups');
  v_backup app_public.system_backups;
begin
  insert into app_public.system_backups (backup_type, requested_by, expires_at)
  values ('database_only', v_admin,
          now() + make_interval(days => (app_hidden.config_value('retention.backups_days'))::integer))
  returning * into v_backup;
  perform graphile_worker.add_job('backups__create', json_build_object('id', v_backup.id),
    job_key := 'backups__create:' || v_backup.id, max_attempts := 3);
  perform app_hidden.log_admin_action('request_backup', 'system_backup', v_backup.id::text, 'high', null,
    jsonb_build_object('backup_type', v_backup.backup_type, 'expires_at', v_backup.expires_at));
  return v_backup;
end;
$$;
comment on function app_public.request_backup() is E'@resultFieldName systemBackup\nTakes a backup of the database (pg_dump, custom format) in a moment; the row shows its progress, size and SHA-256. Needs system.backup and a two-factor session. Errors: LOGIN, DNIED.';
grant execute on function app_public.request_backup() to app_user;
