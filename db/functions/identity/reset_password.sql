-- The second half of a password reset (forgot_password.sql): the emailed link sets a new password.
create or replace function app_public.reset_password(token text, new_password text)
returns boolean
language plpgsql volatile security definer
set search_path = pg_catalog, public, pg_temp
as $$
declare
  v_token app_private.password_reset_tokens;
  v_email text;
  v_names text[];
begin
  if reset_password.token is null or reset_password.token !~ '^[0-9a-f]{64}$' then
    raise exception 'This reset link is not valid' using errcode = 'BADTK';
  end if;
  select * into v_token from app_private.password_reset_tokens t
   where t.token_hash = sha256(decode(reset_password.token, 'hex'))
   for update;
  if v_token.id is null or v_token.used_at is not null then
    raise exception 'This reset link is not valid, was already used or was replaced by a newer one' using errcode = 'BADTK';
  end if;
  if v_token.expires_at <= now() then
    raise exception 'This reset link has expired; ask for a new one' using errcode = 'EXPRD';
  end if;
  select c.email, array[u.first_name, c.last_name] into v_email, v_names
    from app_public.users u join app_public.user_contacts c on c.user_id = u.id
   where u.id = v_token.user_id and u.deleted_at is null;
  if v_email is null then
    raise exception 'This reset link is not valid' using errcode = 'BADTK';
  end if;
  perform app_hidden.assert_password_policy(reset_password.new_password, v_email, v_names);

  update app_private.password_reset_tokens t set used_at = now() where t.id = v_token.id;
  -- Proving control of the mailbox also lifts a lockout: the owner is back in charge of the account.
  update app_private.user_secrets s
     set password_hash = app_private.hash_password(reset_password.new_password),
         failed_login_count = 0, locked_until = null
   where s.user_id = v_token.user_id;
  perform app_private.revoke_user_sessions(v_token.user_id);
  perform app_hidden.notify(v_token.user_id, 'password_changed', '{}', 'urgent');
  return true;
end;
$$;
comment on function app_public.reset_password(text, text) is E'@resultFieldName success\nSets a new password with the token from a reset link, lifts a lockout and signs out every device. Errors: BADTK (unknown, used or replaced link), EXPRD (expired), WEAKP (password policy).';
grant execute on function app_public.reset_password(text, text) to app_anonymous;
