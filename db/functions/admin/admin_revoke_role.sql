-- A super_admin takes a user's admin role away (docs/admin.md, Admin roles). The row stays, inactive, because the
-- records an admin signed point at it; a later grant makes it active again. The last super_admin cannot lose it
-- (app_hidden.tg_admin_users__keep_super_admin, race-safe). Logged critical.
create or replace function app_public.admin_revoke_role(user_id uuid, reason text)
returns app_public.admin_role_grant
language plpgsql volatile security definer
set search_path = pg_catalog, public, pg_temp
as $$
declare
  v_admin_id uuid := app_private.require_super_admin('revoke admin roles');
  v_old app_private.admin_users;
  v_new app_private.admin_users;
begin
  if length(trim(coalesce(admin_revoke_role.reason, ''))) not between 1 and 1000 then
    raise exception 'reason must have 1 to 1000 characters' using errcode = 'INVAL';
  end if;
  select * into v_old from app_private.admin_users a where a.user_id = admin_revoke_role.user_id for no key update;
  if v_old.user_id is null or not v_old.is_active then
    raise exception 'This user is not an admin' using errcode = 'NTFND';
  end if;
  update app_private.admin_users a set is_active = false where a.user_id = v_old.user_id returning a.* into v_new;
  perform app_hidden.log_admin_action('admin_revoke_role', 'user', v_new.user_id::text, 'critical',
    jsonb_build_object('role', v_old.role, 'permissions', v_old.permissions, 'is_active', true),
    jsonb_build_object('role', v_new.role, 'permissions', v_new.permissions, 'is_active', false),
    admin_revoke_role.reason);
  return row(v_new.user_id, v_new.role, v_new.permissions, v_new.is_active)::app_public.admin_role_grant;
end;
$$;
comment on function app_public.admin_revoke_role(uuid, text) is
  E'@resultFieldName adminRoleGrant\nTakes a user''s admin role away (super_admin only, in a two-factor session; audited, critical). Errors: LOGIN, DNIED, INVAL, NTFND (not an admin), BADST (the last super_admin).';
grant execute on function app_public.admin_revoke_role(uuid, text) to app_user;
