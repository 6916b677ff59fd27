create or replace function app_public.register(
  email text,
  password text,
  first_name text,
  last_name text,
  user_type app_public.user_type default 'customer'
)
returns app_public.jwt_token
language plpgsql volatile security definer
set search_path = pg_catalog, public, pg_temp
as $$
declare
  v_email text := trim(register.email);
  v_first_name text := trim(register.first_name);
  v_last_name text := nullif(trim(register.last_name), '');
  v_user app_public.users;
begin
  if not (app_hidden.config_value('platform.registration_enabled'))::boolean then
    raise exception 'Registration is closed at the moment' using errcode = 'DNIED';
  end if;
  if v_email is null or length(v_email) > 254 or v_email !~ '^[^@\s]+@[^@\s]+\.[^@\s]+$' then
    raise exception 'Enter a valid email address' using errcode = 'INVAL';
  end if;
  if v_first_name is null or length(v_first_name) not between 1 and 100
     or length(v_last_name) not between 1 and 100 then
    raise exception 'Names must have between 1 and 100 characters' using errcode = 'INVAL';
  end if;
  perform app_hidden.assert_password_policy(register.password, v_email, array[v_first_name, v_last_name]);
  if exists (select 1 from app_public.user_contacts c where c.email = v_email::citext) then
    raise exception 'An account with this email already exists' using errcode = '23505';
  end if;

  insert into app_public.users (first_name, display_name, user_type)
  values (v_first_name, v_first_name, coalesce(register.user_type, 'customer'))
  returning * into v_user;
  insert into app_public.user_contacts (user_id, email, last_name) values (v_user.id, v_email, v_last_name);
  insert into app_private.user_secrets (user_id, password_hash)
  values (v_user.id, app_private.hash_password(register.password));
  insert into app_private.emails (user_id, recipient, subject, body)
  values (v_user.id, v_email, 'Welcome to P2P Delivery',
          format(E'Hello %s,\n\nyour account is ready. Post a delivery request or a trip to get started.\n', v_first_name));

  return app_private.create_session(v_user.id);
end;
$$;
comment on function app_public.register(text, text, text, text, app_public.user_type) is E'@resultFieldName jwtToken\nCreates an account and signs it in. Errors: INVAL (bad email or name), WEAKP (password policy), 23505 (email taken), DNIED (registration closed).';
grant execute on function app_public.register(text, text, text, text, app_public.user_type) to app_anonymous;
