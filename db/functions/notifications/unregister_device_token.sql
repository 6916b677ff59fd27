-- Removes one of the caller's push tokens (signing out of a device). Another user's token is left alone.
create or replace function app_public.unregister_device_token(token text)
returns boolean
language plpgsql volatile strict
set search_path = pg_catalog, public, pg_temp
as $$
declare
  v_user_id uuid := app_hidden.require_session('unregister a device');
begin
  delete from app_public.device_tokens dt
   where dt.token = unregister_device_token.token and dt.user_id = v_user_id;
  return found;
end;
$$;
comment on function app_public.unregister_device_token(text) is E'@resultFieldName success\nRemoves a push token of yours; false when you had no such token. Errors: LOGIN.';
grant execute on function app_public.unregister_device_token(text) to app_user;
