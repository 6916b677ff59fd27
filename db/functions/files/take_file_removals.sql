-- The files__remove_objects job's function: takes up to batch_size queued removals (app_private.file_removals), locked
-- so that two jobs never take the same ones, and deletes their rows. The job calls it inside a transaction that it
-- commits only once the objects are removed: a failed removal rolls the rows back into the queue for the next try.
create or replace function app_private.take_file_removals(batch_size integer)
returns table (file_id uuid, storage_key text)
language sql volatile
set search_path = pg_catalog, public, pg_temp
as $$
  delete from app_private.file_removals r
   where r.file_id in (select q.file_id from app_private.file_removals q
                        limit take_file_removals.batch_size
                        for update skip locked)
  returning r.file_id, r.storage_key;
$$;
comment on function app_private.take_file_removals(integer) is 'Deletes and returns up to batch_size queued file removals (call it in a transaction committed after the objects are removed).';
