create or replace function app_public.current_user()
returns app_public.users
language sql stable
set search_path = pg_catalog, public, pg_temp
as $$
  select u.* from app_public.users u where u.id = app_public.current_user_id();
$$;
comment on function app_public.current_user() is 'The signed-in user, or null.';
grant execute on function app_public.current_user() to app_anonymous;
