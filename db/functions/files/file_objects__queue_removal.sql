-- Bytes are removed by the worker, never inline in SQL (docs/files.md, Byte removal): whenever a file's
-- app_private.file_objects row goes — its file was deleted for any reason (an upload expired, an account was erased,
-- a cascade), the row cascading with it — its storage key is queued in app_private.file_removals, and the
-- files__remove_objects job is enqueued to remove the object under the key and any staged upload of the file.
-- A deferred constraint trigger: the queue row and the job are written at commit, so a rolled-back delete queues
-- nothing, and a long transaction does not hold graphile_worker's rows meanwhile.
create or replace function app_private.tg_file_objects__queue_removal()
returns trigger
language plpgsql volatile security definer
set search_path = pg_catalog, public, pg_temp
as $$
begin
  insert into app_private.file_removals (file_id, storage_key)
  values (OLD.file_id, OLD.storage_key)
  on conflict (file_id) do nothing;
  perform graphile_worker.add_job('files__remove_objects', '{}'::json,
    job_key := 'files__remove_objects', max_attempts := 25);
  return OLD;
end;
$$;
comment on function app_private.tg_file_objects__queue_removal() is 'Queues the storage key of a deleted file for files__remove_objects and enqueues that job.';

-- PostgreSQL has no "create or replace" for constraint triggers.
drop trigger if exists _900_queue_removal on app_private.file_objects;
create constraint trigger _900_queue_removal after delete on app_private.file_objects
  deferrable initially deferred
  for each row execute function app_private.tg_file_objects__queue_removal();
