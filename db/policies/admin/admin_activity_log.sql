-- The admin activity log (docs/admin.md, Audit): read by admins with system.read (the range arm: an index condition,
-- db/README.md "Policies scale with the table"); written only by app_hidden.log_admin_action (run by the owner
-- inside admin functions), never changed through the API.
drop policy if exists select_permitted on app_public.admin_activity_log;
create policy select_permitted on app_public.admin_activity_log for select to app_user
  using (id between (select app_hidden.permitted_ids_from('system.read'))
                and (select app_hidden.permitted_ids_to('system.read'))
         and length(id::text) = 36);

revoke all on app_public.admin_activity_log from app_anonymous, app_user;
grant select on app_public.admin_activity_log to app_user;
