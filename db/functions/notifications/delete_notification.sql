-- Deletes one of the caller's in-app messages (other channels' rows are the platform's record).
create or replace function app_public.delete_notification(notification_id uuid)
returns boolean
language plpgsql volatile strict
set search_path = pg_catalog, public, pg_temp
as $$
declare
  v_user_id uuid := app_hidden.require_session('delete notifications');
begin
  delete from app_public.notifications n
   where n.id = delete_notification.notification_id and n.user_id = v_user_id and n.channel = 'in_app';
  if not found then
    raise exception 'No such notification' using errcode = 'NTFND';
  end if;
  return true;
end;
$$;
comment on function app_public.delete_notification(uuid) is E'@resultFieldName success\nDeletes one of your in-app notifications. Errors: LOGIN, NTFND.';
grant execute on function app_public.delete_notification(uuid) to app_user;
