-- Admins with notifications.send read, edit (url, description, events, active) and delete webhooks; creating goes
-- through create_webhook (the secret). Nobody else sees them.
drop policy if exists select_admin on app_public.notification_webhooks;
create policy select_admin on app_public.notification_webhooks for select to app_user
  using (id between (select app_hidden.permitted_ids_from('notifications.send'))
                and (select app_hidden.permitted_ids_to('notifications.send'))
         and length(id::text) = 36);

drop policy if exists update_admin on app_public.notification_webhooks;
create policy update_admin on app_public.notification_webhooks for update to app_user
  using (id between (select app_hidden.permitted_ids_from('notifications.send'))
                and (select app_hidden.permitted_ids_to('notifications.send'))
         and length(id::text) = 36);

drop policy if exists delete_admin on app_public.notification_webhooks;
create policy delete_admin on app_public.notification_webhooks for delete to app_user
  using (id between (select app_hidden.permitted_ids_from('notifications.send'))
                and (select app_hidden.permitted_ids_to('notifications.send'))
         and length(id::text) = 36);

revoke all on app_public.notification_webhooks from app_anonymous, app_user;
grant select, delete on app_public.notification_webhooks to app_user;
grant update (url, description, events, active) on app_public.notification_webhooks to app_user;
