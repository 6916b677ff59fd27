-- The one place a password is compared with its hash (login, change_password, deactivate/delete, 2FA changes).
create or replace function app_private.check_password(user_id uuid, password text)
returns boolean
language sql stable
set search_path = pg_catalog, public, pg_temp
as $$
  select coalesce((
    select public.crypt(check_password.password, s.password_hash) = s.password_hash
      from app_private.user_secrets s
     where s.user_id = check_password.user_id), false);
$$;
comment on function app_private.check_password(uuid, text) is 'Whether the password matches the user''s stored hash.';
