-- A super_admin makes a user an admin of a role, or changes an admin's role and extra permissions (docs/admin.md,
-- Admin roles). The user must be active (a verified email). Demoting the last super_admin is refused by
-- app_hidden.tg_admin_users__keep_super_admin. Logged critical, with the grant before and after.
create or replace function app_public.admin_grant_role(
  user_id uuid,
  role app_public.admin_role,
  reason text,
  permissions text[] default '{}'
)
returns app_public.admin_role_grant
language plpgsql volatile security definer
set search_path = pg_catalog, public, pg_temp
as $$
declare
  v_admin_id uuid := app_private.require_super_admin('grant admin roles');
  v_status app_public.user_status;
  v_old app_private.admin_users;
  v_new app_private.admin_users;
begin
  if admin_grant_role.role is null then
    raise exception 'role is required' using errcode = 'INVAL';
  end if;
  if length(trim(coalesce(admin_grant_role.reason, ''))) not between 1 and 1000 then
    raise exception 'reason must have 1 to 1000 characters' using errcode = 'INVAL';
  end if;
  select u.status into v_status from app_public.users u
   where u.id = admin_grant_role.user_id and u.deleted_at is null for update;
  if v_status is null then
    raise exception 'User not found' using errcode = 'NTFND';
  end if;
  if v_status <> 'active' then
    raise exception 'Only an active account (with a verified email) can be an admin; this one is %', v_status
      using errcode = 'BADST';
  end if;
  select * into v_old from app_private.admin_users a where a.user_id = admin_grant_role.user_id for no key update;
  insert into app_private.admin_users as a (user_id, role, permissions, is_active)
  values (admin_grant_role.user_id, admin_grant_role.role, coalesce(admin_grant_role.permissions, '{}'), true)
  on conflict on constraint admin_users_pkey do update
    set role = excluded.role, permissions = excluded.permissions, is_active = true
  returning a.* into v_new;
  perform app_hidden.log_admin_action('admin_grant_role', 'user', v_new.user_id::text, 'critical',
    case when v_old.user_id is not null
         then jsonb_build_object('role', v_old.role, 'permissions', v_old.permissions, 'is_active', v_old.is_active) end,
    jsonb_build_object('role', v_new.role, 'permissions', v_new.permissions, 'is_active', v_new.is_active),
    admin_grant_role.reason);
  return row(v_new.user_id, v_new.role, v_new.permissions, v_new.is_active)::app_public.admin_role_grant;
end;
$$;
comment on function app_public.admin_grant_role(uuid, app_public.admin_role, text, text[]) is
  E'@resultFieldName adminRoleGrant\nMakes a user an admin of a role with optional extra permissions (category.action or category.*), or changes an admin''s role (super_admin only, in a two-factor session; audited, critical). Errors: LOGIN, DNIED, INVAL, NTFND, BADST (the account is not active; the last super_admin would be demoted).';
grant execute on function app_public.admin_grant_role(uuid, app_public.admin_role, text, text[]) to app_user;
