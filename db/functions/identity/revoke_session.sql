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
