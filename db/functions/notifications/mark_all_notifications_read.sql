-- Marks every unread in-app message of the caller read; returns how many.
create or replace function app_public.mark_all_notifications_read()
returns integer
language plpgsql volatile
set search_path = pg_catalog, public, pg_temp
as $$
declare
  v_user_id uuid := app_hidden.require_session('read notifications');
  v_count integer;
begin
  update app_public.notifications n set read_at = now()
   where n.user_id = v_user_id and n.channel = 'in_app' and n.read_at is null;
  get diagnostics v_count = row_count;
  return v_count;
end;
$$;
comment on function app_public.mark_all_notifications_read() is E'@resultFieldName count\nMarks all your in-app notifications read; returns how many were unread. Errors: LOGIN.';
grant execute on function app_public.mark_all_notifications_read() to app_user;
