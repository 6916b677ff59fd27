-- Appealing a resolution (docs/disputes.md, Appeal): either party, once per dispute, within disputes.appeal_days (7)
-- of the resolution. The dispute reopens under review (high priority), which freezes again what the escrow still
-- holds; its next resolution is its second and last settlement round.
create or replace function app_public.appeal_dispute(dispute_id uuid, reason text)
returns app_public.disputes
language plpgsql volatile security definer
set search_path = pg_catalog, public, pg_temp
as $$
declare
  v_user_id uuid := app_hidden.require_not_suspended('appeal a dispute');
  v_dispute app_public.disputes;
begin
  select * into v_dispute from app_public.disputes s where s.id = appeal_dispute.dispute_id for update;
  if v_dispute.id is null or v_user_id not in (v_dispute.complainant_id, v_dispute.respondent_id) then
    raise exception 'Dispute not found' using errcode = 'NTFND';
  end if;
  if v_dispute.status not in ('resolved', 'closed') then
    raise exception 'Only a resolved dispute can be appealed (this one is %)', v_dispute.status using errcode = 'BADST';
  end if;
  if v_dispute.appealed_at is not null then
    raise exception 'This dispute was already appealed once' using errcode = 'LIMIT';
  end if;
  if v_dispute.resolved_at + make_interval(days => (app_hidden.config_value('disputes.appeal_days'))::int) <= now() then
    raise exception 'The appeal window of this dispute closed % days after its resolution',
      app_hidden.config_value('disputes.appeal_days') using errcode = 'EXPRD';
  end if;
  update app_public.disputes s
     set status = 'under_review', priority = 'high', appealed_at = now(), appealed_by = v_user_id,
         appeal_reason = trim(appeal_dispute.reason), closed_at = null,
         due_date = app_hidden.add_business_days(now(), (app_hidden.config_value('disputes.resolve_business_days'))::int)
   where s.id = v_dispute.id
  returning * into v_dispute;
  perform app_private.alert_admins('disputes.read', 'dispute_appealed_alert',
    jsonb_build_object('case_number', v_dispute.case_number, 'reason', v_dispute.appeal_reason));
  return v_dispute;
end;
$$;
comment on function app_public.appeal_dispute(uuid, text) is
  E'@resultFieldName dispute\nAppeals the resolution of a dispute you take part in, once, within 7 days of it: the dispute is reviewed again. Errors: LOGIN, SUSPD, NTFND, BADST (not resolved), LIMIT (already appealed), EXPRD (window closed), INVAL (reason: 10 to 2000 characters), EXIST (another dispute is open on the delivery).';
grant execute on function app_public.appeal_dispute(uuid, text) to app_user;
