-- Opens a device session and returns the claims PostGraphile signs into an access JWT.
create or replace function app_private.create_session(user_id uuid)
returns app_public.jwt_token
language plpgsql volatile
set search_path = pg_catalog, public, pg_temp
as $$
declare
  v_session app_private.sessions;
begin
  insert into app_private.sessions (user_id, expires_at)
  values (create_session.user_id,
          now() + make_interval(days => (app_hidden.config_value('auth.refresh_token_days'))::int))
  returning * into v_session;
  return row(
    'app_user',
    v_session.id,
    floor(extract(epoch from least(v_session.expires_at,
      now() + make_interval(mins => (app_hidden.config_value('auth.access_token_minutes'))::int))))::bigint
  )::app_public.jwt_token;
end;
$$;
comment on function app_private.create_session(uuid) is 'Starts a device session for the user and returns its token claims.';
