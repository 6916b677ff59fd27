-- Files are read by their owner, and verification documents by admins with users.verify once uploaded (a pending
-- file is its owner's only, and with it its upload URL: File.uploadUrl, server/plugins/fileUrls.ts). Objects
-- that attach a file (deliveries' evidence, disputes) extend this policy with their parties when they reference
-- files. One policy whose arms are index conditions (db/README.md, Policies). Writes go through request_upload and
-- the server's upload route only.
drop policy if exists select_visible on app_public.files;
create policy select_visible on app_public.files for select to app_user
  using (owner_id = (select app_public.current_user_id())
         or (purpose = 'verification_document' and status <> 'pending'
             and id between (select app_hidden.permitted_ids_from('users.verify'))
                        and (select app_hidden.permitted_ids_to('users.verify'))
             and length(id::text) = 36));

revoke all on app_public.files from app_anonymous, app_user;
grant select on app_public.files to app_user;
