-- What the back-office UI may offer: the caller's effective permissions in this session (empty for non-admins and
-- for admins whose session has not passed the second factor).
create or replace function app_public.current_user_permissions()
returns text[]
language sql stable security definer
set search_path = pg_catalog, public, pg_temp
as $$
  select coalesce((
    select array_agg(distinct granted order by granted)
      from app_private.admin_users a,
           unnest(app_hidden.admin_role_permissions(a.role) || a.permissions) as granted
     where a.user_id = app_public.current_user_id() and a.is_active and app_hidden.admin_session_ok()
  ), '{}');
$$;
comment on function app_public.current_user_permissions() is 'Admin permissions the signed-in user holds in this session; empty for everyone else.';
grant execute on function app_public.current_user_permissions() to app_anonymous;
