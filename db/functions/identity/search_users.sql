-- Finding people by name (docs/identity.md), e.g. to add a favorite traveler: signed-in users only, active and
-- visible accounts only, never anyone either side has blocked. Served by users_names_trgm_idx.
--
-- Security definer, and visibility applied here: pg_trgm's operators are not leakproof, so under the users policy the
-- planner may not use the trigram index and tests the name of every visible account. As the owner the index applies;
-- the rule of the users policy (db/policies/identity/users.sql: active and not deleted, every account for admins with
-- users.read; the caller is left out anyway) and the block rule (app_hidden.users_blocked_with, an anti-join) are
-- stated here, and test/identity/rls.test.ts checks that the search finds exactly the accounts the table shows.
create or replace function app_public.search_users(q text)
returns setof app_public.users
language plpgsql stable security definer
set search_path = pg_catalog, public, pg_temp
as $$
declare
  v_user_id uuid := app_hidden.require_session('search for people');
  v_every_account boolean := app_hidden.current_user_has_permission('users.read');
  v_q text := trim(search_users.q);
begin
  if v_q is null or length(v_q) not between 2 and 100 then
    raise exception 'Search with 2 to 100 characters' using errcode = 'INVAL';
  end if;
  return query
  select u.* from app_public.users u
   where (u.first_name || ' ' || u.display_name) ilike '%' || replace(replace(replace(v_q, '\', '\\'), '%', '\%'), '_', '\_') || '%'
     and u.id <> v_user_id
     and ((u.status = 'active' and u.deleted_at is null) or v_every_account)
     and not exists (select 1 from app_hidden.users_blocked_with(v_user_id) b where b = u.id)
   order by public.similarity(u.first_name || ' ' || u.display_name, v_q) desc, u.display_name, u.id
   limit 20;
end;
$$;
comment on function app_public.search_users(text) is 'Up to 20 active users whose name contains q (2–100 characters), best matches first; blocked users either way are left out. Errors: LOGIN, INVAL.';
grant execute on function app_public.search_users(text) to app_user;
