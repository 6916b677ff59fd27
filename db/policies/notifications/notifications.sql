-- Users read their own notifications, mark them read or clicked (read_at, clicked_at only) and delete their own
-- in-app ones; nobody inserts (app_hidden.notify does, as the owner). Partitions have no grants: reads go through
-- the parent, whose policy applies.
drop policy if exists select_own on app_public.notifications;
create policy select_own on app_public.notifications for select to app_user
  using (user_id = (select app_public.current_user_id()));

drop policy if exists update_own on app_public.notifications;
create policy update_own on app_public.notifications for update to app_user
  using (user_id = (select app_public.current_user_id()));

drop policy if exists delete_own on app_public.notifications;
create policy delete_own on app_public.notifications for delete to app_user
  using (user_id = (select app_public.current_user_id()) and channel = 'in_app');

revoke all on app_public.notifications from app_anonymous, app_user;
grant select, delete on app_public.notifications to app_user;
grant update (read_at, clicked_at) on app_public.notifications to app_user;
