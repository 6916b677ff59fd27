-- Exactly one default address per user who has any: the first address becomes the default, deleting the default
-- promotes the newest remaining one, and set_default_address moves it atomically. The partial unique index
-- user_addresses_one_default_key refuses a second default (23505) whatever path writes it.
create or replace function app_hidden.tg_user_addresses__first_is_default()
returns trigger
language plpgsql volatile security definer
set search_path = pg_catalog, public, pg_temp
as $$
begin
  if not exists (select 1 from app_public.user_addresses a where a.user_id = NEW.user_id) then
    NEW.is_default := true;
  end if;
  return NEW;
end;
$$;
comment on function app_hidden.tg_user_addresses__first_is_default() is 'Makes a user''s first address the default.';
grant execute on function app_hidden.tg_user_addresses__first_is_default() to app_user;

create or replace function app_hidden.tg_user_addresses__promote_default()
returns trigger
language plpgsql volatile security definer
set search_path = pg_catalog, public, pg_temp
as $$
begin
  update app_public.user_addresses a set is_default = true
   where a.id = (select n.id from app_public.user_addresses n
                  where n.user_id = OLD.user_id
                  order by n.created_at desc, n.id desc
                  limit 1)
     and not exists (select 1 from app_public.user_addresses d where d.user_id = OLD.user_id and d.is_default);
  return null;
end;
$$;
comment on function app_hidden.tg_user_addresses__promote_default() is 'After the default address is deleted, makes the newest remaining one the default.';
grant execute on function app_hidden.tg_user_addresses__promote_default() to app_user;

create or replace trigger _100_default_user before insert on app_public.user_addresses
  for each row execute function app_hidden.tg__default_current_user('user_id');

create or replace trigger _100_timestamps before update on app_public.user_addresses
  for each row execute function app_hidden.tg__set_updated_at();

create or replace trigger _200_first_is_default before insert on app_public.user_addresses
  for each row execute function app_hidden.tg_user_addresses__first_is_default();

create or replace trigger _500_promote_default after delete on app_public.user_addresses
  for each row when (OLD.is_default) execute function app_hidden.tg_user_addresses__promote_default();
