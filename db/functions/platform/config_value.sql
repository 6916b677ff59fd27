-- Reads one tunable ('category.key') from system_configuration. Security definer because most rows are not
-- visible to the API roles; a missing key is a programming error and stays a masked internal error.
create or replace function app_hidden.config_value(setting text)
returns jsonb
language plpgsql stable security definer
set search_path = pg_catalog, public, pg_temp
as $$
declare
  v_value jsonb;
begin
  select c.value into v_value
    from app_public.system_configuration c
   where c.category = split_part(config_value.setting, '.', 1)
     and c.key = split_part(config_value.setting, '.', 2);
  if v_value is null then
    raise exception 'Unknown configuration key %', config_value.setting;
  end if;
  return v_value;
end;
$$;
comment on function app_hidden.config_value(text) is 'Value of the tunable named category.key.';
grant execute on function app_hidden.config_value(text) to app_anonymous;
