-- Shared BEFORE UPDATE trigger for tables with an updated_at column (attached beside each table's other triggers).
create or replace function app_hidden.tg__set_updated_at()
returns trigger
language plpgsql volatile
set search_path = pg_catalog, public, pg_temp
as $$
begin
  NEW.updated_at := greatest(now(), OLD.updated_at + interval '1 millisecond');
  return NEW;
end;
$$;
comment on function app_hidden.tg__set_updated_at() is 'Keeps updated_at strictly increasing on every update.';
grant execute on function app_hidden.tg__set_updated_at() to app_anonymous;

create or replace trigger _100_timestamps before update on app_public.system_configuration
  for each row execute function app_hidden.tg__set_updated_at();
