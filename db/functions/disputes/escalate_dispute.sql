-- Escalating a dispute (docs/disputes.md, Handling): escalated means urgent. A party may escalate an open dispute
-- once no admin responded by response_due_at; an admin with disputes.write at any time while it is open. The
-- admins who handle disputes are told.
create or replace function app_public.escalate_dispute(dispute_id uuid, reason text)
returns app_public.disputes
language plpgsql volatile security definer
set search_path = pg_catalog, public, pg_temp
as $$
declare
  v_user_id uuid := app_hidden.require_not_suspended('escalate disputes');
  v_dispute app_public.disputes := app_private.lock_dispute_for(escalate_dispute.dispute_id, v_user_id, 'disputes.write');
  v_old jsonb;
begin
  if not app_hidden.dispute_status_open(v_dispute.status) or v_dispute.status = 'escalated' then
    raise exception 'Only an open dispute not yet escalated can be escalated (this one is %)', v_dispute.status
      using errcode = 'BADST';
  end if;
  if escalate_dispute.reason is null or length(trim(escalate_dispute.reason)) not between 1 and 1000 then
    raise exception 'reason must have 1 to 1000 characters' using errcode = 'INVAL';
  end if;
  if v_user_id in (v_dispute.complainant_id, v_dispute.respondent_id)
     and (v_dispute.first_response_at is not null or v_dispute.response_due_at > now()) then
    raise exception 'A party may escalate only a dispute no admin responded to by %',
      to_char(v_dispute.response_due_at at time zone 'UTC', 'YYYY-MM-DD HH24:MI "UTC"') using errcode = 'BADST';
  end if;
  v_old := jsonb_build_object('status', v_dispute.status, 'priority', v_dispute.priority);
  update app_public.disputes s set status = 'escalated', priority = 'urgent', escalated_at = now()
   where s.id = v_dispute.id
  returning * into v_dispute;
  if v_user_id not in (v_dispute.complainant_id, v_dispute.respondent_id) then
    -- An admin's escalation is an admin act; a party's is theirs, recorded on the dispute only.
    perform app_hidden.log_admin_action('escalate_dispute', 'dispute', v_dispute.id::text, 'medium', v_old,
      jsonb_build_object('status', v_dispute.status, 'priority', v_dispute.priority), trim(escalate_dispute.reason));
  end if;
  perform app_private.alert_admins('disputes.read', 'dispute_escalated_alert',
    jsonb_build_object('case_number', v_dispute.case_number, 'reason', trim(escalate_dispute.reason)));
  return v_dispute;
end;
$$;
comment on function app_public.escalate_dispute(uuid, text) is
  E'@resultFieldName dispute\nEscalates an open dispute (urgent): a party once no admin responded in time, an admin with disputes.write at any time. Errors: LOGIN, SUSPD, NTFND, DNIED, BADST (not open, already escalated, or a party before the response is due), INVAL (reason).';
grant execute on function app_public.escalate_dispute(uuid, text) to app_user;
