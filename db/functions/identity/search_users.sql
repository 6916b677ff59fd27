-- Finding people by name (docs/identity.md), e.g. to add a favorite traveler: signed-in users only, active and
-- visible accounts only, never anyone either side has blocked. Served by users_names_trgm_idx.
create or replace function app_public.search_users(q text)
returns setof app_public.users
language plpgsql stable
set search_path = pg_catalog, public, pg_temp
as $$
declare
  v_user_id uuid := app_hidden.require_session('search for people');
  v_q text := trim(search_users.q);
begin
  if v_q is null or length(v_q) not between 2 and 100 then
    raise exception 'Search with 2 to 100 characters' using errcode = 'INVAL';
  end if;
  -- RLS on users already hides inactive and deleted accounts; blocks are filtered here.
  return query
  select u.* from app_public.users u
   where (u.first_name || ' ' || u.display_name) ilike '%' || replace(replace(replace(v_q, '\', '\\'), '%', '\%'), '_', '\_') || '%'
     and u.id <> v_user_id
     and not app_hidden.is_blocked_with(u.id)
   order by public.similarity(u.first_name || ' ' || u.display_name, v_q) desc, u.display_name, u.id
   limit 20;
end;
$$;
comment on function app_public.search_users(text) is 'Up to 20 active users whose name contains q (2–100 characters), best matches first; blocked users either way are left out. Errors: LOGIN, INVAL.';
grant execute on function app_public.search_users(text) to app_user;
