-- The session id claim of the verified JWT, set by the server with set_config(…, true). Never raises: a missing,
-- empty or malformed claim is NULL.
create or replace function app_hidden.current_session_id()
returns uuid
language sql stable
set search_path = pg_catalog, public, pg_temp
as $$
  select case when s ~* '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$' then s::uuid end
    from (select pg_catalog.current_setting('jwt.claims.session_id', true) as s) as claim;
$$;
comment on function app_hidden.current_session_id() is 'Session id claim of the current request, or NULL.';
grant execute on function app_hidden.current_session_id() to app_anonymous;
