-- Every change of a setting's value leaves a row of system_configuration_history (docs/admin.md, Configuration):
-- before, after, who (updated_by, set by the value check) and why (set_config passes its reason in the
-- transaction-local setting app.config_change_reason; an operator's update has none), whoever writes.
create or replace function app_hidden.tg_system_configuration__history()
returns trigger
language plpgsql volatile
set search_path = pg_catalog, public, pg_temp
as $$
begin
  insert into app_public.system_configuration_history (setting_id, category, key, old_value, new_value, changed_by, reason)
  values (NEW.id, NEW.category, NEW.key, OLD.value, NEW.value, NEW.updated_by,
          nullif(current_setting('app.config_change_reason', true), ''));
  return null;
end;
$$;
comment on function app_hidden.tg_system_configuration__history() is 'Records a setting''s change (old and new value, who, why) in system_configuration_history.';

create or replace trigger _500_history after update of value on app_public.system_configuration
  for each row when (OLD.value is distinct from NEW.value)
  execute function app_hidden.tg_system_configuration__history();

create or replace trigger _100_append_only before update or delete on app_public.system_configuration_history
  for each row execute function app_hidden.tg__append_only();
create or replace trigger _100_append_only_truncate before truncate on app_public.system_configuration_history
  for each statement execute function app_hidden.tg__append_only();
