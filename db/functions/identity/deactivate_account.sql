-- Deactivation hides the account and signs out every device; signing in again within 30 days undoes it (login's
-- part). The reason is kept server-side in app_private.account_closures.
create or replace function app_public.deactivate_account(password text, reason text)
returns boolean
language plpgsql volatile strict security definer
set search_path = pg_catalog, public, pg_temp
as $$
declare
  v_user_id uuid := app_hidden.require_session('deactivate your account');
  v_reason text := trim(deactivate_account.reason);
  v_status app_public.user_status;
begin
  if length(v_reason) not between 1 and 1000 then
    raise exception 'Give a reason of at most 1000 characters' using errcode = 'INVAL';
  end if;
  if not app_private.check_password(v_user_id, deactivate_account.password) then
    raise exception 'The password is wrong' using errcode = 'CREDS';
  end if;
  select u.status into v_status from app_public.users u where u.id = v_user_id for update;
  if v_status not in ('pending', 'active') then
    raise exception 'A % account cannot be deactivated', v_status using errcode = 'BADST';
  end if;
  update app_public.users u set status = 'deactivated', deactivated_at = now() where u.id = v_user_id;
  insert into app_private.account_closures (user_id, kind, reason) values (v_user_id, 'deactivated', v_reason);
  perform app_private.revoke_user_sessions(v_user_id);
  return true;
end;
$$;
comment on function app_public.deactivate_account(text, text) is E'@resultFieldName success\nDeactivates the signed-in user''s account and signs out every device; signing in within 30 days reactivates it. Needs the password and a reason. Errors: LOGIN, INVAL, CREDS (wrong password), BADST (suspended or banned).';
grant execute on function app_public.deactivate_account(text, text) to app_user;
