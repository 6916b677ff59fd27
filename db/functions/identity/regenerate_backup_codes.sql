-- Replaces the backup codes, proven by a code (two_factor.sql).
create or replace function app_public.regenerate_backup_codes(code text)
returns text[]
language plpgsql volatile security definer
set search_path = pg_catalog, public, pg_temp
as $$
declare
  v_user_id uuid := app_hidden.require_session();
begin
  if not exists (select 1 from app_private.user_two_factor_auth t where t.user_id = v_user_id and t.enabled) then
    raise exception 'Two-factor authentication is off' using errcode = 'BADST';
  end if;
  if not app_private.use_totp_code(v_user_id, code) then
    raise exception 'The code is wrong' using errcode = 'BADTK';
  end if;
  return app_private.new_backup_codes(v_user_id);
end;
$$;
comment on function app_public.regenerate_backup_codes(text) is E'@resultFieldName backupCodes\nReplaces the backup codes (the old ones stop working) after a TOTP code; returns the new ones, shown once. BADTK when the code is wrong.';
grant execute on function app_public.regenerate_backup_codes(text) to app_user;
