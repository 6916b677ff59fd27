-- The signed-in user's in-app inbox (docs/notifications.md): messages the worker has rendered, unread first, then
-- newest first. Runs as the caller: the notifications policy shows only their own rows.
create or replace function app_public.my_notifications()
returns setof app_public.notifications
language sql stable
set search_path = pg_catalog, public, pg_temp
as $$
  select n.* from app_public.notifications n
   where n.user_id = (select app_public.current_user_id()) and n.channel = 'in_app'
     and n.status in ('sent', 'delivered', 'read')
   order by n.read_at is null desc, n.created_at desc, n.id;
$$;
comment on function app_public.my_notifications() is 'The signed-in user''s in-app notifications, unread first, then newest first.';
grant execute on function app_public.my_notifications() to app_user;
