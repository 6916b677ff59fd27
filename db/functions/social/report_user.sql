-- Reports about users (docs/social.md): the reporter and moderators see them. The priority follows the
-- category, so safety reports reach the top of the queue; one open report per reporter and user.
create or replace function app_hidden.tg_user_reports__priority()
returns trigger
language plpgsql volatile
set search_path = pg_catalog, public, pg_temp
as $$
begin
  NEW.priority := case NEW.category
    when 'safety_concern' then 'urgent'
    when 'fraud' then 'high'
    when 'harassment' then 'high'
    when 'spam' then 'low'
    else 'medium' end::app_public.report_priority;
  return NEW;
end;
$$;
comment on function app_hidden.tg_user_reports__priority() is 'Derives a new report''s priority from its category.';
grant execute on function app_hidden.tg_user_reports__priority() to app_user;

create or replace trigger _100_default_user before insert on app_public.user_reports
  for each row execute function app_hidden.tg__default_current_user('reporter_id');
create or replace trigger _100_timestamps before update on app_public.user_reports
  for each row execute function app_hidden.tg__set_updated_at();
create or replace trigger _200_priority before insert on app_public.user_reports
  for each row execute function app_hidden.tg_user_reports__priority();

create or replace function app_public.report_user(
  user_id uuid,
  category app_public.user_report_category,
  description text,
  delivery_id uuid default null,
  delivery_request_id uuid default null
)
returns app_public.user_reports
language plpgsql volatile
set search_path = pg_catalog, public, pg_temp
as $$
declare
  v_user_id uuid := app_hidden.require_session('report users');
  v_description text := trim(report_user.description);
  v_report app_public.user_reports;
begin
  if report_user.category is null or v_description is null or length(v_description) not between 10 and 2000 then
    raise exception 'A report needs a category and a description of 10 to 2000 characters' using errcode = 'INVAL';
  end if;
  if not exists (select 1 from app_public.users u where u.id = report_user.user_id) then
    raise exception 'User not found' using errcode = 'NTFND';
  end if;
  -- A delivery named in a report must be one between the reporter and the reported user (RLS shows the reporter
  -- only their own deliveries).
  if report_user.delivery_id is not null
     and not exists (select 1 from app_public.deliveries d
                      where d.id = report_user.delivery_id and report_user.user_id in (d.customer_id, d.traveler_id)) then
    raise exception 'Delivery not found' using errcode = 'NTFND';
  end if;
  if exists (select 1 from app_public.user_reports r
              where r.reporter_id = v_user_id and r.reported_user_id = report_user.user_id
                and r.status in ('pending', 'reviewed')) then
    raise exception 'You already reported this user; moderators are looking at it' using errcode = 'BADST';
  end if;
  insert into app_public.user_reports (reporter_id, reported_user_id, category, description, delivery_id, delivery_request_id)
  values (v_user_id, report_user.user_id, report_user.category, v_description, report_user.delivery_id,
          report_user.delivery_request_id)
  returning * into v_report;
  return v_report;
end;
$$;
comment on function app_public.report_user(uuid, app_public.user_report_category, text, uuid, uuid) is E'@resultFieldName userReport\nReports a user to the moderators, optionally about a delivery or request. Errors: LOGIN, INVAL (also yourself), NTFND (user, a delivery not between you two, or an unknown request), BADST (an open report of yours exists).';
grant execute on function app_public.report_user(uuid, app_public.user_report_category, text, uuid, uuid) to app_user;
