-- migrate:up
set local lock_timeout = '5s';
set local statement_timeout = '60s';

-- Files, second slice (docs/files.md): uploads straight to an S3 bucket, completed by completeUpload and checked by
-- the files__process_upload job (the uploaded state); a rejection a client can read; byte removal through one
-- queue drained by the files__remove_objects job; HEIC photos.

create type app_public.file_rejection as enum ('missing', 'size', 'sha256', 'content_type', 'malware');
comment on type app_public.file_rejection is 'Why a file was rejected: missing (no bytes were uploaded before completeUpload), size (not byteSize bytes), sha256 (another SHA-256), content_type (the bytes are not of the declared type, or a malformed image), malware (the scan found some).';

alter table app_public.files add column rejected_code app_public.file_rejection;
comment on column app_public.files.rejected_code is 'Why the file was rejected (set exactly when it is); rejected_reason says it in words.';
-- Only malware rejected files before this migration.
update app_public.files set rejected_code = 'malware' where status = 'rejected';
-- The files table is one release old and small: validating while adding holds its lock for milliseconds.
-- squawk-ignore constraint-missing-not-valid
alter table app_public.files add constraint files_rejected_code
  check ((status = 'rejected') = (rejected_code is not null));
comment on constraint files_rejected_code on app_public.files is 'rejected_code is set exactly when the file is rejected';

comment on type app_public.file_status is 'pending (waiting for its bytes), uploaded (sent to the bucket and completed, waiting for the files__process_upload job to check them), ready, or rejected (for good, with rejected_code).';
comment on column app_public.files.status is 'pending until its bytes arrive; uploaded once completeUpload was called on bytes sent to the bucket, until the job checked them; then ready or rejected.';
-- reject_file_upload now takes the rejection's code (db/functions/files/file_rules.sql).
drop function if exists app_private.reject_file_upload(uuid, text);
comment on column app_public.files.rejected_reason is 'Why the file was rejected, in words (e.g. the malware signature, the sizes that differ).';

-- Bytes are removed by the worker, never inline in SQL: deleting a file (its app_private.file_objects row goes with
-- it) queues its storage key here, and files__remove_objects removes the objects and the rows.
create table app_private.file_removals (
  file_id uuid primary key,
  storage_key text not null,
  queued_at timestamptz not null default now()
);
alter table app_private.file_removals enable row level security;
alter table app_private.file_removals force row level security;
comment on table app_private.file_removals is 'Storage keys of deleted files whose bytes (the object under the key and any staged upload of the file) the files__remove_objects job has still to remove.';
comment on constraint file_removals_pkey on app_private.file_removals is 'file_id is already taken';

-- HEIC/HEIF photos (iPhones' default): accepted wherever photos are, their location metadata removed like the others.
update app_public.system_configuration
   set validation = '{"pattern": "^(image/(jpeg|png|webp|heic|heif)|application/pdf)$"}',
       value = (select jsonb_object_agg(p.key, p.value || '["image/heic", "image/heif"]'::jsonb)
                  from jsonb_each(value) as p),
       description = 'Content types accepted per file purpose (the types whose content the server recognises and cleans: JPEG, PNG, WebP and HEIC/HEIF photos, PDF documents).'
 where category = 'files' and key = 'allowed_types';

-- migrate:down
drop trigger if exists _900_queue_removal on app_private.file_objects;
drop function if exists app_private.tg_file_objects__queue_removal();
drop table app_private.file_removals;
update app_public.system_configuration
   set value = (select jsonb_object_agg(p.key, p.value - 'image/heic' - 'image/heif') from jsonb_each(value) as p),
       validation = '{"pattern": "^(image/(jpeg|png|webp)|application/pdf)$"}',
       description = 'Content types accepted per file purpose (the types whose content the server recognises and cleans).'
 where category = 'files' and key = 'allowed_types';
-- cascade: canonical functions using the type go too; db:migrate restores what still applies.
alter table app_public.files drop column rejected_code;
drop type app_public.file_rejection cascade;
drop function if exists app_public.complete_upload(uuid);
drop function if exists app_private.reject_file_upload(uuid, app_public.file_rejection, text);
drop function if exists app_private.take_file_removals(integer);
drop function if exists app_private.file_process_target(uuid);
