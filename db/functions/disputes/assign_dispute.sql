-- Assigning a dispute (docs/disputes.md, Handling) to an active admin who may resolve it (disputes.write), by an
-- admin with disputes.assign: an open dispute goes under review, and the assignment is the first response.
create or replace function app_public.assign_dispute(dispute_id uuid, assignee_id uuid)
returns app_public.disputes
language plpgsql volatile security definer
set search_path = pg_catalog, public, pg_temp
as $$
declare
  v_admin uuid := app_private.require_admin('disputes.assign', 'assign disputes');
  v_dispute app_public.disputes;
  v_old jsonb;
begin
  select * into v_dispute from app_public.disputes s where s.id = assign_dispute.dispute_id for update;
  if v_dispute.id is null then
    raise exception 'Dispute not found' using errcode = 'NTFND';
  end if;
  if not app_hidden.dispute_status_open(v_dispute.status) then
    raise exception 'Only an open dispute can be assigned (this one is %)', v_dispute.status using errcode = 'BADST';
  end if;
  if not exists (select 1 from app_private.admin_users a
                  where a.user_id = assign_dispute.assignee_id and a.is_active
                    and app_hidden.permissions_grant(app_hidden.admin_role_permissions(a.role) || a.permissions,
                                                     'disputes.write')) then
    raise exception 'assignee_id must name an active admin with disputes.write' using errcode = 'INVAL';
  end if;
  v_old := jsonb_build_object('assignee_id', v_dispute.assignee_id, 'status', v_dispute.status);
  update app_public.disputes s
     set assignee_id = assign_dispute.assignee_id,
         status = case when s.status = 'open' then 'under_review' else s.status end,
         first_response_at = coalesce(s.first_response_at, now())
   where s.id = v_dispute.id
  returning * into v_dispute;
  perform app_hidden.log_admin_action('assign_dispute', 'dispute', v_dispute.id::text, 'medium', v_old,
    jsonb_build_object('assignee_id', v_dispute.assignee_id, 'status', v_dispute.status));
  if assign_dispute.assignee_id <> v_admin then
    perform app_hidden.notify(assign_dispute.assignee_id, 'dispute_assigned_alert',
      jsonb_build_object('case_number', v_dispute.case_number,
                         'due_date', app_hidden.notification_time(v_dispute.due_date)),
      'high');
  end if;
  return v_dispute;
end;
$$;
comment on function app_public.assign_dispute(uuid, uuid) is
  E'@resultFieldName dispute\nAssigns an open dispute to an active admin with disputes.write (an open one goes under review). Needs disputes.assign in a two-factor session. Errors: LOGIN, DNIED, NTFND, BADST (not open), INVAL (assignee).';
grant execute on function app_public.assign_dispute(uuid, uuid) to app_user;
