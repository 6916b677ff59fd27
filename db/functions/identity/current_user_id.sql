create or replace function app_public.current_user_id()
returns uuid
language sql stable security definer
set search_path = pg_catalog, public, pg_temp
as $$
  select s.user_id
    from app_private.sessions s
   where s.id = app_hidden.current_session_id()
     and s.revoked_at is null
     and s.expires_at > now();
$$;
comment on function app_public.current_user_id() is 'Id of the signed-in user, or null when the session is missing, expired or revoked.';
grant execute on function app_public.current_user_id() to app_anonymous;
