create or replace function app_public.logout()
returns boolean
language plpgsql volatile security definer
set search_path = pg_catalog, public, pg_temp
as $$
begin
  perform app_hidden.require_session();
  update app_private.sessions s set revoked_at = now()
   where s.id = app_hidden.current_session_id() and s.revoked_at is null;
  return found;
end;
$$;
comment on function app_public.logout() is E'@resultFieldName success\nEnds the current device session; its token stops working at once.';
grant execute on function app_public.logout() to app_anonymous;
