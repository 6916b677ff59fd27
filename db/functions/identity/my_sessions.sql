-- The current user's live device sessions, without any token or hash.
create or replace function app_public.my_sessions()
returns setof app_public.session_info
language sql stable security definer
set search_path = pg_catalog, public, pg_temp
as $$
  select s.id, s.device_id, s.device_type, s.platform, s.app_version, s.ip, s.created_at, s.last_active_at,
         s.expires_at, s.id = app_hidden.current_session_id()
    from app_private.sessions s
   where s.user_id = app_public.current_user_id()  -- the caller check: only one's own sessions
     and s.revoked_at is null and s.expires_at > now()
   order by s.last_active_at desc, s.id;
$$;
comment on function app_public.my_sessions() is 'Live device sessions of the current user, most recently active first.';
grant execute on function app_public.my_sessions() to app_user;
