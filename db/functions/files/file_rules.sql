-- What the server's file routes (server/files/routes.ts, on the owner's pool) and the files jobs (workers/tasks/files__*)
-- ask the database: the target of a signed upload or download or of a check, and the completion or rejection of an
-- upload (lib/files/pipeline.ts, shared by the route and the job). Signatures are checked by the server before any of
-- these runs; these decide by the file's state only.

-- The declared facts of a file whose bytes may be sent now: pending and not expired. No row otherwise.
create or replace function app_private.file_upload_target(file_id uuid)
returns table (purpose app_public.file_purpose, content_type text, byte_size bigint, sha256 text, storage_key text)
language sql stable
set search_path = pg_catalog, public, pg_temp
as $$
  select f.purpose, f.content_type, f.byte_size, f.sha256, o.storage_key
    from app_public.files f
    join app_private.file_objects o on o.file_id = f.id
   where f.id = file_upload_target.file_id and f.status = 'pending' and f.upload_expires_at > now();
$$;
comment on function app_private.file_upload_target(uuid) is 'The declared type, size and SHA-256 and the storage key of a file that may be uploaded now (pending, not expired); no row otherwise.';

-- Marks a file's checked bytes as stored: one conditional update, so that of two completions of one file exactly one
-- wins (the server's upload route: two uploads of one signed URL; the files__process_upload job: a retried job). From
-- pending and not expired (the route) or uploaded (the job, for bytes sent to the bucket). False when the file is in
-- neither state (a replay, it expired, it was rejected or deleted meanwhile): the caller stores nothing.
create or replace function app_private.complete_file_upload(file_id uuid, stored_sha256 text, stored_bytes bigint)
returns boolean
language plpgsql volatile
set search_path = pg_catalog, public, pg_temp
as $$
begin
  update app_public.files f
     set status = 'ready', ready_at = now()
   where f.id = complete_file_upload.file_id
     and (f.status = 'uploaded' or (f.status = 'pending' and f.upload_expires_at > now()));
  if not found then
    return false;
  end if;
  update app_private.file_objects o
     set stored_sha256 = complete_file_upload.stored_sha256, stored_bytes = complete_file_upload.stored_bytes,
         uploaded_at = now()
   where o.file_id = complete_file_upload.file_id;
  return true;
end;
$$;
comment on function app_private.complete_file_upload(uuid, text, bigint) is 'Marks a pending (unexpired) or uploaded file ready with the SHA-256 and size of its stored bytes; false (nothing changed) otherwise.';

-- The declared facts of a file completed by completeUpload whose bytes the files__process_upload job has to check.
-- No row when the file is not uploaded (already ready or rejected, or deleted).
create or replace function app_private.file_process_target(file_id uuid)
returns table (purpose app_public.file_purpose, content_type text, byte_size bigint, sha256 text, storage_key text)
language sql stable
set search_path = pg_catalog, public, pg_temp
as $$
  select f.purpose, f.content_type, f.byte_size, f.sha256, o.storage_key
    from app_public.files f
    join app_private.file_objects o on o.file_id = f.id
   where f.id = file_process_target.file_id and f.status = 'uploaded';
$$;
comment on function app_private.file_process_target(uuid) is 'The declared type, size and SHA-256 and the storage key of an uploaded file waiting for its check; no row otherwise.';

-- Where the bytes of a ready file are, and how to serve them. No row when the file is not ready.
create or replace function app_private.file_download_target(file_id uuid)
returns table (content_type text, stored_bytes bigint, stored_sha256 text, storage_key text)
language sql stable
set search_path = pg_catalog, public, pg_temp
as $$
  select f.content_type, o.stored_bytes, o.stored_sha256, o.storage_key
    from app_public.files f
    join app_private.file_objects o on o.file_id = f.id
   where f.id = file_download_target.file_id and f.status = 'ready';
$$;
comment on function app_private.file_download_target(uuid) is 'Content type, size, SHA-256 and storage key of a ready file; no row otherwise.';

-- Pending uploads past their expiry are forgotten, oldest first, at most batch_size per call (the files__expire_uploads
-- task calls it until it returns 0). Their bytes never reached the file's key (an upload writes them there only as
-- it completes); a staged upload in the bucket is removed by files__remove_objects, which the deletion queues
-- (files/file_objects__queue_removal.sql); scratch files of interrupted local uploads are swept by the task.
create or replace function app_private.expire_uploads(batch_size integer)
returns integer
language sql volatile
set search_path = pg_catalog, public, pg_temp
as $$
  with gone as (
    delete from app_public.files f
     where f.id in (select e.id from app_public.files e
                     where e.status = 'pending' and e.upload_expires_at <= now()
                     order by e.upload_expires_at
                     limit expire_uploads.batch_size
                     for update skip locked)
    returning 1)
  select count(*)::int from gone;
$$;
comment on function app_private.expire_uploads(integer) is 'Deletes up to batch_size pending files whose upload time has passed; returns how many.';

-- A file whose bytes were refused for good, with the reason's code and words a client reads (rejected_code,
-- rejected_reason): malware, from the upload route or the job; any refusal of the files__process_upload job, whose
-- bytes cannot be sent again. No bytes are kept (the caller never stored them and removes a staged upload). False
-- when the file is neither pending nor uploaded any more.
create or replace function app_private.reject_file_upload(file_id uuid, code app_public.file_rejection, reason text)
returns boolean
language plpgsql volatile
set search_path = pg_catalog, public, pg_temp
as $$
begin
  update app_public.files f
     set status = 'rejected', rejected_code = reject_file_upload.code,
         rejected_reason = left(reject_file_upload.reason, 500)
   where f.id = reject_file_upload.file_id and f.status in ('pending', 'uploaded');
  return found;
end;
$$;
comment on function app_private.reject_file_upload(uuid, app_public.file_rejection, text) is 'Marks a pending or uploaded file rejected for good with the code and reason; false when it is neither any more.';
