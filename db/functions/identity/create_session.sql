-- A session without device details, for flows that sign the user in with an access token only (register).
create or replace function app_private.create_session(user_id uuid)
returns app_public.jwt_token
language sql volatile
set search_path = pg_catalog, public, pg_temp
as $$
  select (app_private.start_session(create_session.user_id, null, null, null, null)).access_token;
$$;
comment on function app_private.create_session(uuid) is 'Starts a device session for the user and returns its access token claims.';
