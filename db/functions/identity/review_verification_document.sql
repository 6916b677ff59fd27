-- Admins with users.verify decide on documents; the reviewer is recorded and the owner's verification level
-- follows (the _900_refresh_level trigger). Nobody reviews their own documents.
create or replace function app_public.review_verification_document(
  document_id uuid,
  approve boolean,
  rejection_reason text default null
)
returns app_public.user_verification_documents
language plpgsql volatile security definer
set search_path = pg_catalog, public, pg_temp
as $$
declare
  v_admin_id uuid := app_private.require_admin('users.verify', 'review documents');
  v_reason text := nullif(trim(review_verification_document.rejection_reason), '');
  v_document app_public.user_verification_documents;
  v_old_status app_public.verification_status;
begin
  if review_verification_document.approve is null then
    raise exception 'Say whether the document is approved' using errcode = 'INVAL';
  end if;
  select d.* into v_document from app_public.user_verification_documents d
   where d.id = review_verification_document.document_id for update;
  if v_document.id is null then
    raise exception 'Document not found' using errcode = 'NTFND';
  end if;
  v_old_status := v_document.status;
  if v_document.user_id = v_admin_id then
    raise exception 'Admins do not review their own documents' using errcode = 'DNIED';
  end if;
  if v_document.status not in ('pending', 'under_review') then
    raise exception 'The document is already %', v_document.status using errcode = 'BADST';
  end if;
  if review_verification_document.approve and v_document.expires_on < current_date then
    raise exception 'The document has expired' using errcode = 'EXPRD';
  end if;
  if not review_verification_document.approve and (v_reason is null or length(v_reason) not between 10 and 1000) then
    raise exception 'A rejection needs a reason of 10 to 1000 characters' using errcode = 'INVAL';
  end if;

  update app_public.user_verification_documents d
     set status = case when review_verification_document.approve then 'approved' else 'rejected' end::app_public.verification_status,
         rejection_reason = case when review_verification_document.approve then null else v_reason end,
         verified_by = v_admin_id,
         reviewed_at = now()
   where d.id = v_document.id
  returning d.* into v_document;
  perform app_hidden.log_admin_action('review_verification_document', 'verification_document', v_document.id::text,
    'medium', jsonb_build_object('status', v_old_status),
    jsonb_build_object('status', v_document.status, 'user_id', v_document.user_id), v_document.rejection_reason);
  return v_document;
end;
$$;
comment on function app_public.review_verification_document(uuid, boolean, text) is E'@resultFieldName userVerificationDocument\nApproves or rejects a pending verification document (admins with users.verify). A rejection needs a reason of at least 10 characters. The owner''s verification level is recomputed. Errors: LOGIN, DNIED, NTFND, BADST (already decided), EXPRD, INVAL.';
grant execute on function app_public.review_verification_document(uuid, boolean, text) to app_user;
