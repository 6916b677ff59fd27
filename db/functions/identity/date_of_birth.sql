-- Users are at least 18 (docs/identity.md). A CHECK cannot compare with today (it must be immutable), so the rule
-- is this function: update_profile calls it before writing, and the trigger below applies it to every other write of
-- the column, whoever makes it (the owner role included). 18 is a legal bound, not a tunable.
create or replace function app_hidden.assert_date_of_birth(date_of_birth date)
returns void
language plpgsql stable
set search_path = pg_catalog, public, pg_temp
as $$
begin
  if assert_date_of_birth.date_of_birth > current_date - interval '18 years' then
    raise exception 'The date of birth must be at least 18 years ago' using errcode = 'INVAL';
  end if;
  if assert_date_of_birth.date_of_birth < date '1900-01-01' then
    raise exception 'The date of birth must be after 1900-01-01' using errcode = 'INVAL';
  end if;
end;
$$;
comment on function app_hidden.assert_date_of_birth(date) is 'Raises INVAL unless the date of birth makes the user at least 18 (and is after 1900).';
grant execute on function app_hidden.assert_date_of_birth(date) to app_user;

create or replace function app_hidden.tg_user_contacts__date_of_birth()
returns trigger
language plpgsql volatile
set search_path = pg_catalog, public, pg_temp
as $$
begin
  if NEW.date_of_birth is not null then
    perform app_hidden.assert_date_of_birth(NEW.date_of_birth);
  end if;
  return NEW;
end;
$$;
comment on function app_hidden.tg_user_contacts__date_of_birth() is 'Refuses a date of birth of someone under 18 on any write (INVAL).';
grant execute on function app_hidden.tg_user_contacts__date_of_birth() to app_user;

create or replace trigger _200_date_of_birth before insert or update of date_of_birth on app_public.user_contacts
  for each row execute function app_hidden.tg_user_contacts__date_of_birth();
