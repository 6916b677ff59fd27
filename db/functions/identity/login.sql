-- Returns null instead of raising on bad credentials, so that the failure bookkeeping of a later issue
-- (attempt counters, lockout) can commit; the answer never says whether the email exists.
create or replace function app_public.login(email text, password text)
returns app_public.jwt_token
language plpgsql volatile strict security definer
set search_path = pg_catalog, public, pg_temp
as $$
declare
  v_user_id uuid;
  v_hash text;
begin
  select c.user_id, s.password_hash into v_user_id, v_hash
    from app_public.user_contacts c
    join app_public.users u on u.id = c.user_id
    join app_private.user_secrets s on s.user_id = c.user_id
   where c.email = trim(login.email)::citext
     and u.status in ('pending', 'active');
  -- An unknown email still costs one bcrypt, so timing does not reveal which emails exist.
  if public.crypt(login.password, coalesce(v_hash, app_private.hash_password(login.password))) is distinct from v_hash then
    return null;
  end if;
  return app_private.create_session(v_user_id);
end;
$$;
comment on function app_public.login(text, text) is E'@resultFieldName jwtToken\nSigns in with email and password and returns an access token, or null when they do not match.';
grant execute on function app_public.login(text, text) to app_anonymous;
