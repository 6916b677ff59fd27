-- Removes a traveler from the caller's favorites.
create or replace function app_public.remove_favorite_traveler(traveler_id uuid)
returns boolean
language plpgsql volatile strict
set search_path = pg_catalog, public, pg_temp
as $$
declare
  v_user_id uuid := app_hidden.require_session('keep favorites');
begin
  delete from app_public.user_favorites f
   where f.user_id = v_user_id and f.traveler_id = remove_favorite_traveler.traveler_id;
  return found;
end;
$$;
comment on function app_public.remove_favorite_traveler(uuid) is E'@resultFieldName success\nRemoves a traveler from the signed-in user''s favorites; false when it was not one. Errors: LOGIN.';
grant execute on function app_public.remove_favorite_traveler(uuid) to app_user;
