-- Marks one of the caller's in-app messages read (again: no change). Runs as the caller, under the policy.
create or replace function app_public.mark_notification_read(notification_id uuid)
returns app_public.notifications
language plpgsql volatile strict
set search_path = pg_catalog, public, pg_temp
as $$
declare
  v_user_id uuid := app_hidden.require_session('read notifications');
  v_row app_public.notifications;
begin
  update app_public.notifications n set read_at = coalesce(n.read_at, now())
   where n.id = mark_notification_read.notification_id and n.user_id = v_user_id and n.channel = 'in_app'
  returning n.* into v_row;
  if v_row.id is null then
    raise exception 'No such notification' using errcode = 'NTFND';
  end if;
  return v_row;
end;
$$;
comment on function app_public.mark_notification_read(uuid) is E'@resultFieldName notification\nMarks one of your in-app notifications read. Errors: LOGIN, NTFND.';
grant execute on function app_public.mark_notification_read(uuid) to app_user;
