-- Favorites: customers keep travelers they liked (a matching bonus, docs/matching.md). Visible only to their owner.
create or replace function app_public.add_favorite_traveler(traveler_id uuid)
returns app_public.user_favorites
language plpgsql volatile strict
set search_path = pg_catalog, public, pg_temp
as $$
declare
  v_user_id uuid := app_hidden.require_not_suspended('keep favorites');
  v_type app_public.user_type;
  v_favorite app_public.user_favorites;
begin
  select u.user_type into v_type from app_public.users u where u.id = add_favorite_traveler.traveler_id;
  if v_type is null then
    raise exception 'User not found' using errcode = 'NTFND';
  end if;
  if v_type = 'customer' and add_favorite_traveler.traveler_id <> v_user_id then
    raise exception 'Only travelers can be favorites' using errcode = 'INVAL';
  end if;
  if exists (select 1 from app_public.user_blocks b
              where b.blocker_id = v_user_id and b.blocked_id = add_favorite_traveler.traveler_id) then
    raise exception 'Unblock this user first' using errcode = 'BADST';
  end if;
  insert into app_public.user_favorites (user_id, traveler_id)
  values (v_user_id, add_favorite_traveler.traveler_id)
  on conflict on constraint user_favorites_pair_key do nothing
  returning * into v_favorite;
  if v_favorite.id is null then
    select f.* into v_favorite from app_public.user_favorites f
     where f.user_id = v_user_id and f.traveler_id = add_favorite_traveler.traveler_id;
  end if;
  return v_favorite;
end;
$$;
comment on function app_public.add_favorite_traveler(uuid) is E'@resultFieldName userFavorite\nAdds a traveler to the signed-in user''s favorites (adding twice keeps one). Errors: LOGIN, NTFND, INVAL (not a traveler, or yourself), BADST (blocked by you).';
grant execute on function app_public.add_favorite_traveler(uuid) to app_user;

create or replace trigger _100_default_user before insert on app_public.user_favorites
  for each row execute function app_hidden.tg__default_current_user('user_id');
