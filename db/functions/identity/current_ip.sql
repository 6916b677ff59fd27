-- Client IP of the current request, passed by the server as the request.ip setting (rate limits, audit).
-- Never raises: a missing or malformed value is NULL.
create or replace function app_hidden.current_ip()
returns inet
language plpgsql stable
set search_path = pg_catalog, public, pg_temp
as $$
declare
  v_raw text := nullif(current_setting('request.ip', true), '');
begin
  return v_raw::inet;
exception when invalid_text_representation then
  return null;
end;
$$;
comment on function app_hidden.current_ip() is 'IP address of the client of the current request, or null.';
grant execute on function app_hidden.current_ip() to app_anonymous;
