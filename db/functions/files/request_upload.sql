-- A file's upload is requested before its bytes are sent (docs/files.md): the declared type must be one the purpose
-- accepts (files.allowed_types), the size at most platform.max_file_upload_mb, the SHA-256 64 hex characters; a
-- user has at most files.max_pending uploads waiting and files.quota_mb in all. The row is pending until the
-- server's upload route has received and checked the bytes (app_private.complete_file_upload); the client sends them
-- to the File's uploadUrl before upload_expires_at. Security definer to write the private storage key.
-- Verification documents may be uploaded by a suspended account (as they may be submitted); everything else not.
create or replace function app_public.request_upload(
  purpose app_public.file_purpose,
  content_type text,
  byte_size bigint,
  sha256 text
)
returns app_public.files
language plpgsql volatile security definer
set search_path = pg_catalog, public, pg_temp
as $$
declare
  v_user_id uuid := case when request_upload.purpose = 'verification_document'
                         then app_hidden.require_session('upload files')
                         else app_hidden.require_not_suspended('upload files') end;
  v_types jsonb := app_hidden.config_value('files.allowed_types') -> request_upload.purpose::text;
  v_max_bytes bigint := (app_hidden.config_value('platform.max_file_upload_mb'))::bigint * 1024 * 1024;
  v_sha256 text := lower(request_upload.sha256);
  v_file app_public.files;
begin
  if request_upload.purpose is null then
    raise exception 'purpose is required' using errcode = 'INVAL';
  end if;
  if request_upload.content_type is null or v_types is null or not v_types ? request_upload.content_type then
    raise exception 'content_type must be one of % for %', coalesce(v_types::text, '[]'), request_upload.purpose
      using errcode = 'INVAL';
  end if;
  if request_upload.byte_size is null or request_upload.byte_size <= 0 then
    raise exception 'byte_size must be more than 0' using errcode = 'INVAL';
  end if;
  if request_upload.byte_size > v_max_bytes then
    raise exception 'byte_size must be at most % bytes', v_max_bytes using errcode = 'LIMIT';
  end if;
  if v_sha256 is null or v_sha256 !~ '^[0-9a-f]{64}$' then
    raise exception 'sha256 must be 64 hexadecimal characters' using errcode = 'INVAL';
  end if;

  -- One request at a time per user, so that parallel requests cannot pass the pending limit or the quota together.
  perform pg_advisory_xact_lock(hashtextextended('files:' || v_user_id::text, 0));
  if (select count(*) from app_public.files f
       where f.owner_id = v_user_id and f.status = 'pending' and f.upload_expires_at > now())
     >= (app_hidden.config_value('files.max_pending'))::int then
    raise exception 'Too many uploads are waiting for their bytes: send or let them expire first' using errcode = 'LIMIT';
  end if;
  if (select coalesce(sum(f.byte_size), 0) from app_public.files f
       where f.owner_id = v_user_id and f.status <> 'rejected'
         and (f.status <> 'pending' or f.upload_expires_at > now())) + request_upload.byte_size
     > (app_hidden.config_value('files.quota_mb'))::bigint * 1024 * 1024 then
    raise exception 'byte_size would exceed your storage quota of % MB', app_hidden.config_value('files.quota_mb')
      using errcode = 'LIMIT';
  end if;

  insert into app_public.files (owner_id, purpose, content_type, byte_size, sha256, upload_expires_at)
  values (v_user_id, request_upload.purpose, request_upload.content_type, request_upload.byte_size, v_sha256,
          now() + (app_hidden.config_value('files.upload_minutes'))::int * interval '1 minute')
  returning * into v_file;
  -- The key names no user: purpose, month and the file id.
  insert into app_private.file_objects (file_id, storage_key)
  values (v_file.id, v_file.purpose || '/' || to_char(v_file.created_at at time zone 'UTC', 'YYYY/MM') || '/' || v_file.id);
  return v_file;
end;
$$;
comment on function app_public.request_upload(app_public.file_purpose, text, bigint, text) is E'@resultFieldName file\nRequests the upload of a file: returns it pending, with the uploadUrl to PUT its bytes to (exactly byteSize bytes whose SHA-256 is sha256, of the declared content type) before uploadExpiresAt. Accepted types per purpose: files.allowed_types; size: platform.max_file_upload_mb. Errors: LOGIN, SUSPD, INVAL (a field named), LIMIT (size, waiting uploads, quota).';
grant execute on function app_public.request_upload(app_public.file_purpose, text, bigint, text) to app_user;
