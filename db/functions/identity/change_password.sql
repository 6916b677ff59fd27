-- Needs the current password; the new one must pass the policy. Every other device is signed out, this one stays.
create or replace function app_public.change_password(current_password text, new_password text)
returns boolean
language plpgsql volatile strict security definer
set search_path = pg_catalog, public, pg_temp
as $$
declare
  v_user_id uuid := app_hidden.require_session('change your password');
  v_email text;
  v_names text[];
begin
  if not app_private.check_password(v_user_id, change_password.current_password) then
    raise exception 'The current password is wrong' using errcode = 'CREDS';
  end if;
  select c.email, array[u.first_name, c.last_name] into v_email, v_names
    from app_public.users u join app_public.user_contacts c on c.user_id = u.id
   where u.id = v_user_id;
  perform app_hidden.assert_password_policy(change_password.new_password, v_email, v_names);
  if change_password.new_password = change_password.current_password then
    raise exception 'Choose a password different from the current one' using errcode = 'WEAKP';
  end if;
  update app_private.user_secrets s
     set password_hash = app_private.hash_password(change_password.new_password), updated_at = now()
   where s.user_id = v_user_id;
  perform app_private.revoke_user_sessions(v_user_id, app_hidden.current_session_id());
  return true;
end;
$$;
comment on function app_public.change_password(text, text) is E'@resultFieldName success\nChanges the signed-in user''s password and signs out every other device. Errors: LOGIN, CREDS (wrong current password), WEAKP (policy).';
grant execute on function app_public.change_password(text, text) to app_anonymous;
