-- migrate:up
set local lock_timeout = '5s';
set local statement_timeout = '60s';

-- Files (docs/files.md): every upload (documents, photos, evidence, avatars) is a row here, created pending by
-- request_upload, filled through a signed URL of the server's upload route, and ready once its bytes were checked.
-- Where the bytes live is app_private's: clients only ever see signed URLs.

create type app_public.file_purpose as enum (
  'avatar', 'verification_document', 'item_photo', 'pickup_evidence', 'delivery_evidence', 'refused_pickup',
  'dispute_evidence');
comment on type app_public.file_purpose is 'What a file is for; it decides the accepted content types and who may read it.';
create type app_public.file_status as enum ('pending', 'uploaded', 'ready', 'rejected');
comment on type app_public.file_status is 'pending (waiting for its bytes), uploaded (bytes checked, waiting for the malware scan), ready, or rejected.';

insert into app_public.system_configuration (category, key, value, data_type, validation, is_sensitive, is_public, description) values
  ('files', 'allowed_types',
   '{"avatar": ["image/jpeg", "image/png", "image/webp"],
     "verification_document": ["image/jpeg", "image/png", "image/webp", "application/pdf"],
     "item_photo": ["image/jpeg", "image/png", "image/webp"],
     "pickup_evidence": ["image/jpeg", "image/png", "image/webp"],
     "delivery_evidence": ["image/jpeg", "image/png", "image/webp"],
     "refused_pickup": ["image/jpeg", "image/png", "image/webp"],
     "dispute_evidence": ["image/jpeg", "image/png", "image/webp", "application/pdf"]}',
   'object', '{"pattern": "^(image/(jpeg|png|webp)|application/pdf)$"}', false, true,
   'Content types accepted per file purpose (the types whose content the server recognises and cleans).'),
  ('files', 'upload_minutes', '10', 'integer', '{"min": 1, "max": 60}', false, true,
   'Minutes a requested upload may be sent; then it expires and its bytes are removed.'),
  ('files', 'max_pending', '20', 'integer', '{"min": 1, "max": 1000}', true, false,
   'Uploads a user may have requested and not sent at once.'),
  ('files', 'quota_mb', '500', 'integer', '{"min": 1, "max": 100000}', false, true,
   'Megabytes of files a user may keep (requested, uploaded and ready files count).')
on conflict (category, key) do nothing;

create table app_public.files (
  id uuid primary key default gen_random_uuid(),
  owner_id uuid not null references app_public.users (id) on delete cascade,
  purpose app_public.file_purpose not null,
  content_type text not null constraint files_content_type_format
    check (length(content_type) <= 100 and content_type ~ '^[a-z]+/[a-z0-9.+-]+$'),
  byte_size bigint not null constraint files_byte_size_positive check (byte_size > 0),
  sha256 text not null constraint files_sha256_format check (sha256 ~ '^[0-9a-f]{64}$'),
  status app_public.file_status not null default 'pending',
  rejected_reason text constraint files_rejected_reason_length check (length(rejected_reason) between 1 and 500),
  created_at timestamptz not null default now(),
  upload_expires_at timestamptz not null,
  ready_at timestamptz,
  constraint files_ready_at check ((status = 'ready') = (ready_at is not null))
);
alter table app_public.files enable row level security;
alter table app_public.files force row level security;
-- The owner's files, newest first (their listing and quota), and the pending uploads by expiry (the cleanup).
-- squawk-ignore require-concurrent-index-creation
create index files_owner_id_idx on app_public.files (owner_id, created_at);
-- squawk-ignore require-concurrent-index-creation
create index files_pending_expiry_idx on app_public.files (upload_expires_at) where status = 'pending';
comment on table app_public.files is 'An uploaded (or requested) file: its owner, purpose, declared type, size and SHA-256, and its state. The bytes are read and written only through signed URLs (uploadUrl, downloadUrl).';
comment on column app_public.files.id is 'The file''s id, which objects it is attached to reference.';
comment on column app_public.files.owner_id is 'Who requested the upload.';
comment on column app_public.files.purpose is 'What the file is for (accepted types and readers depend on it).';
comment on column app_public.files.content_type is 'Declared content type, checked against the bytes'' own signature on upload.';
comment on column app_public.files.byte_size is 'Declared size in bytes; the upload must be exactly this long.';
comment on column app_public.files.sha256 is 'Declared SHA-256 of the bytes (hex); the upload must match it.';
comment on column app_public.files.status is 'pending until its bytes arrive, then uploaded (being scanned), ready or rejected.';
comment on column app_public.files.rejected_reason is 'Why the file was rejected (a malware finding).';
comment on column app_public.files.created_at is 'When the upload was requested.';
comment on column app_public.files.upload_expires_at is 'Until when the bytes may be sent (files.upload_minutes after the request).';
comment on column app_public.files.ready_at is 'When the file became ready.';
comment on constraint files_owner_id_fkey on app_public.files is 'owner_id must name an existing user';
comment on constraint files_content_type_format on app_public.files is 'content_type must be a media type such as image/jpeg';
comment on constraint files_byte_size_positive on app_public.files is 'byte_size must be more than 0';
comment on constraint files_sha256_format on app_public.files is 'sha256 must be 64 hexadecimal characters';
comment on constraint files_rejected_reason_length on app_public.files is 'rejected_reason must have 1 to 500 characters';
comment on constraint files_ready_at on app_public.files is 'ready_at is set exactly when the file is ready';
comment on constraint files_pkey on app_public.files is 'id is already taken';

-- Where the bytes are, and what the server found in them: never readable by the API roles.
create table app_private.file_objects (
  file_id uuid primary key references app_public.files (id) on delete cascade,
  storage_key text not null constraint file_objects_storage_key_unique unique,
  stored_sha256 text constraint file_objects_stored_sha256_format check (stored_sha256 ~ '^[0-9a-f]{64}$'),
  stored_bytes bigint constraint file_objects_stored_bytes_positive check (stored_bytes > 0),
  uploaded_at timestamptz
);
alter table app_private.file_objects enable row level security;
alter table app_private.file_objects force row level security;
comment on table app_private.file_objects is 'Storage key of each file and, once uploaded, the SHA-256 and size of the stored bytes (after location metadata was removed from photos).';
comment on constraint file_objects_pkey on app_private.file_objects is 'file_id is already taken';
comment on constraint file_objects_file_id_fkey on app_private.file_objects is 'file_id must name an existing file';
comment on constraint file_objects_storage_key_unique on app_private.file_objects is 'storage_key is already taken';
comment on constraint file_objects_stored_sha256_format on app_private.file_objects is 'stored_sha256 must be 64 hexadecimal characters';
comment on constraint file_objects_stored_bytes_positive on app_private.file_objects is 'stored_bytes must be more than 0';

-- migrate:down
-- cascade: canonical functions, triggers and policies using these go too; db:migrate restores them.
drop table app_private.file_objects;
drop table app_public.files cascade;
drop type app_public.file_status cascade;
drop type app_public.file_purpose cascade;
delete from app_public.system_configuration where category = 'files';
