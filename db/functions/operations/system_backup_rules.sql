-- Shared by the operations functions (docs/operations.md): the row counts a backup records and a restore drill
-- compares, and the worker's bookkeeping of backups and drills.

-- Rows of every table a dump holds, as {"schema.table": n}: leaf tables (partitions counted one by one, as
-- pg_restore loads them), without extensions' own tables (CREATE EXTENSION fills those). Run in the snapshot the
-- dump is taken from (backups__create), and in the restored scratch database by the restore drill, whose copy of
-- this function is the dumped one: both sides count the same way.
create or replace function app_private.table_row_counts()
returns jsonb
language plpgsql stable
set search_path = pg_catalog, public, pg_temp
as $$
declare
  v_table text;
  v_rows bigint;
  v_counts jsonb := '{}';
begin
  for v_table in
    select format('%I.%I', n.nspname, c.relname)
      from pg_class c join pg_namespace n on n.oid = c.relnamespace
     where c.relkind = 'r' and n.nspname not in ('pg_catalog', 'information_schema') and n.nspname not like 'pg\_%'
       and not exists (select 1 from pg_depend d where d.classid = 'pg_class'::regclass and d.objid = c.oid
                                                   and d.deptype = 'e')
     order by 1
  loop
    execute format('select count(*) from %s', v_table) into v_rows;
    v_counts := v_counts || jsonb_build_object(v_table, v_rows);
  end loop;
  return v_counts;
end;
$$;
comment on function app_private.table_row_counts() is 'Rows of every table (leaf tables, extensions'' own excluded), as {"schema.table": n}.';

-- The backup a backups__create job takes: null when it is no longer in progress (a retry after it finished).
create or replace function app_private.backup_to_take(backup_id uuid)
returns app_public.system_backups
language sql stable
set search_path = pg_catalog, public, pg_temp
as $$
  select b.* from app_public.system_backups b where b.id = backup_to_take.backup_id and b.status = 'in_progress';
$$;
comment on function app_private.backup_to_take(uuid) is 'The backup a backups__create job takes, while it is in progress.';

create or replace function app_private.complete_backup(backup_id uuid, storage_key text, byte_size bigint, sha256 text,
                                                       row_counts jsonb)
returns void
language sql volatile
set search_path = pg_catalog, public, pg_temp
as $$
  update app_public.system_backups b
     set status = 'completed', storage_key = complete_backup.storage_key, byte_size = complete_backup.byte_size,
         sha256 = complete_backup.sha256, row_counts = complete_backup.row_counts, completed_at = now(), error = null
   where b.id = complete_backup.backup_id and b.status = 'in_progress';
$$;
comment on function app_private.complete_backup(uuid, text, bigint, text, jsonb) is 'Records a backup''s written dump: where, its size, SHA-256 and row counts.';

create or replace function app_private.fail_backup(backup_id uuid, error text)
returns void
language sql volatile
set search_path = pg_catalog, public, pg_temp
as $$
  update app_public.system_backups b set status = 'failed', error = left(fail_backup.error, 2000)
   where b.id = fail_backup.backup_id and b.status = 'in_progress';
$$;
comment on function app_private.fail_backup(uuid, text) is 'Records that a backup could not be taken, and why.';

-- A restore drill begins: a 'running' row for the newest completed backup, returned with it; null (nothing recorded)
-- when there is no backup to restore.
create or replace function app_private.begin_restore_drill()
returns jsonb
language plpgsql volatile
set search_path = pg_catalog, public, pg_temp
as $$
declare
  v_backup app_public.system_backups;
  v_drill_id uuid;
begin
  select * into v_backup from app_public.system_backups b
   where b.status = 'completed' order by b.completed_at desc limit 1;
  if v_backup.id is null then
    return null;
  end if;
  insert into app_public.backup_restore_drills (backup_id) values (v_backup.id) returning id into v_drill_id;
  return jsonb_build_object('drill_id', v_drill_id, 'backup_id', v_backup.id, 'storage_key', v_backup.storage_key,
                            'sha256', v_backup.sha256, 'row_counts', v_backup.row_counts);
end;
$$;
comment on function app_private.begin_restore_drill() is 'Starts a restore drill of the newest completed backup; null when there is none.';

-- Records a drill's outcome: passed when every table the backup counted came back with its rows and nothing failed.
create or replace function app_private.finish_restore_drill(drill_id uuid, tables_compared integer,
                                                            rows_restored bigint, mismatches jsonb, error text)
returns app_public.restore_drill_status
language sql volatile
set search_path = pg_catalog, public, pg_temp
as $$
  update app_public.backup_restore_drills d
     set status = case when finish_restore_drill.error is null and jsonb_array_length(finish_restore_drill.mismatches) = 0
                       then 'passed' else 'failed' end::app_public.restore_drill_status,
         tables_compared = finish_restore_drill.tables_compared, rows_restored = finish_restore_drill.rows_restored,
         mismatches = finish_restore_drill.mismatches, error = left(finish_restore_drill.error, 2000), finished_at = now()
   where d.id = finish_restore_drill.drill_id and d.status = 'running'
  returning d.status;
$$;
comment on function app_private.finish_restore_drill(uuid, integer, bigint, jsonb, text) is 'Records a restore drill''s comparison: passed, or failed with the mismatches or the error.';

-- Retention (cleanup_expired_data): backups and exports past expires_at are marked expired and their files handed to
-- operations__remove_files, in one job per batch (the file of an expired row is never served again: the download
-- route and the drill read only completed rows). Failed rows have no file but expire too, so the list stays short.
create or replace function app_private.expire_operation_files()
returns integer
language plpgsql volatile
set search_path = pg_catalog, public, pg_temp
as $$
declare
  v_batch integer := (app_hidden.config_value('retention.batch_size'))::integer;
  v_backups text[];
  v_exports text[];
begin
  with expired as (
    update app_public.system_backups b set status = 'expired'
     where b.id in (select e.id from app_public.system_backups e
                     where e.expires_at <= now() and e.status <> 'expired' and e.status <> 'in_progress'
                     limit v_batch)
    returning b.storage_key)
  select coalesce(array_agg(storage_key) filter (where storage_key is not null), '{}') into v_backups from expired;
  with expired as (
    update app_public.data_exports x set status = 'expired'
     where x.id in (select e.id from app_public.data_exports e
                     where e.expires_at <= now() and e.status <> 'expired' and e.status <> 'processing'
                     limit v_batch)
    returning x.storage_key)
  select coalesce(array_agg(storage_key) filter (where storage_key is not null), '{}') into v_exports from expired;
  if cardinality(v_backups) + cardinality(v_exports) > 0 then
    perform graphile_worker.add_job('operations__remove_files',
      json_build_object('backups', v_backups, 'exports', v_exports), max_attempts := 25);
  end if;
  return greatest(cardinality(v_backups), cardinality(v_exports));
end;
$$;
comment on function app_private.expire_operation_files() is 'Expires backups and data exports past their time and enqueues the removal of their files; returns the larger of the two counts.';
