create or replace function app_private.hash_password(password text)
returns text
language sql volatile
set search_path = pg_catalog, public, pg_temp
as $$
  select public.crypt(hash_password.password,
                      public.gen_salt('bf', (app_hidden.config_value('security.bcrypt_cost'))::int));
$$;
comment on function app_private.hash_password(text) is 'bcrypt hash of a password, with the configured cost.';
