-- Records that the caller followed one of their notifications (the first time counts); an in-app one is read too.
create or replace function app_public.mark_notification_clicked(notification_id uuid)
returns app_public.notifications
language plpgsql volatile strict
set search_path = pg_catalog, public, pg_temp
as $$
declare
  v_user_id uuid := app_hidden.require_session('open notifications');
  v_row app_public.notifications;
begin
  update app_public.notifications n
     set clicked_at = coalesce(n.clicked_at, now()),
         read_at = case when n.channel = 'in_app' then coalesce(n.read_at, now()) end
   where n.id = mark_notification_clicked.notification_id and n.user_id = v_user_id
  returning n.* into v_row;
  if v_row.id is null then
    raise exception 'No such notification' using errcode = 'NTFND';
  end if;
  return v_row;
end;
$$;
comment on function app_public.mark_notification_clicked(uuid) is E'@resultFieldName notification\nRecords that you opened a notification (an in-app one is then read). Errors: LOGIN, NTFND.';
grant execute on function app_public.mark_notification_clicked(uuid) to app_user;
