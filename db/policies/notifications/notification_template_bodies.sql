-- As their templates: admins with notifications.send.
drop policy if exists select_admin on app_public.notification_template_bodies;
create policy select_admin on app_public.notification_template_bodies for select to app_user
  using (template_id between (select app_hidden.permitted_ids_from('notifications.send'))
                         and (select app_hidden.permitted_ids_to('notifications.send'))
         and length(template_id::text) = 36);

revoke all on app_public.notification_template_bodies from app_anonymous, app_user;
grant select on app_public.notification_template_bodies to app_user;
