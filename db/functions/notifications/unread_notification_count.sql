-- How many in-app messages the signed-in user has not read (0 for a visitor).
create or replace function app_public.unread_notification_count()
returns integer
language sql stable
set search_path = pg_catalog, public, pg_temp
as $$
  select count(*)::int from app_public.notifications n
   where n.user_id = (select app_public.current_user_id()) and n.channel = 'in_app' and n.read_at is null
     and n.status in ('sent', 'delivered');
$$;
comment on function app_public.unread_notification_count() is 'How many of the signed-in user''s in-app notifications are unread.';
grant execute on function app_public.unread_notification_count() to app_user;
