-- Shared BEFORE INSERT trigger: fills the owner column named by the trigger's argument with the signed-in user when
-- the insert leaves it null, so clients never have to send their own id. A value that is given stays, and the
-- table's insert policy decides whether it is allowed.
create or replace function app_hidden.tg__default_current_user()
returns trigger
language plpgsql volatile
set search_path = pg_catalog, public, pg_temp
as $$
begin
  if to_jsonb(NEW) ->> TG_ARGV[0] is null then
    NEW := jsonb_populate_record(NEW, jsonb_build_object(TG_ARGV[0], app_public.current_user_id()));
  end if;
  return NEW;
end;
$$;
comment on function app_hidden.tg__default_current_user() is 'Sets the owner column named by TG_ARGV[0] to the signed-in user when it is null.';
grant execute on function app_hidden.tg__default_current_user() to app_anonymous;
