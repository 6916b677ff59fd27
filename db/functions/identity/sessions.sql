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

-- Ends one of the current user's sessions (e.g. a lost phone); its tokens stop working at once.
create or replace function app_public.revoke_session(session_id uuid)
returns boolean
language plpgsql volatile security definer
set search_path = pg_catalog, public, pg_temp
as $$
begin
  perform app_hidden.require_session();
  update app_private.sessions s set revoked_at = now()
   where s.id = revoke_session.session_id and s.user_id = app_public.current_user_id()
     and s.revoked_at is null and s.expires_at > now();
  if not found then
    raise exception 'No such session' using errcode = 'NTFND';
  end if;
  return true;
end;
$$;
comment on function app_public.revoke_session(uuid) is E'@resultFieldName success\nEnds one of your device sessions; NTFND when it is not one of your live sessions.';
grant execute on function app_public.revoke_session(uuid) to app_user;

-- Ends every session of the current user, this one included.
create or replace function app_public.logout_all()
returns integer
language plpgsql volatile security definer
set search_path = pg_catalog, public, pg_temp
as $$
declare
  v_user_id uuid := app_hidden.require_session();
begin
  return app_private.revoke_user_sessions(v_user_id, null);
end;
$$;
comment on function app_public.logout_all() is E'@resultFieldName revokedCount\nEnds all your device sessions, this one included; returns how many ended.';
grant execute on function app_public.logout_all() to app_user;
