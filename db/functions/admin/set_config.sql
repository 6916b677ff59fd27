-- An admin changes a setting (docs/admin.md, Configuration): system.write in a two-factor session, with a reason.
-- The value is checked against the row's data_type and validation by the table's trigger (configuration_checks.sql,
-- INVAL naming the setting), the change is recorded in system_configuration_history by its trigger (which reads the
-- reason from the transaction-local setting app.config_change_reason), and logged high. Applies at once.
create or replace function app_public.set_config(category text, key text, value jsonb, reason text)
returns app_public.system_configuration
language plpgsql volatile security definer
set search_path = pg_catalog, public, pg_temp
as $$
declare
  v_admin_id uuid := app_private.require_admin('system.write', 'change settings');
  v_old app_public.system_configuration;
  v_new app_public.system_configuration;
begin
  if length(trim(coalesce(set_config.reason, ''))) not between 1 and 1000 then
    raise exception 'reason must have 1 to 1000 characters' using errcode = 'INVAL';
  end if;
  select * into v_old from app_public.system_configuration c
   where c.category = set_config.category and c.key = set_config.key for update;
  if v_old.id is null then
    raise exception 'No setting is named %.%', set_config.category, set_config.key using errcode = 'NTFND';
  end if;
  perform pg_catalog.set_config('app.config_change_reason', trim(set_config.reason), true);
  update app_public.system_configuration c set value = set_config.value where c.id = v_old.id returning c.* into v_new;
  perform pg_catalog.set_config('app.config_change_reason', '', true);
  perform app_hidden.log_admin_action('set_config', 'system_configuration', v_new.category || '.' || v_new.key, 'high',
    jsonb_build_object('value', v_old.value), jsonb_build_object('value', v_new.value), set_config.reason);
  return v_new;
end;
$$;
comment on function app_public.set_config(text, text, jsonb, text) is
  E'@resultFieldName systemConfiguration\nChanges a setting''s value (admins with system.write, in a two-factor session; audited, high; recorded in the setting''s history with the reason). The value must fit the setting''s type and bounds. Errors: LOGIN, DNIED, INVAL (reason; a value of the wrong type or out of bounds), NTFND (no such setting).';
grant execute on function app_public.set_config(text, text, jsonb, text) to app_user;
