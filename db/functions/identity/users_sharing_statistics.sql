-- RLS helper for user_statistics: the visible users (active, not deleted) whose preferences make their statistics
-- public. Security definer
-- because preferences are private to their owner; zero-argument and set-returning, so a policy evaluates it once.
create or replace function app_hidden.users_sharing_statistics()
returns setof uuid
language sql stable security definer
set search_path = pg_catalog, public, pg_temp
as $$
  select p.user_id
    from app_public.user_preferences p
    join app_public.users u on u.id = p.user_id
   where (p.privacy ->> 'show_statistics')::boolean and u.status = 'active' and u.deleted_at is null;
$$;
comment on function app_hidden.users_sharing_statistics() is 'Ids of the users who show their statistics publicly.';
grant execute on function app_hidden.users_sharing_statistics() to app_user;
