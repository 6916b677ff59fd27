-- pending → under_review: a reviewer claims a document so that others see it is being looked at.
create or replace function app_public.start_document_review(document_id uuid)
returns app_public.user_verification_documents
language plpgsql volatile strict security definer
set search_path = pg_catalog, public, pg_temp
as $$
declare
  v_admin_id uuid := app_private.require_admin('users.verify', 'review documents');
  v_document app_public.user_verification_documents;
begin
  select d.* into v_document from app_public.user_verification_documents d
   where d.id = start_document_review.document_id for update;
  if v_document.id is null then
    raise exception 'Document not found' using errcode = 'NTFND';
  end if;
  if v_document.user_id = v_admin_id then
    raise exception 'Admins do not review their own documents' using errcode = 'DNIED';
  end if;
  if v_document.status <> 'pending' then
    raise exception 'The document is already %', v_document.status using errcode = 'BADST';
  end if;
  update app_public.user_verification_documents d set status = 'under_review', verified_by = v_admin_id
   where d.id = v_document.id
  returning d.* into v_document;
  perform app_hidden.log_admin_action('start_document_review', 'verification_document', v_document.id::text, 'low',
    jsonb_build_object('status', 'pending'), jsonb_build_object('status', v_document.status, 'user_id', v_document.user_id));
  return v_document;
end;
$$;
comment on function app_public.start_document_review(uuid) is E'@resultFieldName userVerificationDocument\nMarks a pending verification document as under review by the calling admin (users.verify). Errors: LOGIN, DNIED, NTFND, BADST.';
grant execute on function app_public.start_document_review(uuid) to app_user;
