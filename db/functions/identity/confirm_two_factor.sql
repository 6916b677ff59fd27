-- Turns two-factor authentication on with a first code, and hands out the backup codes once (two_factor.sql).
create or replace function app_public.confirm_two_factor(code text)
returns text[]
language plpgsql volatile security definer
set search_path = pg_catalog, public, pg_temp
as $$
declare
  v_user_id uuid := app_hidden.require_session();
begin
  if not exists (select 1 from app_private.user_two_factor_auth t where t.user_id = v_user_id and not t.enabled) then
    raise exception 'Start with setupTwoFactor' using errcode = 'BADST';
  end if;
  if not app_private.use_totp_code(v_user_id, code) then
    raise exception 'The code is wrong' using errcode = 'BADTK';
  end if;
  update app_private.user_two_factor_auth t set enabled = true, enabled_at = now() where t.user_id = v_user_id;
  update app_private.sessions s set mfa_verified = true where s.id = app_hidden.current_session_id();
  return app_private.new_backup_codes(v_user_id);
end;
$$;
comment on function app_public.confirm_two_factor(text) is E'@resultFieldName backupCodes\nTurns two-factor authentication on with a code from the authenticator app and returns the backup codes, shown once. BADTK when the code is wrong, BADST without a pending setup.';
grant execute on function app_public.confirm_two_factor(text) to app_user;
