-- Admin rights (docs/platform.md, Admin rights): a role's permissions (app_private.admin_role_permissions) plus the
-- row's extra ones. 'x.*' covers 'x.anything',
-- '*' covers everything. Rights apply only in a session that passed the second factor while
-- security.admin_requires_2fa is on, so a stolen password alone never opens the back office.
create or replace function app_hidden.admin_role_permissions(role app_public.admin_role)
returns text[]
language sql stable
set search_path = pg_catalog, public, pg_temp
as $$
  -- The role table of docs/platform.md lives as data, once: app_private.admin_role_permissions.
  select coalesce((select r.permissions from app_private.admin_role_permissions r
                    where r.role = admin_role_permissions.role), '{}');
$$;
comment on function app_hidden.admin_role_permissions(app_public.admin_role) is 'Permissions every admin of a role has.';

-- Whether the current session may exercise admin rights: it passed the second factor, or the platform does not
-- require one.
create or replace function app_hidden.admin_session_ok()
returns boolean
language sql stable security definer
set search_path = pg_catalog, public, pg_temp
as $$
  select not (app_hidden.config_value('security.admin_requires_2fa'))::boolean
      or exists (select 1 from app_private.sessions s
                  where s.id = app_hidden.current_session_id() and s.mfa_verified);
$$;
comment on function app_hidden.admin_session_ok() is 'Whether the current session may use admin rights (two-factor passed or not required).';
grant execute on function app_hidden.admin_session_ok() to app_anonymous;

-- Whether a list of granted permissions covers one: itself, its domain's 'x.*', or '*'. The one place the match is
-- written (the signed-in admin's check below; app_private.alert_admins for the admins an alert goes to).
create or replace function app_hidden.permissions_grant(granted text[], permission text)
returns boolean
language sql immutable
set search_path = pg_catalog, public, pg_temp
as $$
  select exists (select 1 from unnest(permissions_grant.granted) as g (granted)
                  where g.granted = '*' or g.granted = permissions_grant.permission
                     or (right(g.granted, 2) = '.*' and starts_with(permissions_grant.permission, left(g.granted, -1))));
$$;
comment on function app_hidden.permissions_grant(text[], text) is 'Whether granted permissions cover one (itself, x.* or *).';

create or replace function app_hidden.current_user_has_permission(permission text)
returns boolean
language sql stable security definer
set search_path = pg_catalog, public, pg_temp
as $$
  select coalesce((
    select app_hidden.permissions_grant(app_hidden.admin_role_permissions(a.role) || a.permissions,
                                        current_user_has_permission.permission)
      from app_private.admin_users a
     where a.user_id = app_public.current_user_id() and a.is_active and app_hidden.admin_session_ok()
  ), false);
$$;
comment on function app_hidden.current_user_has_permission(text) is 'Whether the signed-in user is an active admin holding the permission.';
grant execute on function app_hidden.current_user_has_permission(text) to app_anonymous;

-- Any active admin, whatever the role (for features that only admins see; rights themselves are permissions).
create or replace function app_hidden.is_admin_user()
returns boolean
language sql stable security definer
set search_path = pg_catalog, public, pg_temp
as $$
  select exists (select 1 from app_private.admin_users a
                  where a.user_id = app_public.current_user_id() and a.is_active)
     and app_hidden.admin_session_ok();
$$;
comment on function app_hidden.is_admin_user() is 'Whether the signed-in user is an active admin.';
grant execute on function app_hidden.is_admin_user() to app_anonymous;
