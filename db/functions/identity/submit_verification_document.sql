-- Owners submit their documents (docs/identity.md): a driving licence needs the back, identity documents (passport,
-- licence, national ID) a selfie and an expiry date. The upload limit is the _200_upload_limit trigger's (LIMIT).
create or replace function app_public.submit_verification_document(
  document_type app_public.document_type,
  front_image_id uuid,
  back_image_id uuid default null,
  selfie_image_id uuid default null,
  expires_on date default null
)
returns app_public.user_verification_documents
language plpgsql volatile
set search_path = pg_catalog, public, pg_temp
as $$
declare
  v_user_id uuid := app_hidden.require_session('submit documents');
  v_is_identity boolean := submit_verification_document.document_type in ('passport', 'driving_license', 'national_id');
  v_document app_public.user_verification_documents;
begin
  -- A suspended account may verify itself: proving who one is is often how a suspension ends.
  if (select u.status from app_public.users u where u.id = v_user_id) not in ('active', 'suspended') then
    raise exception 'Verify your email before submitting documents' using errcode = 'BADST';
  end if;
  if submit_verification_document.document_type is null then
    raise exception 'document_type: a document type is required' using errcode = 'INVAL';
  end if;
  if submit_verification_document.front_image_id is null then
    raise exception 'front_image_id: a document needs its front image' using errcode = 'INVAL';
  end if;
  if submit_verification_document.document_type = 'driving_license' and submit_verification_document.back_image_id is null then
    raise exception 'back_image_id: a driving licence needs an image of its back' using errcode = 'INVAL';
  end if;
  if v_is_identity and submit_verification_document.selfie_image_id is null then
    raise exception 'selfie_image_id: an identity document needs a selfie holding it' using errcode = 'INVAL';
  end if;
  if v_is_identity and submit_verification_document.expires_on is null then
    raise exception 'An identity document needs its expiry date' using errcode = 'INVAL';
  end if;
  if submit_verification_document.expires_on < current_date then
    raise exception 'The document has already expired' using errcode = 'INVAL';
  end if;
  if exists (select 1 from app_public.user_verification_documents d
              where d.user_id = v_user_id and d.document_type = submit_verification_document.document_type
                and d.status in ('pending', 'under_review', 'approved')) then
    raise exception 'A document of this type is already waiting for review or approved' using errcode = 'BADST';
  end if;

  insert into app_public.user_verification_documents
    (user_id, document_type, front_image_id, back_image_id, selfie_image_id, expires_on)
  values (v_user_id, submit_verification_document.document_type, submit_verification_document.front_image_id,
          submit_verification_document.back_image_id, submit_verification_document.selfie_image_id,
          submit_verification_document.expires_on)
  returning * into v_document;
  return v_document;
end;
$$;
comment on function app_public.submit_verification_document(app_public.document_type, uuid, uuid, uuid, date) is E'@resultFieldName userVerificationDocument\nSubmits an identity or address document for review (ready verification_document files of the user''s: requestUpload, then the upload; the images are checked as they are attached). A driving licence needs the back; passports, licences and ID cards need a selfie and the expiry date. Errors: LOGIN, BADST (account not active, a live document of this type exists, or an image not uploaded yet), INVAL (a field named: a missing image, a file not the user''s or not a verification document), LIMIT (too many uploads of this type in 30 days).';
grant execute on function app_public.submit_verification_document(app_public.document_type, uuid, uuid, uuid, date) to app_user;
