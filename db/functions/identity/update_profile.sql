-- The profile fields a user may change. Status, verification level and admin rights are never arguments: they
-- change only through their own flows (and a direct update of those columns fails with 42501: no grant).
-- A null argument leaves the field as it is; an empty string clears the last name or the bio. The picture is a ready
-- avatar file of the user's (checked as it is attached: app_hidden.tg__attach_files); updateUser with pictureId null
-- removes it. The date
-- of birth is checked here, before anything is written, and again by its trigger (date_of_birth.sql).
create or replace function app_public.update_profile(
  first_name text default null,
  last_name text default null,
  bio text default null,
  picture_id uuid default null,
  user_type app_public.user_type default null,
  date_of_birth date default null
)
returns app_public.users
language plpgsql volatile
set search_path = pg_catalog, public, pg_temp
as $$
declare
  v_user_id uuid := app_hidden.require_not_suspended('change your profile');
  v_first_name text := trim(update_profile.first_name);
  v_last_name text := trim(update_profile.last_name);
  v_bio text := trim(update_profile.bio);
  v_user app_public.users;
begin
  if v_first_name is not null and length(v_first_name) not between 1 and 100 then
    raise exception 'The first name must have between 1 and 100 characters' using errcode = 'INVAL';
  end if;
  if length(v_last_name) > 100 then
    raise exception 'The last name must have at most 100 characters' using errcode = 'INVAL';
  end if;
  if length(v_bio) > 500 then
    raise exception 'The bio must have at most 500 characters' using errcode = 'INVAL';
  end if;

  if update_profile.date_of_birth is not null then
    perform app_hidden.assert_date_of_birth(update_profile.date_of_birth);
  end if;

  if v_last_name is not null or update_profile.date_of_birth is not null then
    update app_public.user_contacts c
       set last_name = case when v_last_name is null then c.last_name else nullif(v_last_name, '') end,
           date_of_birth = coalesce(update_profile.date_of_birth, c.date_of_birth)
     where c.user_id = v_user_id;
  end if;
  update app_public.users u
     set first_name = coalesce(v_first_name, u.first_name),
         bio = case when v_bio is null then u.bio else nullif(v_bio, '') end,
         picture_id = coalesce(update_profile.picture_id, u.picture_id),
         user_type = coalesce(update_profile.user_type, u.user_type)
   where u.id = v_user_id
  returning u.* into v_user;
  return v_user;
end;
$$;
comment on function app_public.update_profile(text, text, text, uuid, app_public.user_type, date) is E'@resultFieldName user\nChanges the signed-in user''s profile: names, bio, picture, whether they send or carry items, and the date of birth (private; users must be at least 18). Omitted fields stay; an empty string clears the last name or bio. The picture is a ready avatar file of the user''s (updateUser with pictureId null removes it; a replaced picture is deleted). Errors: LOGIN, SUSPD, INVAL (a field named: picture_id not the user''s file or not an avatar), BADST (picture not uploaded yet).';
grant execute on function app_public.update_profile(text, text, text, uuid, app_public.user_type, date) to app_user;
