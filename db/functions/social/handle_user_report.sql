-- Moderators (content.moderate) work through reports: pending → reviewed → resolved or dismissed (or straight to an
-- outcome). Suspending or banning the reported user is a separate call (admin_set_user_status, admin domain).
create or replace function app_public.handle_user_report(
  report_id uuid,
  status app_public.report_status,
  resolution_action app_public.report_resolution_action default null,
  resolution_notes text default null
)
returns app_public.user_reports
language plpgsql volatile security definer
set search_path = pg_catalog, public, pg_temp
as $$
declare
  v_admin_id uuid := app_private.require_admin('content.moderate', 'moderate reports');
  v_report app_public.user_reports;
  v_action app_public.report_resolution_action := handle_user_report.resolution_action;
  v_old app_public.user_reports;
begin
  if handle_user_report.status is null or handle_user_report.status = 'pending' then
    raise exception 'The new status must be reviewed, resolved or dismissed' using errcode = 'INVAL';
  end if;
  select r.* into v_report from app_public.user_reports r where r.id = handle_user_report.report_id for update;
  if v_report.id is null then
    raise exception 'Report not found' using errcode = 'NTFND';
  end if;
  if v_report.status not in ('pending', 'reviewed') or v_report.status = handle_user_report.status then
    raise exception 'A % report cannot become %', v_report.status, handle_user_report.status using errcode = 'BADST';
  end if;
  if v_report.reported_user_id = v_admin_id then
    raise exception 'Moderators do not handle reports about themselves' using errcode = 'DNIED';
  end if;
  v_old := v_report;
  if handle_user_report.status = 'dismissed' then
    v_action := coalesce(v_action, 'none');
  elsif handle_user_report.status = 'resolved' and v_action is null then
    raise exception 'Resolving a report needs the action taken' using errcode = 'INVAL';
  end if;

  update app_public.user_reports r
     set status = handle_user_report.status,
         resolution_action = coalesce(v_action, r.resolution_action),
         resolution_notes = coalesce(nullif(trim(handle_user_report.resolution_notes), ''), r.resolution_notes),
         handled_by = v_admin_id,
         handled_at = now()
   where r.id = v_report.id
  returning r.* into v_report;
  perform app_hidden.log_admin_action('handle_user_report', 'user_report', v_report.id::text, 'medium',
    jsonb_build_object('status', v_old.status, 'resolution_action', v_old.resolution_action),
    jsonb_build_object('status', v_report.status, 'resolution_action', v_report.resolution_action,
                       'reported_user_id', v_report.reported_user_id),
    v_report.resolution_notes);
  return v_report;
end;
$$;
comment on function app_public.handle_user_report(uuid, app_public.report_status, app_public.report_resolution_action, text) is E'@resultFieldName userReport\nMoves a report on (admins with content.moderate): reviewed, resolved (with the action taken) or dismissed. Errors: LOGIN, DNIED, INVAL, NTFND, BADST.';
grant execute on function app_public.handle_user_report(uuid, app_public.report_status, app_public.report_resolution_action, text) to app_user;
