-- Admin rights (docs/admin.md): the caller check of every admin mutation, and the rule that the platform always keeps
-- an active super_admin.

-- The caller check of admin mutations: a signed-in, active account that is an active admin holding the permission,
-- in a session that passed the second factor (always, whatever security.admin_requires_2fa says for reads: an admin
-- act with a stolen password alone is what the second factor exists to prevent). Returns the admin's id; DNIED
-- otherwise. Functions call it first, then app_hidden.log_admin_action once they succeed.
create or replace function app_private.require_admin(permission text, action text)
returns uuid
language plpgsql stable
set search_path = pg_catalog, public, pg_temp
as $$
declare
  v_user_id uuid := app_hidden.require_user('unverified', require_admin.action);
begin
  if not app_hidden.current_user_has_permission(require_admin.permission) then
    raise exception 'Only admins with % may %', require_admin.permission, require_admin.action using errcode = 'DNIED';
  end if;
  if not exists (select 1 from app_private.sessions s where s.id = app_hidden.current_session_id() and s.mfa_verified) then
    raise exception 'Admin acts need a session that passed the second factor' using errcode = 'DNIED';
  end if;
  return v_user_id;
end;
$$;
comment on function app_private.require_admin(text, text) is 'Caller check of admin mutations: the permission and a two-factor session; returns the admin''s id, DNIED otherwise.';

-- Every change of admin roles (grants, revocations, the first super_admin, and the trigger below) takes this
-- transaction lock first, so that they run one after the other.
create or replace function app_private.lock_admin_roles()
returns void
language sql volatile
set search_path = pg_catalog, public, pg_temp
as $$
  select pg_advisory_xact_lock(hashtext('app_private.admin_users roles'));
$$;
comment on function app_private.lock_admin_roles() is 'Serialises changes of admin roles (a transaction advisory lock).';

-- Only a super_admin grants and revokes roles: the one permission no other role and no extra permission holds.
-- The role lock comes first and the check after it (volatile: a fresh snapshot), so that a super_admin revoked by a
-- concurrent transaction is refused once that one commits, instead of acting on what they were before.
create or replace function app_private.require_super_admin(action text)
returns uuid
language plpgsql volatile
set search_path = pg_catalog, public, pg_temp
as $$
declare
  v_user_id uuid;
begin
  perform app_private.lock_admin_roles();
  v_user_id := app_private.require_admin('admin.roles', require_super_admin.action);
  if not exists (select 1 from app_private.admin_users a
                  where a.user_id = v_user_id and a.role = 'super_admin' and a.is_active) then
    raise exception 'Only a super_admin may %', require_super_admin.action using errcode = 'DNIED';
  end if;
  return v_user_id;
end;
$$;
comment on function app_private.require_super_admin(text) is 'Caller check of role changes: an active super_admin in a two-factor session; returns their id, DNIED otherwise.';

-- The last active super_admin never goes, whoever writes (adminRevokeRole, adminGrantRole demoting, an operator's
-- update or delete, a cascade). Race-safe: every change that takes a super_admin away serialises on the role lock,
-- and counts the others after taking it, in a fresh snapshot (read committed: each statement of a volatile function
-- sees what committed before it began), so two revocations at once cannot each see the other as the one left. The
-- functions take the lock before they lock any admin row (the log's foreign key share-locks the acting admin's row:
-- taken in the other order, two of them could deadlock).
create or replace function app_hidden.tg_admin_users__keep_super_admin()
returns trigger
language plpgsql volatile
set search_path = pg_catalog, public, pg_temp
as $$
begin
  if OLD.role = 'super_admin' and OLD.is_active
     and (TG_OP = 'DELETE' or NEW.role <> 'super_admin' or not NEW.is_active) then
    perform app_private.lock_admin_roles();
    if not exists (select 1 from app_private.admin_users a
                    where a.role = 'super_admin' and a.is_active and a.user_id <> OLD.user_id) then
      raise exception 'The last active super_admin cannot be removed or demoted; grant the role to someone else first'
        using errcode = 'BADST';
    end if;
  end if;
  return case TG_OP when 'DELETE' then OLD else NEW end;
end;
$$;
comment on function app_hidden.tg_admin_users__keep_super_admin() is 'Refuses to remove or demote the last active super_admin (BADST), serialised by an advisory lock.';

create or replace trigger _200_keep_super_admin before update or delete on app_private.admin_users
  for each row execute function app_hidden.tg_admin_users__keep_super_admin();
