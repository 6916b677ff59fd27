-- Every tunable's value fits its declared data_type and validation (docs/platform.md, Configuration). The rule lives
-- here once: the trigger below applies it to every insert and update, whoever writes (a migration, an operator, the
-- admin issue's set_config), and records who changed a value.

-- Why the value breaks the declared type or bounds, in words that follow the setting's name; null when it fits.
-- min and max bound a number, or each number of an array or object; pattern matches a string, or each string of an
-- array.
create or replace function app_hidden.configuration_value_problem(
  data_type app_public.configuration_data_type, validation jsonb, value jsonb)
returns text
language plpgsql immutable
set search_path = pg_catalog, public, pg_temp
as $$
declare
  v_fits boolean;
  v_members jsonb[];
  v_min numeric := (configuration_value_problem.validation ->> 'min')::numeric;
  v_max numeric := (configuration_value_problem.validation ->> 'max')::numeric;
  v_pattern text := configuration_value_problem.validation ->> 'pattern';
begin
  if configuration_value_problem.value is null or jsonb_typeof(configuration_value_problem.value) = 'null' then
    return 'needs a value';
  end if;
  v_fits := case configuration_value_problem.data_type
              when 'integer' then jsonb_typeof(configuration_value_problem.value) = 'number'
                                  and configuration_value_problem.value::text ~ '^-?[0-9]+$'
              else jsonb_typeof(configuration_value_problem.value) = configuration_value_problem.data_type::text
            end;
  if not v_fits then
    return format('must be %s', case configuration_value_problem.data_type
                                  when 'boolean' then 'true or false'
                                  when 'integer' then 'a whole number'
                                  when 'number' then 'a number'
                                  when 'string' then 'a string'
                                  when 'array' then 'an array'
                                  else 'an object' end);
  end if;
  v_members := case jsonb_typeof(configuration_value_problem.value)
                 when 'array' then array(select jsonb_array_elements(configuration_value_problem.value))
                 when 'object' then array(select m.value from jsonb_each(configuration_value_problem.value) as m)
                 else array[configuration_value_problem.value] end;
  if exists (select 1 from unnest(v_members) as m
              where jsonb_typeof(m) = 'number' and (m::text::numeric < v_min or m::text::numeric > v_max)) then
    return format('must lie between %s and %s', coalesce(v_min::text, '-∞'), coalesce(v_max::text, '∞'));
  end if;
  if exists (select 1 from unnest(v_members) as m where jsonb_typeof(m) = 'string' and m #>> '{}' !~ v_pattern) then
    return format('must match %s', v_pattern);
  end if;
  return null;
end;
$$;
comment on function app_hidden.configuration_value_problem(app_public.configuration_data_type, jsonb, jsonb) is
  'Why a setting''s value breaks its declared data_type or validation (min, max, pattern); null when it fits.';

create or replace function app_hidden.tg_system_configuration__check_value()
returns trigger
language plpgsql volatile
set search_path = pg_catalog, public, pg_temp
as $$
declare
  v_problem text := app_hidden.configuration_value_problem(NEW.data_type, NEW.validation, NEW.value);
begin
  if v_problem is not null then
    raise exception 'The setting %.% %', NEW.category, NEW.key, v_problem using errcode = 'INVAL';
  end if;
  if TG_OP = 'UPDATE' and NEW.value is distinct from OLD.value then
    NEW.updated_by := app_public.current_user_id();
  end if;
  return NEW;
end;
$$;
comment on function app_hidden.tg_system_configuration__check_value() is
  'Refuses a setting whose value breaks its data_type or validation (INVAL); records who changed a value.';

create or replace trigger _500_check_value before insert or update on app_public.system_configuration
  for each row execute function app_hidden.tg_system_configuration__check_value();
