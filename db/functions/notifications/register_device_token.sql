-- Registers a push token for the signed-in user's device. A token belongs to whoever registered it last (a phone
-- changes hands or accounts): registering moves it, reactivates it and counts as use. Security definer: the row may
-- be another user's until it moves.
create or replace function app_public.register_device_token(token text, platform app_public.device_platform)
returns app_public.device_tokens
language plpgsql volatile strict security definer
set search_path = pg_catalog, public, pg_temp
as $$
declare
  v_user_id uuid := app_hidden.require_session('register a device');
  v_row app_public.device_tokens;
begin
  insert into app_public.device_tokens as dt (user_id, token, platform)
  values (v_user_id, register_device_token.token, register_device_token.platform)
  on conflict on constraint device_tokens_token_key do update
     set user_id = excluded.user_id, platform = excluded.platform, active = true, deactivated_at = null,
         last_used_at = now()
  returning dt.* into v_row;
  return v_row;
end;
$$;
comment on function app_public.register_device_token(text, app_public.device_platform) is
  E'@resultFieldName deviceToken\nRegisters (or refreshes) a push token of your device; a token registered by another account moves to yours. Errors: LOGIN, INVAL (token length).';
grant execute on function app_public.register_device_token(text, app_public.device_platform) to app_user;
