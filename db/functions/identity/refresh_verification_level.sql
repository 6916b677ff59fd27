-- The verification ladder of docs/identity.md, recomputed from what is actually verified. Each level needs every
-- level below it: email → phone (a confirmed code, never a mere number) → an approved, unexpired identity
-- document with a selfie → an approved proof of address submitted at most verification.address_doc_max_age_days
-- ago. Called after every change (email or phone confirmed, document reviewed or expired); the level drops when a
-- document stops counting. Not granted to the API roles: security definer callers run it as the owner.
create or replace function app_hidden.refresh_verification_level(user_id uuid)
returns app_public.verification_level
language plpgsql volatile
set search_path = pg_catalog, public, pg_temp
as $$
declare
  v_email boolean;
  v_phone boolean;
  v_id boolean;
  v_address boolean;
  v_level app_public.verification_level;
begin
  select c.email_verified_at is not null, c.phone_verified_at is not null
    into v_email, v_phone
    from app_public.user_contacts c
   where c.user_id = refresh_verification_level.user_id;

  select
    coalesce(bool_or(d.document_type in ('passport', 'driving_license', 'national_id')
                     and d.selfie_image_id is not null), false),
    coalesce(bool_or(app_hidden.counts_as_proof_of_address(d)), false)
    into v_id, v_address
    from app_public.user_verification_documents d
   where d.user_id = refresh_verification_level.user_id
     and d.status = 'approved'
     and (d.expires_on is null or d.expires_on >= current_date);

  v_level := case
    when not coalesce(v_email, false) then 'unverified'
    when not coalesce(v_phone, false) then 'email_verified'
    when not v_id then 'phone_verified'
    when not v_address then 'id_verified'
    else 'fully_verified'
  end::app_public.verification_level;

  update app_public.users u set verification_level = v_level
   where u.id = refresh_verification_level.user_id and u.verification_level is distinct from v_level;
  return v_level;
end;
$$;
comment on function app_hidden.refresh_verification_level(uuid) is 'Recomputes and stores users.verification_level from the verified email, phone and documents; returns it.';

-- The one statement of when a document proves the address (the ladder above, and the daily sweep of levels that
-- aged out, app_private.refresh_stale_verification_levels): an approved, unexpired utility bill or bank statement
-- submitted at most verification.address_doc_max_age_days ago.
create or replace function app_hidden.counts_as_proof_of_address(document app_public.user_verification_documents)
returns boolean
language sql stable
set search_path = pg_catalog, public, pg_temp
as $$
  select (counts_as_proof_of_address.document).status = 'approved'
     and ((counts_as_proof_of_address.document).expires_on is null
          or (counts_as_proof_of_address.document).expires_on >= current_date)
     and (counts_as_proof_of_address.document).document_type in ('utility_bill', 'bank_statement')
     and (counts_as_proof_of_address.document).created_at >= now() - make_interval(
           days => (app_hidden.config_value('verification.address_doc_max_age_days'))::int);
$$;
comment on function app_hidden.counts_as_proof_of_address(app_public.user_verification_documents) is
  'Whether the document currently proves the owner''s address (approved, unexpired, recent enough).';
