-- Admins with notifications.send read bulk sends; they make, cancel and reschedule them through functions.
drop policy if exists select_admin on app_public.bulk_notifications;
create policy select_admin on app_public.bulk_notifications for select to app_user
  using (id between (select app_hidden.permitted_ids_from('notifications.send'))
                and (select app_hidden.permitted_ids_to('notifications.send'))
         and length(id::text) = 36);

revoke all on app_public.bulk_notifications from app_anonymous, app_user;
grant select on app_public.bulk_notifications to app_user;
