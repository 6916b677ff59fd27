-- Admins with notifications.send read webhook deliveries (what was sent, the attempts, the errors); only the owner's
-- functions write them.
drop policy if exists select_admin on app_public.webhook_deliveries;
create policy select_admin on app_public.webhook_deliveries for select to app_user
  using (id between (select app_hidden.permitted_ids_from('notifications.send'))
                and (select app_hidden.permitted_ids_to('notifications.send'))
         and length(id::text) = 36);

revoke all on app_public.webhook_deliveries from app_anonymous, app_user;
grant select on app_public.webhook_deliveries to app_user;
