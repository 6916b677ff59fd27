-- Admins with notifications.send read templates; edits come with the admin issue (upsert_notification_template).
drop policy if exists select_admin on app_public.notification_templates;
create policy select_admin on app_public.notification_templates for select to app_user
  using (id between (select app_hidden.permitted_ids_from('notifications.send'))
                and (select app_hidden.permitted_ids_to('notifications.send'))
         and length(id::text) = 36);

revoke all on app_public.notification_templates from app_anonymous, app_user;
grant select on app_public.notification_templates to app_user;
