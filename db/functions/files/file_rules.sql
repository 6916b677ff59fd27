-- What the server's file routes ask the database (server/files/routes.ts, on the owner's pool): the target of a
-- signed upload or download, and the completion of an upload. The signature itself is checked by the server
-- before any of these runs; these decide by the file's state only.

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

-- Marks a pending file's bytes as stored: one conditional update, so of two uploads of the same signed URL exactly
-- one completes (the other's bytes are removed by the route). Without a malware scanner the file is ready at once.
-- False when the file is no longer pending (a replay, or it expired meanwhile).
create or replace function app_private.complete_file_upload(file_id uuid, stored_sha256 text, stored_bytes bigint)
returns boolean
language plpgsql volatile
set search_path = pg_catalog, public, pg_temp
as $$
begin
  update app_public.files f
     set status = 'ready', ready_at = now()
   where f.id = complete_file_upload.file_id and f.status = 'pending' and f.upload_expires_at > now();
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
comment on function app_private.complete_file_upload(uuid, text, bigint) is 'Marks a pending, unexpired file ready with the SHA-256 and size of its stored bytes; false (nothing changed) otherwise.';

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
-- task calls it until it returns 0). Their bytes never reached the file's key (an upload moves them there only as
-- it completes); scratch files of interrupted uploads are swept by the task.
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

-- A pending file whose bytes the malware scan refused: rejected for good, with the finding (kept for the audit; its
-- bytes are never stored). False when the file is no longer pending.
create or replace function app_private.reject_file_upload(file_id uuid, reason text)
returns boolean
language plpgsql volatile
set search_path = pg_catalog, public, pg_temp
as $$
begin
  update app_public.files f
     set status = 'rejected', rejected_reason = left(reject_file_upload.reason, 500)
   where f.id = reject_file_upload.file_id and f.status = 'pending';
  return found;
end;
$$;
comment on function app_private.reject_file_upload(uuid, text) is 'Marks a pending file rejected with the reason (a malware finding); false when it is no longer pending.';
