-- Maintenance mode (docs/platform.md, Maintenance mode): while platform.maintenance_mode is true, the API refuses
-- every mutation of a caller who is not an admin (MAINT); reads go on. The server asks this once per mutation
-- request, as the request's own role and session (server/plugins/maintenanceMode.ts), before running it: one
-- place for every mutation, present and future. Admins are active admins in a session that may use admin rights.
create or replace function app_hidden.maintenance_refuses_caller()
returns boolean
language sql stable security definer
set search_path = pg_catalog, public, pg_temp
as $$
  select (app_hidden.config_value('platform.maintenance_mode'))::boolean and not app_hidden.is_admin_user();
$$;
comment on function app_hidden.maintenance_refuses_caller() is 'Whether maintenance mode refuses the caller''s mutations (on, and not an admin).';
grant execute on function app_hidden.maintenance_refuses_caller() to app_anonymous;
