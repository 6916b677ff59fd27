-- Evidence of a dispute (docs/disputes.md, Evidence): a party, or an admin with disputes.write, adds one of their own
-- ready files uploaded as dispute_evidence (requestUpload) while the dispute is open; its SHA-256 is copied from the
-- file. The attaching trigger (app_hidden.tg__attach_files, created in files/file_attachment_rules.sql) checks the file's owner, purpose and state and marks it
-- attached. Evidence is never removed (append-only; the files reference is on delete restrict).
create or replace function app_public.add_dispute_evidence(
  dispute_id uuid,
  file_id uuid,
  type app_public.evidence_type,
  description text default null
)
returns app_public.dispute_evidence
language plpgsql volatile security definer
set search_path = pg_catalog, public, pg_temp
as $$
declare
  v_user_id uuid := app_hidden.require_not_suspended('add dispute evidence');
  v_dispute app_public.disputes := app_private.lock_dispute_for(add_dispute_evidence.dispute_id, v_user_id, 'disputes.write');
  v_evidence app_public.dispute_evidence;
begin
  if not app_hidden.dispute_status_open(v_dispute.status) then
    raise exception 'Evidence can be added only while the dispute is open (it is %)', v_dispute.status using errcode = 'BADST';
  end if;
  if add_dispute_evidence.type is null then
    raise exception 'type is required' using errcode = 'INVAL';
  end if;
  insert into app_public.dispute_evidence (dispute_id, submitted_by, type, file_id, sha256, description)
  values (v_dispute.id, v_user_id, add_dispute_evidence.type, add_dispute_evidence.file_id,
          (select f.sha256 from app_public.files f where f.id = add_dispute_evidence.file_id),
          nullif(trim(add_dispute_evidence.description), ''))
  returning * into v_evidence;
  if v_user_id not in (v_dispute.complainant_id, v_dispute.respondent_id) then
    -- An admin adding evidence is an admin act; a party's evidence is theirs.
    perform app_hidden.log_admin_action('add_dispute_evidence', 'dispute', v_dispute.id::text, 'low', null,
      jsonb_build_object('evidence_id', v_evidence.id, 'file_id', v_evidence.file_id, 'type', v_evidence.type));
  end if;
  return v_evidence;
end;
$$;
comment on function app_public.add_dispute_evidence(uuid, uuid, app_public.evidence_type, text) is
  E'@resultFieldName disputeEvidence\nAdds one of your ready files (uploaded with purpose dispute_evidence) as evidence of an open dispute you take part in (or, for admins, one you handle with disputes.write); its SHA-256 is kept with it. Errors: LOGIN, SUSPD, NTFND, DNIED, BADST (dispute not open, or the file not ready), INVAL (not your file, another purpose), EXIST (already added).';
grant execute on function app_public.add_dispute_evidence(uuid, uuid, app_public.evidence_type, text) to app_user;

