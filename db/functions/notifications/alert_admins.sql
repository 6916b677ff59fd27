-- Staff alerts (docs/notifications.md, "Staff alerts"): a template and its data to every active admin whose role or
-- extra permissions grant the permission (app_hidden.permissions_grant: itself, its domain's x.* or *). The text
-- lives in the template, in the admin's locale; callers pass only data.
create or replace function app_private.alert_admins(permission text, template text, variables jsonb)
returns void
language sql volatile
set search_path = pg_catalog, public, pg_temp
as $$
  select app_hidden.notify(a.user_id, alert_admins.template, alert_admins.variables, 'high')
    from app_private.admin_users a
   where a.is_active
     and app_hidden.permissions_grant(app_hidden.admin_role_permissions(a.role) || a.permissions, alert_admins.permission);
$$;
comment on function app_private.alert_admins(text, text, jsonb) is 'Notifies every active admin holding the permission with a template (high priority).';
