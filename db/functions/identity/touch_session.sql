-- Called by the server for every request carrying a token: a revoked or expired session stops working at once.
-- Records activity at most once a minute so busy clients do not write on every request.
create or replace function app_private.touch_session(session_id uuid)
returns boolean
language plpgsql volatile
set search_path = pg_catalog, public, pg_temp
as $$
begin
  update app_private.sessions s
     set last_active_at = now()
   where s.id = touch_session.session_id
     and s.revoked_at is null and s.expires_at > now()
     and s.last_active_at < now() - interval '1 minute';
  return found or exists (
    select 1 from app_private.sessions s
     where s.id = touch_session.session_id and s.revoked_at is null and s.expires_at > now());
end;
$$;
comment on function app_private.touch_session(uuid) is 'Whether the session is live; records its activity.';
