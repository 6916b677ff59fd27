-- Owner-only: users read and delete their own tokens; registering goes through register_device_token.
drop policy if exists select_own on app_public.device_tokens;
create policy select_own on app_public.device_tokens for select to app_user
  using (user_id = (select app_public.current_user_id()));

drop policy if exists delete_own on app_public.device_tokens;
create policy delete_own on app_public.device_tokens for delete to app_user
  using (user_id = (select app_public.current_user_id()));

revoke all on app_public.device_tokens from app_anonymous, app_user;
grant select, delete on app_public.device_tokens to app_user;
