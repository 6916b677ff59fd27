-- Who reads a file (docs/files.md, Who reads a file): its owner; every signed-in user a ready avatar (profile
-- pictures are public, as profiles are); the other party of a delivery its photos and signature while it is live,
-- disputed or within the dispute window (app_hidden.current_party_delivery_file_ids); the parties of a conversation
-- the photos attached to its messages (app_hidden.current_conversation_file_ids, docs/conversations.md); admins with users.verify the
-- verification documents, with deliveries.read the item and handover photos, with disputes.read the dispute evidence,
-- once uploaded. A pending file is its owner's only, and with it its upload URL (File.uploadUrl,
-- server/plugins/fileUrls.ts). One policy whose arms are index conditions (db/README.md, Policies), but for the
-- avatars': files are read by id or by owner, never listed across owners. Writes go through request_upload, the
-- server's upload route and the attaching rows' triggers only.
drop policy if exists select_visible on app_public.files;
create policy select_visible on app_public.files for select to app_user
  using (owner_id = (select app_public.current_user_id())
         or (purpose = 'avatar' and status = 'ready')
         or id = any (array(select app_hidden.current_party_delivery_file_ids()))
         or id = any (array(select app_hidden.current_conversation_file_ids()))
         or (purpose = 'verification_document' and status <> 'pending'
             and id between (select app_hidden.permitted_ids_from('users.verify'))
                        and (select app_hidden.permitted_ids_to('users.verify'))
             and length(id::text) = 36)
         or (purpose in ('item_photo', 'pickup_evidence', 'delivery_evidence', 'refused_pickup') and status <> 'pending'
             and id between (select app_hidden.permitted_ids_from('deliveries.read'))
                        and (select app_hidden.permitted_ids_to('deliveries.read'))
             and length(id::text) = 36)
         or (purpose = 'dispute_evidence' and status <> 'pending'
             and id between (select app_hidden.permitted_ids_from('disputes.read'))
                        and (select app_hidden.permitted_ids_to('disputes.read'))
             and length(id::text) = 36));

revoke all on app_public.files from app_anonymous, app_user;
grant select on app_public.files to app_user;
