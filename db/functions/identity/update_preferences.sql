-- Merges the given keys into the signed-in user's preferences after checking their shape: unknown keys, wrong
-- types and unknown tracking levels are INVAL (the table's CHECKs would give 23514 to a direct write).
create or replace function app_public.update_preferences(privacy jsonb default null, location jsonb default null)
returns app_public.user_preferences
language plpgsql volatile
set search_path = pg_catalog, public, pg_temp
as $$
declare
  v_user_id uuid := app_hidden.require_session('change your preferences');
  v_preferences app_public.user_preferences;
begin
  if update_preferences.privacy is not null and (
       jsonb_typeof(update_preferences.privacy) <> 'object'
       or exists (select 1 from jsonb_each(update_preferences.privacy) e
                   where e.key not in ('show_last_name', 'show_statistics') or jsonb_typeof(e.value) <> 'boolean')) then
    raise exception 'privacy accepts show_last_name and show_statistics, both booleans' using errcode = 'INVAL';
  end if;
  if update_preferences.location is not null and (
       jsonb_typeof(update_preferences.location) <> 'object'
       or exists (select 1 from jsonb_each(update_preferences.location) e
                   where not ((e.key = 'tracking_level' and e.value in ('"precise"', '"approximate"', '"minimal"'))
                              or (e.key = 'delete_after_delivery' and jsonb_typeof(e.value) = 'boolean')))) then
    raise exception 'location accepts tracking_level (precise, approximate or minimal) and delete_after_delivery (boolean)'
      using errcode = 'INVAL';
  end if;
  update app_public.user_preferences p
     set privacy = p.privacy || coalesce(update_preferences.privacy, '{}'),
         location = p.location || coalesce(update_preferences.location, '{}')
   where p.user_id = v_user_id
  returning p.* into v_preferences;
  return v_preferences;
end;
$$;
comment on function app_public.update_preferences(jsonb, jsonb) is E'@resultFieldName userPreference\nChanges some of the signed-in user''s preferences; keys left out stay. privacy: {show_last_name, show_statistics} booleans; location: {tracking_level: precise|approximate|minimal, delete_after_delivery: boolean}. Errors: LOGIN, INVAL.';
grant execute on function app_public.update_preferences(jsonb, jsonb) to app_user;

create or replace trigger _100_timestamps before update on app_public.user_preferences
  for each row execute function app_hidden.tg__set_updated_at();
