-- The client's last step of every upload (docs/files.md): requestUpload, PUT the bytes to uploadUrl, completeUpload.
-- With the S3 driver the bytes went straight to the bucket, so this is how the server learns of them: the pending
-- file becomes uploaded and the files__process_upload job checks the staged bytes (length, SHA-256, type, metadata,
-- malware) and makes it ready or rejected. With the local driver the upload route already checked and stored them:
-- a ready file is returned as it is, and a file still pending is refused (its bytes were not sent). A file that is
-- uploaded, ready or rejected already is returned unchanged, so a repeated call is a no-op.
-- Which driver serves this request is the server's setting app.files_storage (server/plugins/fileUrls.ts sets it on
-- mutations; absent means local). Security definer to enqueue the job; the caller must own the file.
create or replace function app_public.complete_upload(file_id uuid)
returns app_public.files
language plpgsql volatile security definer
set search_path = pg_catalog, public, pg_temp
as $$
declare
  v_user_id uuid := app_hidden.require_session('complete uploads');
  v_file app_public.files;
begin
  select * into v_file from app_public.files f
   where f.id = complete_upload.file_id and f.owner_id = v_user_id
     for update;
  if not found then
    raise exception 'file_id must name a file of yours' using errcode = 'NTFND';
  end if;
  -- As request_upload: verification documents may be sent by a suspended account, nothing else.
  if v_file.purpose <> 'verification_document' then
    perform app_hidden.require_not_suspended('upload files');
  end if;
  if v_file.status <> 'pending' then
    return v_file;
  end if;
  if v_file.upload_expires_at <= now() then
    raise exception 'file_id: the upload time of this file is over; request a new upload' using errcode = 'EXPRD';
  end if;
  if coalesce(nullif(current_setting('app.files_storage', true), ''), 'local') <> 's3' then
    raise exception 'file_id: the bytes of this file have not been received; PUT them to its uploadUrl first'
      using errcode = 'BADST';
  end if;
  update app_public.files f set status = 'uploaded' where f.id = v_file.id returning * into v_file;
  perform graphile_worker.add_job('files__process_upload', json_build_object('id', v_file.id),
    job_key := 'files__process_upload:' || v_file.id, max_attempts := 25);
  return v_file;
end;
$$;
comment on function app_public.complete_upload(uuid) is E'@resultFieldName file\nTells the server the bytes were sent to the file''s uploadUrl; call it after every upload. With object storage the file becomes uploaded and is checked in the background (then ready, or rejected with rejectedCode and rejectedReason); with the server''s own storage it is ready already and returned as it is. A file no longer pending is returned unchanged. Errors: LOGIN, SUSPD, NTFND (not a file of yours), EXPRD (its upload time is over), BADST (the server has not received its bytes yet).';
grant execute on function app_public.complete_upload(uuid) to app_user;
