-- The first operator (docs/admin.md, First admin): no credential ships with the schema. At deploy time an operator
-- (as the owner role, e.g. npm run db:psql) promotes a user who signed up and verified their email:
--   select app_private.bootstrap_super_admin('ops@example.com');
-- Only while no active super_admin exists: afterwards roles come from a super_admin through adminGrantRole, audited
-- under their name. Logged as a critical act of the system (admin_id null).
create or replace function app_private.bootstrap_super_admin(email text)
returns uuid
language plpgsql volatile
set search_path = pg_catalog, public, pg_temp
as $$
declare
  v_user app_public.users;
  v_verified boolean;
  v_old app_private.admin_users;
begin
  -- The lock of every change of the super_admins (admin_user_rules.sql): two bootstraps at once make one.
  perform app_private.lock_admin_roles();
  if exists (select 1 from app_private.admin_users a where a.role = 'super_admin' and a.is_active) then
    raise exception 'A super_admin exists already: roles are granted with adminGrantRole' using errcode = 'BADST';
  end if;
  select u.* into v_user
    from app_public.user_contacts c join app_public.users u on u.id = c.user_id
   where c.email = bootstrap_super_admin.email::citext and u.deleted_at is null;
  select c.email_verified_at is not null into v_verified from app_public.user_contacts c where c.user_id = v_user.id;
  if v_user.id is null then
    raise exception 'No user has the email %', bootstrap_super_admin.email using errcode = 'NTFND';
  end if;
  if not v_verified or v_user.status <> 'active' then
    raise exception 'The first super_admin must be an active user with a verified email (this one is %)', v_user.status
      using errcode = 'BADST';
  end if;
  select * into v_old from app_private.admin_users a where a.user_id = v_user.id;
  insert into app_private.admin_users as a (user_id, role, permissions, is_active)
  values (v_user.id, 'super_admin', '{}', true)
  on conflict on constraint admin_users_pkey do update set role = 'super_admin', permissions = '{}', is_active = true;
  perform app_hidden.log_admin_action('bootstrap_super_admin', 'user', v_user.id::text, 'critical',
    case when v_old.user_id is not null
         then jsonb_build_object('role', v_old.role, 'permissions', v_old.permissions, 'is_active', v_old.is_active) end,
    jsonb_build_object('role', 'super_admin', 'permissions', '{}'::text[], 'is_active', true),
    'first super_admin, made by an operator');
  return v_user.id;
end;
$$;
comment on function app_private.bootstrap_super_admin(text) is 'Makes the verified, active user with this email the first super_admin (only while none exists); returns their id.';
