-- Turns two-factor authentication off, proven by the password and a code (two_factor.sql).
create or replace function app_public.disable_two_factor(password text, code text)
returns boolean
language plpgsql volatile security definer
set search_path = pg_catalog, public, pg_temp
as $$
declare
  v_user_id uuid := app_hidden.require_session();
begin
  if not exists (select 1 from app_private.user_two_factor_auth t where t.user_id = v_user_id and t.enabled) then
    raise exception 'Two-factor authentication is off' using errcode = 'BADST';
  end if;
  if not coalesce(app_private.check_password(v_user_id, password), false) then
    raise exception 'The password is wrong' using errcode = 'CREDS';
  end if;
  if not (app_private.use_totp_code(v_user_id, code) or app_private.use_backup_code(v_user_id, code)) then
    raise exception 'The code is wrong' using errcode = 'BADTK';
  end if;
  delete from app_private.user_two_factor_auth t where t.user_id = v_user_id;
  return true;
end;
$$;
comment on function app_public.disable_two_factor(text, text) is E'@resultFieldName success\nTurns two-factor authentication off; needs the password (CREDS when wrong) and a TOTP or backup code (BADTK when wrong).';
grant execute on function app_public.disable_two_factor(text, text) to app_user;
