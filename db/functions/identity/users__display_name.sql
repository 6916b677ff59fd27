-- display_name = first name + last initial, or the full name when the user's privacy preference show_last_name is
-- set; kept in step from the three tables that hold the parts (users, user_contacts, user_preferences).
create or replace function app_hidden.display_name(first_name text, last_name text)
returns text
language sql immutable
set search_path = pg_catalog, public, pg_temp
as $$
  select display_name.first_name || coalesce(' ' || upper(left(display_name.last_name, 1)) || '.', '');
$$;
comment on function app_hidden.display_name(text, text) is 'Public name: first name and last initial.';
grant execute on function app_hidden.display_name(text, text) to app_anonymous;

create or replace function app_hidden.tg_users__display_name()
returns trigger
language plpgsql volatile security definer
set search_path = pg_catalog, public, pg_temp
as $$
declare
  v_last_name text := (select c.last_name from app_public.user_contacts c where c.user_id = NEW.id);
  v_full boolean := coalesce((select (p.privacy ->> 'show_last_name')::boolean
                                from app_public.user_preferences p where p.user_id = NEW.id), false);
begin
  NEW.display_name := case when v_full and v_last_name is not null then NEW.first_name || ' ' || v_last_name
                           else app_hidden.display_name(NEW.first_name, v_last_name) end;
  return NEW;
end;
$$;
comment on function app_hidden.tg_users__display_name() is 'Derives users.display_name on insert and name changes (the full name when show_last_name is set).';
grant execute on function app_hidden.tg_users__display_name() to app_anonymous;

create or replace function app_hidden.tg_user_contacts__display_name()
returns trigger
language plpgsql volatile security definer
set search_path = pg_catalog, public, pg_temp
as $$
begin
  update app_public.users u set display_name = app_hidden.display_name(u.first_name, NEW.last_name)
   where u.id = NEW.user_id;
  return null;
end;
$$;
comment on function app_hidden.tg_user_contacts__display_name() is 'Refreshes users.display_name when the last name changes.';
grant execute on function app_hidden.tg_user_contacts__display_name() to app_anonymous;

-- A change of show_last_name rewrites display_name (recomputed by _200_display_name on users).
create or replace function app_hidden.tg_user_preferences__display_name()
returns trigger
language plpgsql volatile security definer
set search_path = pg_catalog, public, pg_temp
as $$
begin
  update app_public.users u set display_name = u.display_name where u.id = NEW.user_id;
  return null;
end;
$$;
comment on function app_hidden.tg_user_preferences__display_name() is 'Refreshes users.display_name when show_last_name changes.';
grant execute on function app_hidden.tg_user_preferences__display_name() to app_anonymous;

create or replace trigger _100_timestamps before update on app_public.users
  for each row execute function app_hidden.tg__set_updated_at();
create or replace trigger _200_display_name before insert or update of first_name, display_name on app_public.users
  for each row execute function app_hidden.tg_users__display_name();
create or replace trigger _100_timestamps before update on app_public.user_contacts
  for each row execute function app_hidden.tg__set_updated_at();
create or replace trigger _500_display_name after insert or update of last_name on app_public.user_contacts
  for each row execute function app_hidden.tg_user_contacts__display_name();
create or replace trigger _500_display_name after update of privacy on app_public.user_preferences
  for each row when (OLD.privacy -> 'show_last_name' is distinct from NEW.privacy -> 'show_last_name')
  execute function app_hidden.tg_user_preferences__display_name();
