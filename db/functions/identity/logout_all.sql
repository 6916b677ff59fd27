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
