-- Owners insert and read their documents; admins with users.verify read them all and decide through
-- review_verification_document. Status, reviewer and reason are not granted to anyone.
-- Reading: one policy whose arms are both index conditions (db/README.md, Policies).
drop policy if exists select_visible on app_public.user_verification_documents;
create policy select_visible on app_public.user_verification_documents for select to app_user
  using (user_id = (select app_public.current_user_id())
         or (id between (select app_hidden.permitted_ids_from('users.verify'))
                        and (select app_hidden.permitted_ids_to('users.verify'))
             and length(id::text) = 36));

drop policy if exists insert_own on app_public.user_verification_documents;
create policy insert_own on app_public.user_verification_documents for insert to app_user
  with check (user_id = (select app_public.current_user_id()));

revoke all on app_public.user_verification_documents from app_anonymous, app_user;
grant select on app_public.user_verification_documents to app_user;
grant insert (user_id, document_type, front_image_id, back_image_id, selfie_image_id, expires_on)
  on app_public.user_verification_documents to app_user;
